import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it, vi } from "vitest";
import { closeDb, getDb } from "./client";

afterAll(closeDb);

describe("getDb", () => {
  it("gives a second copy of this module (as Next may load) the same database, which says its engine", async () => {
    const db = await getDb();
    vi.resetModules();
    const copy = await import("./client");
    expect(await copy.getDb()).toBe(db);
    expect(db.engine).toBe(process.env.DATABASE_URL ? "postgres" : "pglite");
  });
});

describe("getDb on a PGlite folder", () => {
  it("holds the folder's lock from opening to closeDb, and refuses a folder another live process holds", async () => {
    const saved = { DATABASE_URL: process.env.DATABASE_URL, PGLITE_DATA_DIR: process.env.PGLITE_DATA_DIR };
    const root = realpathSync(mkdtempSync(path.join(tmpdir(), "factcheck-client-")));
    const folder = path.join(root, "pglite");
    try {
      await closeDb();
      delete process.env.DATABASE_URL;
      process.env.PGLITE_DATA_DIR = folder;
      await getDb();
      expect(JSON.parse(readFileSync(`${folder}.lock`, "utf8"))).toMatchObject({ pid: process.pid });
      await closeDb();
      expect(existsSync(`${folder}.lock`)).toBe(false);

      // The parent process (the test runner) stands for another server.
      writeFileSync(
        `${folder}.lock`,
        JSON.stringify({ pid: process.ppid, host: hostname(), startedAt: "2026-12-04T20:00:00.000Z", command: "next start", token: "t" }),
      );
      await expect(getDb()).rejects.toThrow(`The data folder ${folder} is in use by another process`);
    } finally {
      await closeDb().catch(() => {});
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("getDb on PGlite with a template (PGLITE_TEMPLATE, as the unit tests run)", () => {
  it("starts a database in memory from the template's dump, and a folder from its own files", async () => {
    const saved = {
      DATABASE_URL: process.env.DATABASE_URL,
      PGLITE_DATA_DIR: process.env.PGLITE_DATA_DIR,
      PGLITE_TEMPLATE: process.env.PGLITE_TEMPLATE,
    };
    const root = realpathSync(mkdtempSync(path.join(tmpdir(), "factcheck-template-")));
    const { PGlite } = await import("@electric-sql/pglite");
    const source = await PGlite.create("memory://");
    try {
      // A template holding what no new database has.
      await source.exec("create table from_template (word text); insert into from_template values ('kept')");
      writeFileSync(path.join(root, "template.tar"), Buffer.from(await (await source.dumpDataDir("none")).arrayBuffer()));
      await closeDb();
      delete process.env.DATABASE_URL;
      process.env.PGLITE_TEMPLATE = path.join(root, "template.tar");
      const words = async () =>
        (
          (await (await getDb()).execute(sql`select to_regclass('from_template') is not null as present`)) as unknown as {
            rows: { present: boolean }[];
          }
        ).rows[0].present;

      process.env.PGLITE_DATA_DIR = "memory://";
      expect(await words()).toBe(true);
      await closeDb();

      process.env.PGLITE_DATA_DIR = path.join(root, "pglite");
      expect(await words()).toBe(false);
    } finally {
      await source.close();
      await closeDb().catch(() => {});
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      rmSync(root, { recursive: true, force: true });
    }
    // Two PGlite starts, one a new folder (initdb and every migration): 14 s alone, over 20 s beside the other files on 2 cores.
  }, 60_000);
});
