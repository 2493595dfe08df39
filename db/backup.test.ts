import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, createTestDocument } from "@/test/api-client";
import * as annotationRoute from "@/app/api/annotations/[id]/route";
import * as annotationsRoute from "@/app/api/documents/[slug]/annotations/route";
import { backupDatabase, BackupError, backupPath, type DatabaseTarget, datedBackupName, restoreDatabase } from "./backup";
import { closeDb } from "./client";
import { pgliteExtensions } from "./pglite-extensions";

// A database of this test's own, which no other test file writes while it
// compares every row: a new database on the suite's PostgreSQL server, else a
// PGlite folder.
const folder = mkdtempSync(path.join(tmpdir(), "factcheck-backup-"));
const url = process.env.DATABASE_URL;
if (!url) process.env.PGLITE_DATA_DIR = path.join(folder, "source");
let source: DatabaseTarget = { kind: "pglite", dataDir: path.join(folder, "source") };
let dropSource = async () => {};

/** A database no one has used: a new PGlite folder, or a new database on the same server. */
async function freshTarget(): Promise<{ target: DatabaseTarget; drop: () => Promise<void> }> {
  if (!url) return { target: { kind: "pglite", dataDir: path.join(folder, `restored-${randomBytes(4).toString("hex")}`) }, drop: async () => {} };
  const name = `factcheck_restore_${randomBytes(4).toString("hex")}`;
  const { default: postgres } = await import("postgres");
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    target: { kind: "postgres", url: target.toString() },
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

/** Every row of every table of the app's and Drizzle's schemas, as text, by table, in a fixed order. */
async function everyRow(target: DatabaseTarget): Promise<Record<string, string>> {
  const tablesQuery = `select table_schema || '.' || table_name as name from information_schema.tables
    where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE' order by 1`;
  const rowsQuery = (name: string) => {
    const [schema, table] = name.split(".");
    return `select coalesce(json_agg(t::text order by t::text), '[]')::text as rows from "${schema}"."${table}" t`;
  };
  const result: Record<string, string> = {};
  if (target.kind === "pglite") {
    const { PGlite } = await import("@electric-sql/pglite");
    const pg = await PGlite.create(target.dataDir, { extensions: pgliteExtensions });
    try {
      for (const { name } of (await pg.query<{ name: string }>(tablesQuery)).rows) {
        result[name] = (await pg.query<{ rows: string }>(rowsQuery(name))).rows[0].rows;
      }
    } finally {
      await pg.close();
    }
  } else {
    const { default: postgres } = await import("postgres");
    const client = postgres(target.url, { max: 1, onnotice: () => {} });
    try {
      for (const { name } of await client.unsafe<{ name: string }[]>(tablesQuery)) {
        result[name] = (await client.unsafe<{ rows: string }[]>(rowsQuery(name)))[0].rows;
      }
    } finally {
      await client.end({ timeout: 5 });
    }
  }
  return result;
}

beforeAll(async () => {
  if (url) {
    const fresh = await freshTarget();
    ({ target: source, drop: dropSource } = fresh);
    process.env.DATABASE_URL = (source as { url: string }).url;
  }
  // Claims live and deleted, with a note that needs quoting in SQL and text outside ASCII.
  const text = "Café owners say 😀 the tax doubled; officials deny it.";
  const document = await createTestDocument([{ type: "paragraph", text }]);
  for (const quote of ["the tax doubled", "officials deny it"]) {
    const start = [...text.slice(0, text.indexOf(quote))].length;
    const body = { start, end: start + quote.length, tag: "disputed", note: 'It\'s "wrong"\n\\ line two' };
    const { status, json } = await call(annotationsRoute.POST, { slug: document.slug }, { body });
    expect(status).toBe(201);
    if (quote.startsWith("officials"))
      expect((await call(annotationRoute.DELETE, { id: json.annotation.id }, { method: "DELETE", reviewer: "Dee Leter" })).status).toBe(204);
  }
  await closeDb();
});
afterAll(async () => {
  await closeDb();
  await dropSource();
  rmSync(folder, { recursive: true, force: true });
});

// Each dump of PGlite runs pg_dump in WebAssembly, some seconds on a loaded machine.
describe("backups", { timeout: 60_000 }, () => {
  it("backs up to a dated file and restores into an empty database with every row of every table", async () => {
    const file = backupPath(`${path.join(folder, "backups")}/`, new Date("2026-12-04T21:05:09.123Z"));
    expect(path.basename(file)).toBe("factcheck-2026-12-04T21-05-09Z.sql");
    await backupDatabase(source, file);
    expect(readdirSync(path.dirname(file))).toEqual([path.basename(file)]);

    const { target, drop } = await freshTarget();
    try {
      await restoreDatabase(target, file);
      const [before, after] = [await everyRow(source), await everyRow(target)];
      expect(Object.keys(after)).toEqual(Object.keys(before));
      expect(Object.keys(after)).toEqual(expect.arrayContaining(["drizzle.__drizzle_migrations", "public.annotations", "public.documents"]));
      for (const table of Object.keys(before)) expect(after[table], table).toBe(before[table]);
      expect(before["public.annotations"]).toContain("Dee Leter");
    } finally {
      await drop();
    }
  });

  it("refuses to restore into a database that is not empty, and changes nothing in it", async () => {
    const file = path.join(folder, "again.sql");
    await backupDatabase(source, file);
    const before = await everyRow(source);
    await expect(restoreDatabase(source, file)).rejects.toThrow(/not empty/);
    expect(await everyRow(source)).toEqual(before);
  });

  it("refuses a dump cut short in a few lines, and restores nothing of it", async () => {
    const whole = path.join(folder, "whole.sql");
    await backupDatabase(source, whole);
    const dump = readFileSync(whole, "utf8");
    const cut = path.join(folder, "cut.sql");
    // Cut inside the claims' rows: every statement before it is sound.
    writeFileSync(cut, dump.slice(0, dump.indexOf("Dee Leter") + 3));
    const { target, drop } = await freshTarget();
    try {
      const refusal = await restoreDatabase(target, cut).then(
        () => null,
        (error: unknown) => error,
      );
      expect(refusal).toBeInstanceOf(BackupError);
      expect((refusal as Error).message.length).toBeLessThan(1_500);
      expect(Object.keys(await everyRow(target))).toEqual([]);
    } finally {
      await drop();
    }
  });

  it("says so when pg_dump is missing, and leaves no file", async () => {
    const file = path.join(folder, "never.sql");
    const { PATH } = process.env;
    process.env.PATH = path.join(folder, "no-such-bin");
    try {
      await expect(backupDatabase({ kind: "postgres", url: "postgres://127.0.0.1:1/none" }, file)).rejects.toThrow("pg_dump was not found on PATH");
    } finally {
      process.env.PATH = PATH;
    }
    expect(existsSync(file)).toBe(false);
    expect(existsSync(`${file}.partial`)).toBe(false);
  });

  it("names backups by UTC time, to the second", () => {
    expect(datedBackupName(new Date("2027-01-02T03:04:05.999Z"))).toBe("factcheck-2027-01-02T03-04-05Z.sql");
  });
});
