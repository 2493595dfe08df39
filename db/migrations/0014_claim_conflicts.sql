ALTER TYPE "public"."claim_action" ADD VALUE 'conflict_resolved';--> statement-breakpoint
ALTER TABLE "annotations" ADD COLUMN "conflicts" jsonb DEFAULT '[]'::jsonb NOT NULL;