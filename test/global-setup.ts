import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { closeDb, getDb } from "@/db/client";

/**
 * Runs once before the test files, which then run in parallel.
 *
 * On a PostgreSQL server (DATABASE_URL) it migrates the database, so that the
 * files never race to create the same tables. On PGlite each file gets its
 * own database in memory; it migrates one here and leaves its dump in
 * PGLITE_TEMPLATE, which the files' workers inherit and db/client.ts starts
 * from, so that no file pays for PGlite's initdb (about 2 s of CPU each).
 */
export default async function setup() {
  if (process.env.DATABASE_URL) {
    await getDb();
    await closeDb();
    return;
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const client = await PGlite.create("memory://", { extensions: { pg_trgm: (await import("@electric-sql/pglite/contrib/pg_trgm")).pg_trgm } });
  try {
    await migrate(drizzle({ client }), { migrationsFolder: path.join(process.cwd(), "db", "migrations") });
    // Uncompressed: gunzipping it in every worker would cost more than reading it.
    const dump = await client.dumpDataDir("none");
    const folder = mkdtempSync(path.join(tmpdir(), "factcheck-pglite-template-"));
    const file = path.join(folder, "migrated.tar");
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    process.env.PGLITE_TEMPLATE = file;
    return () => rmSync(folder, { recursive: true, force: true });
  } finally {
    await client.close();
  }
}
