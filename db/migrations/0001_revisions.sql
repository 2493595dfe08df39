CREATE TYPE "public"."anchor_status" AS ENUM('anchored', 'orphan');--> statement-breakpoint
CREATE TABLE "annotation_anchors" (
	"annotation_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"status" "anchor_status" NOT NULL,
	"start_offset" integer NOT NULL,
	"end_offset" integer NOT NULL,
	"exact" text NOT NULL,
	"method" text NOT NULL,
	"score" real,
	"actor" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "annotation_anchors_annotation_id_revision_pk" PRIMARY KEY("annotation_id","revision")
);
--> statement-breakpoint
CREATE TABLE "document_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"text" text NOT NULL,
	"blocks" jsonb NOT NULL,
	"published_by" text NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "document_revisions_number_unique" UNIQUE("document_id","number")
);
--> statement-breakpoint
ALTER TABLE "annotations" ADD COLUMN "created_revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "annotations" ADD COLUMN "anchored_revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "annotations" ADD COLUMN "status" "anchor_status" DEFAULT 'anchored' NOT NULL;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "annotation_anchors" ADD CONSTRAINT "annotation_anchors_annotation_id_annotations_id_fk" FOREIGN KEY ("annotation_id") REFERENCES "public"."annotations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_revisions" ADD CONSTRAINT "document_revisions_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;