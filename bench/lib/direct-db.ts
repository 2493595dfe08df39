/**
 * The baselines of the API figures: the same rows read and written with the
 * database driver alone, no app code. On PostgreSQL that is postgres.js on
 * the server's database; on PGlite, whose data directory only one process
 * may open, it is PGlite on a copy taken right after seeding (same rows, same
 * ids), opened in the benchmark's process.
 */
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

const insertSql = `insert into annotations (document_id, start_offset, end_offset, exact, prefix, suffix, tag, note, claimant, evidence, created_by, updated_by, created_revision, anchored_revision)
  values ($1, $2, $3, $4, $5, $6, $7, '', '', '[]'::jsonb, $8, $8, 1, 1) returning *`;
const listSql = `select * from annotations where document_id = $1 and deleted_at is null order by start_offset, end_offset, created_at`;
const streamSql = (documentId: string) => `select a.*, d.slug, d.title, d.outlet, d.source_url from annotations a join documents d on d.id = a.document_id
  where a.document_id = '${documentId}' and a.deleted_at is null order by a.start_offset, a.end_offset, a.id`;
const batchSize = 2_000;

const params = (row: ClaimRow) => [row.documentId, row.start, row.end, row.exact, row.prefix, row.suffix, row.tag, row.reviewer];

function checkUuid(id: string): string {
  // Interpolated into a cursor's SQL (a DECLARE takes no parameters): only a UUID may pass.
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw new Error(`not a UUID: ${id}`);
  return id;
}

export async function openPostgresDirect(url: string): Promise<DirectDb> {
  const { default: postgres } = await import("postgres");
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  return {
    name: "postgres.js",
    async documentId(slug) {
      const [row] = await sql`select id from documents where slug = ${slug}`;
      return row.id as string;
    },
    async insertClaim(row) {
      await sql.unsafe(insertSql, params(row), { prepare: true });
    },
    async listClaims(documentId) {
      return (await sql.unsafe(listSql, [documentId], { prepare: true })).length;
    },
    async streamClaims(documentId, onFirstBatch) {
      let count = 0;
      for await (const rows of sql.unsafe(streamSql(checkUuid(documentId))).cursor(batchSize)) {
        if (count === 0) onFirstBatch();
        count += rows.length;
      }
      return count;
    },
    close: () => sql.end({ timeout: 5 }),
  };
}

export async function openPgliteDirect(dataDir: string): Promise<DirectDb> {
  const { PGlite } = await import("@electric-sql/pglite");
  const db = await PGlite.create(dataDir);
  return {
    name: "PGlite",
    async documentId(slug) {
      const { rows } = await db.query<{ id: string }>("select id from documents where slug = $1", [slug]);
      return rows[0].id;
    },
    async insertClaim(row) {
      await db.query(insertSql, params(row));
    },
    async listClaims(documentId) {
      return (await db.query(listSql, [documentId])).rows.length;
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
