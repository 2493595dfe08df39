CREATE TABLE "claim_names" (
	"kind" text NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "claim_names_kind_name_pk" PRIMARY KEY("kind","name")
);
--> statement-breakpoint
DROP INDEX "documents_search_idx";--> statement-breakpoint
ALTER TABLE "document_counts" ADD COLUMN "in_review" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "document_counts" drop column "needs_review";--> statement-breakpoint
ALTER TABLE "document_counts" ADD COLUMN "needs_review" integer GENERATED ALWAYS AS (orphans + words_changed + in_review) STORED;--> statement-breakpoint
CREATE INDEX "annotations_live_state_idx" ON "annotations" USING btree ("review_state","tag","document_id") WHERE "annotations"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "annotations_verdicts_differ_idx" ON "annotations" USING btree ("tag","document_id") WHERE "annotations"."verdicts_differ" and "annotations"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "documents_archived_idx" ON "documents" USING btree ("id") WHERE "documents"."archived_at" is not null;--> statement-breakpoint
-- Hand-written from here (and in_review moved before needs_review). drizzle-kit added in_review after needs_review, which
-- names it, and did not make again the index that dropping needs_review dropped
-- (PostgreSQL 15 cannot change a generated column's expression in place).
CREATE INDEX "document_counts_review_idx" ON "document_counts" USING btree ("needs_review","document_id");--> statement-breakpoint
-- The claims in review counted, as 0016's trigger counts the rest.
CREATE OR REPLACE FUNCTION document_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT 1 AS sign, * FROM new_rows'
    WHEN 'DELETE' THEN 'SELECT -1 AS sign, * FROM old_rows'
    ELSE 'SELECT 1 AS sign, * FROM new_rows UNION ALL SELECT -1 AS sign, * FROM old_rows'
  END;
BEGIN
  EXECUTE format($sql$
    UPDATE document_counts c
    SET disputed = c.disputed + d.disputed, denied = c.denied + d.denied, unverified = c.unverified + d.unverified,
        orphans = c.orphans + d.orphans, words_changed = c.words_changed + d.words_changed, in_review = c.in_review + d.in_review
    FROM (
      SELECT document_id,
        coalesce(sum(sign) FILTER (WHERE tag = 'disputed'), 0) AS disputed,
        coalesce(sum(sign) FILTER (WHERE tag = 'denied'), 0) AS denied,
        coalesce(sum(sign) FILTER (WHERE tag = 'unverified'), 0) AS unverified,
        coalesce(sum(sign) FILTER (WHERE status = 'orphan'), 0) AS orphans,
        coalesce(sum(sign) FILTER (WHERE status = 'anchored' AND previous_quote IS NOT NULL), 0) AS words_changed,
        coalesce(sum(sign) FILTER (WHERE review_state = 'in_review'), 0) AS in_review
      FROM (%s) r
      WHERE deleted_at IS NULL
      GROUP BY document_id
    ) d
    WHERE c.document_id = d.document_id
      AND (d.disputed, d.denied, d.unverified, d.orphans, d.words_changed, d.in_review) <> (0, 0, 0, 0, 0, 0)
  $sql$, changed);
  RETURN NULL;
END $$;--> statement-breakpoint
UPDATE document_counts c SET in_review = r.n
FROM (SELECT document_id, count(*) AS n FROM annotations WHERE review_state = 'in_review' AND deleted_at IS NULL GROUP BY document_id) r
WHERE c.document_id = r.document_id;--> statement-breakpoint
-- Every reviewer's and claimant's name, added once per statement on annotations
-- (in one order, so that two writers adding the same new names cannot deadlock).
CREATE FUNCTION claim_names_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO claim_names (kind, name)
  SELECT DISTINCT kind, name FROM (
    SELECT 'reviewer' AS kind, created_by AS name FROM new_rows
    UNION ALL SELECT 'reviewer', updated_by FROM new_rows
    UNION ALL SELECT 'claimant', claimant FROM new_rows
  ) named
  WHERE name <> ''
  ORDER BY kind, name
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER annotations_names_insert AFTER INSERT ON annotations REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION claim_names_add();--> statement-breakpoint
CREATE TRIGGER annotations_names_update AFTER UPDATE ON annotations REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION claim_names_add();--> statement-breakpoint
INSERT INTO claim_names (kind, name)
SELECT DISTINCT kind, name FROM (
  SELECT 'reviewer' AS kind, created_by AS name FROM annotations
  UNION ALL SELECT 'reviewer', updated_by FROM annotations
  UNION ALL SELECT 'claimant', claimant FROM annotations
) named
WHERE name <> '';--> statement-breakpoint
-- Part of a name, any case and accents (db/queries/review.ts, namePart), for parts of 3 letters or more.
CREATE INDEX "claim_names_trgm_idx" ON "claim_names" USING gin (public.immutable_unaccent("name") gin_trgm_ops);
--> statement-breakpoint
-- Names are matched in claim_names now: the claims' own trigram indexes (migration 0011) only cost each write.
DROP INDEX IF EXISTS "annotations_live_claimant_trgm_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "annotations_live_created_by_trgm_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "annotations_live_updated_by_trgm_idx";--> statement-breakpoint
-- The home page's search words, stored (see db/schema.ts, documents): replaces documents_search_idx,
-- the same expression indexed, which a common word made PostgreSQL compute again for every article.
ALTER TABLE "documents" ADD COLUMN "search_words" tsvector GENERATED ALWAYS AS (
  strip(to_tsvector('english'::regconfig, left(coalesce("title", '') || ' ' || coalesce("outlet", '') || ' ' || coalesce("author", '') || ' ' || "text", 200000)))
) STORED;--> statement-breakpoint
CREATE INDEX "documents_search_words_idx" ON "documents" USING gin ("search_words");
