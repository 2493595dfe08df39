-- Search (`q`) finds claims by the words of their comments too (db/queries/review.ts, matchesSearch):
-- the same expression as the claims' own search index, over each live comment.
CREATE INDEX "comments_live_search_idx" ON "comments" USING gin (
  to_tsvector('simple'::regconfig, public.immutable_unaccent("body"))
) WHERE "deleted_at" is null;
