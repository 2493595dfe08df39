-- Written by hand (drizzle-kit does not model tsvector columns). Search (`q`, db/queries/review.ts):
-- each claim's words (quote, note and claimant, without accents, positions stripped) stored, so that
-- a word in many claims is tested row by row in the page's own order without computing each claim's
-- words again (the expression index of 0011 left PostgreSQL doing that on every row it tested).
ALTER TABLE "annotations" ADD COLUMN "search_words" tsvector GENERATED ALWAYS AS (
  strip(to_tsvector('simple'::regconfig, public.immutable_unaccent("exact" || ' ' || "note" || ' ' || "claimant")))
) STORED;--> statement-breakpoint
DROP INDEX "annotations_live_search_idx";--> statement-breakpoint
CREATE INDEX "annotations_live_search_words_idx" ON "annotations" USING gin ("search_words") WHERE "deleted_at" is null;
--> statement-breakpoint
-- The same for comments, whose matches are tested against the claims of a page in its order: stored
-- words also give the planner statistics, without which it guessed a common word rare.
ALTER TABLE "comments" ADD COLUMN "search_words" tsvector GENERATED ALWAYS AS (
  strip(to_tsvector('simple'::regconfig, public.immutable_unaccent("body")))
) STORED;--> statement-breakpoint
DROP INDEX "comments_live_search_idx";--> statement-breakpoint
CREATE INDEX "comments_live_search_words_idx" ON "comments" USING gin ("search_words") WHERE "deleted_at" is null;
