CREATE TABLE "article_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "article_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"document_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"action" text NOT NULL,
	"claim_count" integer NOT NULL,
	"actor" text NOT NULL,
	"actor_id" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_counts" (
	"document_id" uuid PRIMARY KEY NOT NULL,
	"disputed" integer DEFAULT 0 NOT NULL,
	"denied" integer DEFAULT 0 NOT NULL,
	"unverified" integer DEFAULT 0 NOT NULL,
	"orphans" integer DEFAULT 0 NOT NULL,
	"words_changed" integer DEFAULT 0 NOT NULL,
	"claims" integer GENERATED ALWAYS AS (disputed + denied + unverified) STORED,
	"needs_review" integer GENERATED ALWAYS AS (orphans + words_changed) STORED
);
--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "archived_by" text;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "archived_by_id" text;--> statement-breakpoint
ALTER TABLE "article_events" ADD CONSTRAINT "article_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_counts" ADD CONSTRAINT "document_counts_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "article_events_document_idx" ON "article_events" USING btree ("document_id","id");--> statement-breakpoint
CREATE INDEX "document_counts_claims_idx" ON "document_counts" USING btree ("claims","document_id");--> statement-breakpoint
CREATE INDEX "document_counts_review_idx" ON "document_counts" USING btree ("needs_review","document_id");--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_archived_by_id_users_id_fk" FOREIGN KEY ("archived_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "documents_created_idx" ON "documents" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "documents_published_idx" ON "documents" USING btree (coalesce("published_at", '0001-01-01'::date),"id");--> statement-breakpoint
CREATE INDEX "documents_outlet_idx" ON "documents" USING btree ("outlet");--> statement-breakpoint
CREATE INDEX "documents_source_url_key_idx" ON "documents" USING btree (rtrim(regexp_replace(regexp_replace(lower("source_url"), '#.*$', ''), '^https?://(www\.)?', ''), '/'));--> statement-breakpoint
CREATE INDEX "documents_text_hash_idx" ON "documents" USING btree (md5("text"));--> statement-breakpoint
CREATE INDEX "documents_search_idx" ON "documents" USING gin (strip(to_tsvector('english'::regconfig, left(coalesce("title", '') || ' ' || coalesce("outlet", '') || ' ' || coalesce("author", '') || ' ' || "text", 200000))));--> statement-breakpoint
-- Hand-written from here (drizzle-kit knows neither extensions nor triggers).
-- pg_trgm: partial matches on an article's title, outlet, author and URL; PGlite loads it (db/client.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "documents_search_meta_idx" ON "documents" USING gin ((coalesce("title", '') || ' ' || coalesce("outlet", '') || ' ' || coalesce("author", '') || ' ' || coalesce("source_url", '')) gin_trgm_ops);--> statement-breakpoint
-- Every article has its row of counts, from its insert on.
CREATE FUNCTION document_counts_add_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO document_counts (document_id) VALUES (NEW.id);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER documents_counts_row AFTER INSERT ON documents FOR EACH ROW EXECUTE FUNCTION document_counts_add_row();--> statement-breakpoint
-- Once per statement on annotations: adds what the statement's new rows count
-- and takes away what its old rows counted, per article (an update that
-- changes no count writes nothing). An UPDATE, never an upsert: while an
-- article is deleted, its claims' cascade must not bring its row back.
CREATE FUNCTION document_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
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
        orphans = c.orphans + d.orphans, words_changed = c.words_changed + d.words_changed
    FROM (
      SELECT document_id,
        coalesce(sum(sign) FILTER (WHERE tag = 'disputed'), 0) AS disputed,
        coalesce(sum(sign) FILTER (WHERE tag = 'denied'), 0) AS denied,
        coalesce(sum(sign) FILTER (WHERE tag = 'unverified'), 0) AS unverified,
        coalesce(sum(sign) FILTER (WHERE status = 'orphan'), 0) AS orphans,
        coalesce(sum(sign) FILTER (WHERE status = 'anchored' AND previous_quote IS NOT NULL), 0) AS words_changed
      FROM (%s) r
      WHERE deleted_at IS NULL
      GROUP BY document_id
    ) d
    WHERE c.document_id = d.document_id AND (d.disputed, d.denied, d.unverified, d.orphans, d.words_changed) <> (0, 0, 0, 0, 0)
  $sql$, changed);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER annotations_counts_insert AFTER INSERT ON annotations REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION document_counts_apply();--> statement-breakpoint
CREATE TRIGGER annotations_counts_update AFTER UPDATE ON annotations REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION document_counts_apply();--> statement-breakpoint
CREATE TRIGGER annotations_counts_delete AFTER DELETE ON annotations REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION document_counts_apply();--> statement-breakpoint
INSERT INTO document_counts (document_id, disputed, denied, unverified, orphans, words_changed)
SELECT d.id,
  count(a.id) FILTER (WHERE a.tag = 'disputed'),
  count(a.id) FILTER (WHERE a.tag = 'denied'),
  count(a.id) FILTER (WHERE a.tag = 'unverified'),
  count(a.id) FILTER (WHERE a.status = 'orphan'),
  count(a.id) FILTER (WHERE a.status = 'anchored' AND a.previous_quote IS NOT NULL)
FROM documents d LEFT JOIN annotations a ON a.document_id = d.id AND a.deleted_at IS NULL
GROUP BY d.id;
