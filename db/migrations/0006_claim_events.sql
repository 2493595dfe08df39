CREATE TYPE "public"."claim_action" AS ENUM('created', 'updated', 'deleted', 'restored', 'reattached', 'verdict_confirmed', 'imported', 'moved_by_revision');--> statement-breakpoint
CREATE TABLE "claim_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "claim_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"annotation_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"action" "claim_action" NOT NULL,
	"actor" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"before" jsonb,
	"after" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "claim_events" ADD CONSTRAINT "claim_events_annotation_id_annotations_id_fk" FOREIGN KEY ("annotation_id") REFERENCES "public"."annotations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_events" ADD CONSTRAINT "claim_events_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "claim_events_document_idx" ON "claim_events" USING btree ("document_id","id");--> statement-breakpoint
CREATE INDEX "claim_events_annotation_idx" ON "claim_events" USING btree ("annotation_id","id");