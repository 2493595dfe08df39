import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { databaseUnavailableCause } from "@/lib/database-unavailable";
import { closeDbForGood, getDb } from "./client";

// A file of its own: once closed for good, getDb() refuses in this process;
// the flag is taken off after, in case the test runner reuses the process.
const root = realpathSync(mkdtempSync(path.join(tmpdir(), "factcheck-client-stop-")));
const saved = { DATABASE_URL: process.env.DATABASE_URL, PGLITE_DATA_DIR: process.env.PGLITE_DATA_DIR };
afterAll(() => {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for("factcheck.database.stopped")];
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  rmSync(root, { recursive: true, force: true });
});

it("once closed as the server stops, the database is not opened again: the folder stays free, and a late request gets the 503 error", async () => {
  const folder = path.join(root, "pglite");
  delete process.env.DATABASE_URL;
  process.env.PGLITE_DATA_DIR = folder;
  await getDb();
  expect(JSON.parse(readFileSync(`${folder}.lock`, "utf8"))).toMatchObject({ pid: process.pid });

  await closeDbForGood();
  expect(existsSync(`${folder}.lock`)).toBe(false);
  const late = await getDb().then(
    () => null,
    (error: unknown) => error,
  );
  expect(databaseUnavailableCause(late)).toMatchObject({ code: "CONNECTION_ENDED" });
  expect(existsSync(`${folder}.lock`)).toBe(false);
});
