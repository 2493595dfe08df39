-- Written by hand (drizzle-kit does not model tsvector columns). The home page's search words
-- (db/queries/article-list.ts, matchesArticleSearch) without accents, as the review pages' are
-- (migration 0021): "emile" finds "Émile", "zurich" finds "Zürich". The column is made again,
-- the words of every article computed once more (seconds for thousands of articles).
DROP INDEX "documents_search_words_idx";--> statement-breakpoint
ALTER TABLE "documents" DROP COLUMN "search_words";--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "search_words" tsvector GENERATED ALWAYS AS (
  strip(to_tsvector('english'::regconfig, public.immutable_unaccent(left(coalesce("title", '') || ' ' || coalesce("outlet", '') || ' ' || coalesce("author", '') || ' ' || "text", 200000))))
) STORED;--> statement-breakpoint
CREATE INDEX "documents_search_words_idx" ON "documents" USING gin ("search_words");
