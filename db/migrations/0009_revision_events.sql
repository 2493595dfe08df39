CREATE TABLE "revision_events" (
	"id" bigint PRIMARY KEY DEFAULT nextval(pg_get_serial_sequence('claim_events', 'id')) NOT NULL,
	"document_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"actor" text NOT NULL,
	"actor_id" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "revision_events" ADD CONSTRAINT "revision_events_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revision_events" ADD CONSTRAINT "revision_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "revision_events_document_idx" ON "revision_events" USING btree ("document_id","id");