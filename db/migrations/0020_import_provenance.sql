ALTER TABLE "annotations" ADD COLUMN "provenance" jsonb;--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "provenance" jsonb;