/**
 * Stores the benchmark corpus in the database that DATABASE_URL or
 * PGLITE_DATA_DIR names, through the data layer: `getDb` migrates it and loads
 * `content/`, `createDocument` stores each article with its revision 1, and
 * the claims go in as bulk INSERTs (the HTTP API would take minutes for
 * 170,000 of them) with one `annotation_anchors` row each, as
 * `insertClaimCreated` writes them, built from `db/schema.ts`
 * (`lib/schema-sql.ts`). Run in its own process, because PGlite must
 * not be open in two processes at once and the server opens it next.
 *
 *   tsx bench/seed.ts [--small] [--only-load]
 */
import { sql } from "drizzle-orm";
import { closeDb, getDb } from "@/db/client";
import { createDocument } from "@/db/queries/documents";
import { annotationAnchors, annotations } from "@/db/schema";
import type { BenchClaim } from "./lib/article-data";
import { buildCorpus } from "./lib/corpus";
import { insertFromJson } from "./lib/schema-sql";
import { authorNamed } from "@/lib/author";

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
      authorNamed("bench"),
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
    await db.transaction(async (tx) => {
      await tx.execute(
        insertFromJson(
          annotations,
          rows.map(({ id, start, end, exact, prefix, suffix, tag, note, claimant, evidence, createdBy }) => ({
            id,
            documentId,
            start,
            end,
            exact,
            prefix,
            suffix,
            tag,
            note,
            claimant,
            evidence,
            createdBy,
            updatedBy: createdBy,
          })),
        ),
      );
      await tx.execute(
        insertFromJson(
          annotationAnchors,
          rows.map(({ id, start, end, exact, createdBy }) => ({
            annotationId: id,
            revision: 1,
            status: "anchored" as const,
            start,
            end,
            exact,
            method: "created",
            actor: createdBy,
          })),
        ),
      );
    });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
