/**
 * A query that fails after the database has sent some of its rows (a
 * statement timeout while a result streams, an error on a later row) must
 * leave the connection as it found it: postgres.js 3.4.9 kept counting rows
 * from where the failed query stopped, so the next query on that connection
 * resolved with holes in front of its rows (porsager/postgres#1119, #1181;
 * patches/postgres+3.4.9.patch resets the count). That is how an export of
 * every claim was cut short with "Cannot read properties of undefined
 * (reading 'documentId')" after a page's query had timed out.
 */
import { type SQL, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "./client";
import { driverRows } from "./queries/read-rows";

/**
 * Runs `failing`, then reads five rows, on the one connection this file's
 * pool has: its queries run one after another, so postgres.js never opens a
 * second (a transaction would not do: its ROLLBACK, a command without rows,
 * would reset the count before the read).
 */
async function rowsAfterFailure(failing: SQL, setup?: SQL) {
  const db = await getDb();
  if (setup) await db.execute(setup);
  const failure = await db.execute(failing).then(
    () => undefined,
    (error: unknown) => error,
  );
  const rows = driverRows<{ n: number }>(await db.execute(sql`select n from generate_series(1, 5) n`));
  return { failure, rows };
}

/** The PostgreSQL error code of a failure, wherever Drizzle put it. */
const codeOf = (error: unknown): unknown => (error as { code?: unknown })?.code ?? (error as { cause?: { code?: unknown } })?.cause?.code;

describe("a query failing after some of its rows were sent", () => {
  it("fails with its own error, and the next query on the connection gets exactly its rows", async () => {
    // Rows 1 to 3 leave before row 4 divides by zero.
    const { failure, rows } = await rowsAfterFailure(sql`select i, 1 / (4 - i) as boom from generate_series(1, 10) i`);
    expect(codeOf(failure)).toBe("22012");
    expect(rows).toHaveLength(5);
    expect(rows.map((row) => row?.n)).toEqual([1, 2, 3, 4, 5]);
  });

  // PGlite runs in this process, with no timer to cancel a statement: only a PostgreSQL server has statement timeouts.
  it.skipIf(!process.env.DATABASE_URL)(
    "does so after a statement timeout cut a streaming result short (PostgreSQL only: PGlite has no statement timeout)",
    async () => {
      const { failure, rows } = await rowsAfterFailure(
        sql`select i, pg_sleep(case when i = 4 then 5 else 0 end) from generate_series(1, 10) i`,
        sql`set statement_timeout = 300`,
      );
      // Back to the timeout the connection was opened with (db/client.ts).
      await (await getDb()).execute(sql`reset statement_timeout`);
      expect(codeOf(failure)).toBe("57014");
      expect(rows.map((row) => row?.n)).toEqual([1, 2, 3, 4, 5]);
    },
  );
});
