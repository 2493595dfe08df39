/**
 * The baselines of the API figures: the same rows read and written with the
 * database driver alone, no app code. On PostgreSQL that is postgres.js on
 * the server's database; on PGlite, whose data directory only one process
 * may open, it is PGlite on a copy taken right after seeding (same rows, same
 * ids), opened in the benchmark's process.
 */
import { and, eq, fillPlaceholders, getTableColumns, isNull, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import { annotations, documents } from "@/db/schema";
import type { TextAnchor } from "@/lib/selectors";
import type { Tag } from "@/lib/tags";

export interface ClaimRow extends TextAnchor {
  documentId: string;
  tag: Tag;
  reviewer: string;
}

export interface DirectDb {
  name: string;
  documentId(slug: string): Promise<string>;
  /** One parameterised INSERT of a claim row, returning it (as the API's insert does). */
  insertClaim(row: ClaimRow): Promise<void>;
  /** The live claims of an article, in reading order; how many. */
  listClaims(documentId: string): Promise<number>;
  /** The same rows an export reads (with their article's columns), streamed in batches of 2,000; how many. */
  streamClaims(documentId: string, onFirstBatch: () => void): Promise<number>;
  close(): Promise<void>;
}

// Statements built from db/schema.ts by Drizzle's query builder, then sent by the driver alone.
const builder = drizzle.mock();
const insertQuery = builder
  .insert(annotations)
  .values({
    documentId: sql.placeholder("documentId"),
    start: sql.placeholder("start"),
    end: sql.placeholder("end"),
    exact: sql.placeholder("exact"),
    prefix: sql.placeholder("prefix"),
    suffix: sql.placeholder("suffix"),
    tag: sql.placeholder("tag"),
    createdBy: sql.placeholder("reviewer"),
    updatedBy: sql.placeholder("reviewer"),
  })
  .returning()
  .toSQL();
const insertSql = insertQuery.sql;
const listQuery = builder
  .select()
  .from(annotations)
  .where(and(eq(annotations.documentId, sql.placeholder("documentId")), isNull(annotations.deletedAt)))
  .orderBy(annotations.start, annotations.end, annotations.createdAt)
  .toSQL();
const listSql = listQuery.sql;
// A DECLARE takes no parameters, so the article's id is written into the statement (checked to be a UUID).
const streamSql = (documentId: string) =>
  builder
    .select({
      ...getTableColumns(annotations),
      slug: documents.slug,
      title: documents.title,
      outlet: documents.outlet,
      sourceUrl: documents.sourceUrl,
    })
    .from(annotations)
    .innerJoin(documents, eq(documents.id, annotations.documentId))
    .where(and(eq(annotations.documentId, sql.raw(`'${checkUuid(documentId)}'`)), isNull(annotations.deletedAt)))
    .orderBy(annotations.start, annotations.end, annotations.id)
    .toSQL().sql;
const batchSize = 2_000;

const params = (row: ClaimRow) =>
  fillPlaceholders(insertQuery.params, {
    documentId: row.documentId,
    start: row.start,
    end: row.end,
    exact: row.exact,
    prefix: row.prefix,
    suffix: row.suffix,
    tag: row.tag,
    reviewer: row.reviewer,
  });
const documentIdQuery = builder
  .select({ id: documents.id })
  .from(documents)
  .where(eq(documents.slug, sql.placeholder("slug")))
  .toSQL();
const documentIdParams = (slug: string) => fillPlaceholders(documentIdQuery.params, { slug });
const listParams = (documentId: string) => fillPlaceholders(listQuery.params, { documentId });

function checkUuid(id: string): string {
  // Interpolated into a cursor's SQL (a DECLARE takes no parameters): only a UUID may pass.
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw new Error(`not a UUID: ${id}`);
  return id;
}

export async function openPostgresDirect(url: string): Promise<DirectDb> {
  const { default: postgres } = await import("postgres");
  const client = postgres(url, { max: 2, onnotice: () => {} });
  return {
    name: "postgres.js",
    async documentId(slug) {
      const [row] = await client.unsafe(documentIdQuery.sql, documentIdParams(slug) as never[], { prepare: true });
      return row.id as string;
    },
    async insertClaim(row) {
      await client.unsafe(insertSql, params(row) as never[], { prepare: true });
    },
    async listClaims(documentId) {
      return (await client.unsafe(listSql, listParams(documentId) as never[], { prepare: true })).length;
    },
    async streamClaims(documentId, onFirstBatch) {
      let count = 0;
      for await (const rows of client.unsafe(streamSql(checkUuid(documentId))).cursor(batchSize)) {
        if (count === 0) onFirstBatch();
        count += rows.length;
      }
      return count;
    },
    close: () => client.end({ timeout: 5 }),
  };
}

export async function openPgliteDirect(dataDir: string): Promise<DirectDb> {
  const { PGlite } = await import("@electric-sql/pglite");
  // The app's migrations create pg_trgm (db/client.ts loads it too).
  const db = await PGlite.create(dataDir, { extensions: { pg_trgm: (await import("@electric-sql/pglite/contrib/pg_trgm")).pg_trgm } });
  return {
    name: "PGlite",
    async documentId(slug) {
      const { rows } = await db.query<{ id: string }>(documentIdQuery.sql, documentIdParams(slug));
      return rows[0].id;
    },
    async insertClaim(row) {
      await db.query(insertSql, params(row));
    },
    async listClaims(documentId) {
      return (await db.query(listSql, listParams(documentId))).rows.length;
    },
    async streamClaims(documentId, onFirstBatch) {
      let count = 0;
      await db.transaction(async (tx) => {
        await tx.query(`declare bench_export no scroll cursor for ${streamSql(checkUuid(documentId))}`);
        for (;;) {
          const { rows } = await tx.query(`fetch ${batchSize} from bench_export`);
          if (count === 0) onFirstBatch();
          count += rows.length;
          if (rows.length < batchSize) break;
        }
        await tx.query("close bench_export");
      });
      return count;
    },
    close: () => db.close(),
  };
}
