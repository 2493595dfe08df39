CREATE INDEX "annotations_live_tag_idx" ON "annotations" USING btree ("tag","id") WHERE "annotations"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "annotations_live_claimant_idx" ON "annotations" USING btree ("claimant","id") WHERE "annotations"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "annotations_live_created_by_idx" ON "annotations" USING btree ("created_by","id") WHERE "annotations"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "annotations_live_updated_by_idx" ON "annotations" USING btree ("updated_by","id") WHERE "annotations"."deleted_at" is null;
--> statement-breakpoint
-- Written by hand: extensions, and indexes on expressions drizzle-kit does not model.
-- pg_trgm and unaccent are trusted extensions: the database's owner may create them (PostgreSQL 13+).
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;--> statement-breakpoint
-- unaccent() is STABLE (its dictionary could change), so it cannot be indexed; this wrapper
-- names its dictionary and schema, and promises the answer never changes, so it can be.
CREATE OR REPLACE FUNCTION public.immutable_unaccent(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, value) $$;--> statement-breakpoint
-- Search (`q`): the words of the quote, note and claimant, without accents (db/queries/review.ts, searchDocument).
CREATE INDEX "annotations_live_search_idx" ON "annotations" USING gin (
  to_tsvector('simple'::regconfig, public.immutable_unaccent("exact" || ' ' || "note" || ' ' || "claimant"))
) WHERE "deleted_at" is null;--> statement-breakpoint
-- Partial names, any case and accents: `immutable_unaccent(name) ILIKE '%part%'` (db/queries/review.ts, namePart).
CREATE INDEX "annotations_live_claimant_trgm_idx" ON "annotations" USING gin (public.immutable_unaccent("claimant") gin_trgm_ops) WHERE "deleted_at" is null;--> statement-breakpoint
CREATE INDEX "annotations_live_created_by_trgm_idx" ON "annotations" USING gin (public.immutable_unaccent("created_by") gin_trgm_ops) WHERE "deleted_at" is null;--> statement-breakpoint
CREATE INDEX "annotations_live_updated_by_trgm_idx" ON "annotations" USING gin (public.immutable_unaccent("updated_by") gin_trgm_ops) WHERE "deleted_at" is null;
