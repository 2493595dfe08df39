import { closeDb, getDb } from "@/db/client";

/**
 * Migrates a PostgreSQL server (DATABASE_URL) once before the test files run
 * in parallel, so that they never race to create the same tables. PGlite tests
 * each get their own in-memory database and need nothing here.
 */
export default async function setup() {
  if (!process.env.DATABASE_URL) return;
  await getDb();
  await closeDb();
}
