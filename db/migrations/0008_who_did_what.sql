ALTER TABLE "annotation_anchors" ADD COLUMN "actor_id" text;--> statement-breakpoint
ALTER TABLE "annotations" ADD COLUMN "deleted_by_id" text;--> statement-breakpoint
ALTER TABLE "document_revisions" ADD COLUMN "published_by_id" text;--> statement-breakpoint
ALTER TABLE "annotation_anchors" ADD CONSTRAINT "annotation_anchors_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annotations" ADD CONSTRAINT "annotations_deleted_by_id_users_id_fk" FOREIGN KEY ("deleted_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_revisions" ADD CONSTRAINT "document_revisions_published_by_id_users_id_fk" FOREIGN KEY ("published_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;