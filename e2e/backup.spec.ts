import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { bearer } from "./accounts";
import { loadPeople } from "./people";

const run = promisify(execFile);

// The server of these journeys has its own PGlite folder open (see playwright.config.ts).
const pgliteServer = !process.env.DATABASE_URL && !process.env.E2E_BASE_URL;
test.skip(!pgliteServer, "backups through the server are for a PGlite folder this run's server has open");

test("npm run db:backup while the server runs is taken by the server, with the latest claim in it", async ({ request, baseURL }) => {
  // pg_dump runs in WebAssembly in the backup process: several seconds on a loaded machine.
  test.setTimeout(120_000);
  const headers = bearer(loadPeople().editor, new URL(baseURL!).origin);
  const note = `kept by the backup ${Date.now()}`;
  const documents = (await (await request.get("/api/documents", { headers })).json()).documents as { slug: string }[];
  const created = await request.post(`/api/documents/${documents[0].slug}/annotations`, {
    // Whatever the suite tagged there before: this is about storing, not about the same words twice.
    data: { start: 0, end: 6, tag: "unverified", note, sameWords: "allow" },
    headers,
  });
  expect(created.status()).toBe(201);

  const folder = mkdtempSync(path.join(tmpdir(), "factcheck-e2e-backup-"));
  try {
    const file = path.join(folder, "backup.sql");
    const { stdout } = await run("npx", ["tsx", "db/backup-cli.ts", "backup", file], {
      env: { ...process.env, PGLITE_DATA_DIR: process.env.E2E_PGLITE_DIR },
    });
    expect(stdout).toContain("through the server that has it open");
    expect(readFileSync(file, "utf8")).toContain(note);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  // The server goes on serving, and storing.
  const after = await request.post(`/api/documents/${documents[0].slug}/annotations`, {
    data: { start: 7, end: 12, tag: "disputed", sameWords: "allow" },
    headers,
  });
  expect(after.status()).toBe(201);
});
