CREATE TYPE "public"."review_state" AS ENUM('draft', 'in_review', 'approved');--> statement-breakpoint
CREATE TYPE "public"."verdict_kind" AS ENUM('first', 'second');--> statement-breakpoint
ALTER TYPE "public"."claim_action" ADD VALUE 'submitted';--> statement-breakpoint
ALTER TYPE "public"."claim_action" ADD VALUE 'approved';--> statement-breakpoint
ALTER TYPE "public"."claim_action" ADD VALUE 'changes_requested';--> statement-breakpoint
ALTER TYPE "public"."claim_action" ADD VALUE 'reopened';--> statement-breakpoint
ALTER TYPE "public"."claim_action" ADD VALUE 'verdict_given';--> statement-breakpoint
ALTER TYPE "public"."claim_action" ADD VALUE 'verdicts_seen';--> statement-breakpoint
CREATE TABLE "claim_verdicts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"annotation_id" uuid NOT NULL,
	"kind" "verdict_kind" NOT NULL,
	"tag" "claim_tag" NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"by_name" text NOT NULL,
	"by_id" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claim_verdicts_person_unique" UNIQUE("annotation_id","by_id")
);
--> statement-breakpoint
ALTER TABLE "annotations" ADD COLUMN "review_state" "review_state" DEFAULT 'draft' NOT NULL;--> statement-breakpoint
ALTER TABLE "annotations" ADD COLUMN "approved_by" text;--> statement-breakpoint
ALTER TABLE "annotations" ADD COLUMN "approved_by_id" text;--> statement-breakpoint
ALTER TABLE "annotations" ADD COLUMN "approved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "annotations" ADD COLUMN "verdict_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "annotations" ADD COLUMN "verdicts_differ" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "claim_events" ADD COLUMN "detail" jsonb;--> statement-breakpoint
ALTER TABLE "claim_verdicts" ADD CONSTRAINT "claim_verdicts_annotation_id_annotations_id_fk" FOREIGN KEY ("annotation_id") REFERENCES "public"."annotations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_verdicts" ADD CONSTRAINT "claim_verdicts_by_id_users_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "claim_verdicts_first_unique" ON "claim_verdicts" USING btree ("annotation_id") WHERE "claim_verdicts"."kind" = 'first';--> statement-breakpoint
ALTER TABLE "annotations" ADD CONSTRAINT "annotations_approved_by_id_users_id_fk" FOREIGN KEY ("approved_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;