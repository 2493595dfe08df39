/**
 * Stores the benchmark corpus in the database that DATABASE_URL or
 * PGLITE_DATA_DIR names, through the data layer: `getDb` migrates it and loads
 * `content/`, `createDocument` stores each article with its revision 1, and
 * the claims go in as bulk INSERTs (the HTTP API would take minutes for
 * 170,000 of them) with one `annotation_anchors` row each, as
 * `createAnnotation` writes them. Run in its own process, because PGlite must
 * not be open in two processes at once and the server opens it next.
 *
 *   tsx bench/seed.ts [--small] [--only-load]
 */
import { sql } from "drizzle-orm";
import { closeDb, getDb } from "@/db/client";
import { createDocument } from "@/db/queries/documents";
import type { BenchClaim } from "./lib/article-data";
import { buildCorpus } from "./lib/corpus";

/** Claims per statement: one JSON parameter each, so no limit on parameters applies. */
const chunkSize = 5_000;

async function main() {
  const started = performance.now();
  const corpus = buildCorpus({ large: !process.argv.includes("--small"), loadOnly: process.argv.includes("--only-load") });
  const db = await getDb();
  let claims = 0;
  for (const document of corpus.documents) {
    const row = await createDocument(
      db,
      {
        slug: document.slug,
        title: document.title,
        outlet: "Benchmark Gazette",
        sourceUrl: null,
        author: "bench/seed.ts",
        publishedAt: "2018-10-22",
        text: (document.article ?? corpus.article).text,
        blocks: (document.article ?? corpus.article).blocks,
      },
      "bench",
    );
    if (!row) throw new Error(`${document.slug} is already in this database: seed a fresh one`);
    for (let i = 0; i < document.claims.length; i += chunkSize) {
      await insertClaims(row.id, document.claims.slice(i, i + chunkSize));
    }
    claims += document.claims.length;
  }
  // Fresh statistics, as the app gathers on opening PGlite and autovacuum keeps on a server.
  await db.execute(sql`vacuum analyze`);
  await closeDb();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`seeded ${corpus.documents.length} articles and ${claims} claims in ${seconds} s`);

  async function insertClaims(documentId: string, chunk: BenchClaim[]) {
    const rows = chunk.map((claim) => ({ ...claim, id: crypto.randomUUID() }));
    const json = JSON.stringify(rows);
    await db.transaction(async (tx) => {
      await tx.execute(sql`
        insert into annotations (id, document_id, start_offset, end_offset, exact, prefix, suffix, tag, note, claimant, evidence, created_by, updated_by)
        select x.id, ${documentId}::uuid, x.start, x."end", x.exact, x.prefix, x.suffix, x.tag::claim_tag, x.note, x.claimant, x.evidence, x."createdBy", x."createdBy"
        from json_to_recordset(${json}::json) as x(id uuid, start int, "end" int, exact text, prefix text, suffix text, tag text, note text, claimant text, evidence jsonb, "createdBy" text)`);
      await tx.execute(sql`
        insert into annotation_anchors (annotation_id, revision, status, start_offset, end_offset, exact, method, actor)
        select x.id, 1, 'anchored', x.start, x."end", x.exact, 'created', x."createdBy"
        from json_to_recordset(${json}::json) as x(id uuid, start int, "end" int, exact text, "createdBy" text)`);
    });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
