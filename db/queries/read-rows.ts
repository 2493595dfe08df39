/**
 * Reading thousands of rows (claim lists, exports) as plain objects, without
 * Drizzle's decoding of every column of every row, in whichever way is
 * fastest on the database at hand. Queries are still built with Drizzle; only
 * their rows are read differently.
 */
import { type SQL, type SQLWrapper, type Subquery, sql } from "drizzle-orm";
import type { Database } from "../client";

/** Columns selected under their own keys, so that the rows of `readRows` are objects with those keys. */
export function aliased(columns: Record<string, SQLWrapper>) {
  return Object.fromEntries(Object.entries(columns).map(([key, column]) => [key, sql`${column}`.as(key)]));
}

const aggregated = "claim";

/** A column of the rows `readRows` reads, by its key, for their order in the database's JSON text. */
export const aliasedKey = (key: string) => sql`${sql.identifier(aggregated)}.${sql.identifier(key)}`;

type AliasedSelect = SQLWrapper & { as(alias: typeof aggregated): Subquery };

/**
 * The rows of a select of `aliased` columns as plain objects under their
 * keys, without Drizzle's decoding of every column of every row (for exports
 * of 100,000 claims, where it showed: about 4 µs a row). The fastest form
 * differs by database:
 * - PGlite: one JSON text made by the database (`rowsJson`), parsed at once.
 *   Rows cross from WebAssembly one by one, which costs twice what writing
 *   and parsing the JSON does (2,000 claims: 39 ms as rows, 21 as JSON).
 * - PostgreSQL: the driver's own rows. Its `json_agg` is slower than its row
 *   protocol (100,000 claims: 1.8 s against 0.8 s, on 2 cores).
 * `order` restates the select's ORDER BY over the keys (`aliasedKey`), since
 * an aggregate keeps no order of its subquery's.
 */
export async function readRows<T>(db: Database, rows: AliasedSelect, order: SQL[]): Promise<T[]> {
  if (db.engine === "pglite") return JSON.parse(await rowsJson(db, rows, order)) as T[];
  return driverRows<T>(await db.execute(rows));
}

/**
 * The rows of a driver's answer: postgres.js answers with an array of them,
 * PGlite with `{ rows }` (should a PGlite database ever be taken for a
 * server, its claims are still read, only more slowly).
 */
export function driverRows<T>(answer: unknown): T[] {
  if (Array.isArray(answer)) return answer as T[];
  if (answer && typeof answer === "object" && Array.isArray((answer as { rows?: unknown }).rows)) return (answer as { rows: T[] }).rows;
  throw new Error("the database answered a select with no rows array");
}

/**
 * The rows of a select of `aliased` columns as the text of one JSON array in
 * `order` (see `readRows`), made by the database, ready to send. Lists sent
 * whole use this on PostgreSQL too: reading the rows instead and writing the
 * JSON in the app was no faster end to end (a 5,000-claim list took 99 to
 * 106 ms either way), and it puts the work on the app's one thread, which is
 * rendering the editor's page when the editor asks for its claims, rather
 * than in the database's own process.
 */
export async function rowsJson(db: Database, rows: AliasedSelect, order: SQL[]): Promise<string> {
  const [row] = await db
    .select({ json: sql<string>`coalesce(json_agg(${sql.identifier(aggregated)} order by ${sql.join(order, sql`, `)}), '[]')::text` })
    .from(rows.as(aggregated));
  return row.json;
}
