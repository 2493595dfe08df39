import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, createTestDocument } from "@/test/api-client";
import * as annotationsRoute from "@/app/api/documents/[slug]/annotations/route";
import { backupDatabase, restoreDatabase } from "./backup";
import { serveBackups, socketRecordPath, sweepStaleSocketFolders } from "./backup-socket";
import { closeDb, getDb } from "./client";
import { pgliteExtensions } from "./pglite-extensions";

// This process plays the running server: it has the folder open and serves backups.
const folder = mkdtempSync(path.join(tmpdir(), "factcheck-backup-socket-"));
const live = path.join(folder, "live");
const onPostgres = Boolean(process.env.DATABASE_URL);
if (!onPostgres) process.env.PGLITE_DATA_DIR = live;

const tablesQuery = `select table_schema || '.' || table_name as name from information_schema.tables
  where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE' order by 1`;
/** Every row of every table, as text, read through an open PGlite. */
async function everyRow(pg: PGlite): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const { name } of (await pg.query<{ name: string }>(tablesQuery)).rows) {
    const [schema, table] = name.split(".");
    const { rows } = await pg.query<{ rows: string }>(
      `select coalesce(json_agg(t::text order by t::text), '[]')::text as rows from "${schema}"."${table}" t`,
    );
    result[name] = rows[0].rows;
  }
  return result;
}
async function everyRowIn(dataDir: string) {
  const { PGlite } = await import("@electric-sql/pglite");
  const pg = await PGlite.create(dataDir, { extensions: pgliteExtensions });
  try {
    return await everyRow(pg);
  } finally {
    await pg.close();
  }
}

beforeAll(async () => {
  if (onPostgres) return;
  const text = "The minister said exports rose by a third.";
  const document = await createTestDocument([{ type: "paragraph", text }]);
  const start = text.indexOf("exports rose");
  expect((await call(annotationsRoute.POST, { slug: document.slug }, { body: { start, end: start + 12, tag: "denied" } })).status).toBe(201);
  await serveBackups();
});
afterAll(async () => {
  await closeDb();
  rmSync(folder, { recursive: true, force: true });
});

// PGlite only: a PostgreSQL server is dumped by pg_dump, whoever else uses it.
// Each dump runs pg_dump in WebAssembly, some seconds on a loaded machine.
describe.skipIf(onPostgres)("backups of a folder a server has open (PGlite only: pg_dump serves PostgreSQL)", { timeout: 60_000 }, () => {
  it("are taken by the server, and hold every row it has", async () => {
    expect(existsSync(socketRecordPath(live))).toBe(true);
    const file = path.join(folder, "through-server.sql");
    expect(await backupDatabase({ kind: "pglite", dataDir: live }, file)).toBe("server");

    const restored = path.join(folder, "restored");
    await restoreDatabase({ kind: "pglite", dataDir: restored }, file);
    const pg = (await getDb()) as unknown as { $client: PGlite };
    const [before, after] = [await everyRow(pg.$client), await everyRowIn(restored)];
    expect(Object.keys(after)).toContain("drizzle.__drizzle_migrations");
    expect(after).toEqual(before);
    expect(after["public.annotations"]).toContain("exports rose");
  });

  it("refuses to restore into the folder the server has open", async () => {
    const file = path.join(folder, "through-server.sql");
    await expect(restoreDatabase({ kind: "pglite", dataDir: live }, file)).rejects.toThrow(/a running server has it open/);
  });

  it("opens the folder itself when the recorded server is gone", async () => {
    const file = path.join(folder, "through-server.sql");
    const idle = path.join(folder, "idle");
    await restoreDatabase({ kind: "pglite", dataDir: idle }, file);
    writeFileSync(socketRecordPath(idle), `${path.join(folder, "gone.sock")}\n`);
    expect(await backupDatabase({ kind: "pglite", dataDir: idle }, path.join(folder, "idle.sql"))).toBe("folder");
  });
});

describe("socket folders of servers that were killed", () => {
  it("are removed when old and their socket refuses connections; a listening server's, a new one's and any other folder are kept", async () => {
    const hourAgo = new Date(Date.now() - 3_600_000);
    const made = (name: string) => {
      const dir = path.join(tmpdir(), `factcheck-socket-${name}-${process.pid}`);
      mkdirSync(dir, { recursive: true });
      return dir;
    };
    const old = (dir: string) => utimesSync(dir, hourAgo, hourAgo);
    // Killed: a server listened on its socket, then died without its exit hook (SIGKILL): the socket file stays.
    const killed = made("killed");
    spawnSync(process.execPath, [
      "-e",
      `require("node:net").createServer().listen(${JSON.stringify(path.join(killed, "backup.sock"))}, () => process.kill(process.pid, "SIGKILL"))`,
    ]);
    const earlier = path.join(tmpdir(), `factcheck-backup-killed-${process.pid}`);
    mkdirSync(earlier, { recursive: true });
    spawnSync(process.execPath, [
      "-e",
      `require("node:net").createServer().listen(${JSON.stringify(path.join(earlier, "backup.sock"))}, () => process.kill(process.pid, "SIGKILL"))`,
    ]);
    // Not a server's socket folder: a test's database under the same name's start, a plain file where the socket would be.
    const database = path.join(tmpdir(), `factcheck-backup-database-${process.pid}`);
    mkdirSync(path.join(database, "pglite"), { recursive: true });
    const plainFile = made("plain-file");
    writeFileSync(path.join(plainFile, "backup.sock"), "");
    const young = made("young");
    const alive = made("alive");
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(path.join(alive, "backup.sock"), resolve));
    for (const dir of [killed, earlier, database, plainFile, alive]) old(dir);
    const all = [killed, earlier, database, plainFile, young, alive];
    try {
      const removed = await sweepStaleSocketFolders();
      expect(removed).toEqual(expect.arrayContaining([killed, earlier]));
      expect(all.map((dir) => existsSync(dir))).toEqual([false, false, true, true, true, true]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      for (const dir of all) rmSync(dir, { recursive: true, force: true });
    }
  });
});
