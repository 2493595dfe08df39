/**
 * Backups: a plain SQL dump of the whole database (the app's tables and
 * Drizzle's record of applied migrations), and its restore into an empty
 * database.
 *
 * Dumps are the same kind on both databases, so that either restores into
 * either: plain SQL with INSERT statements (no COPY, which needs psql's
 * protocol), no owners or privileges (the restoring user owns what it
 * makes). PGlite is dumped by its own pg_dump compiled to WebAssembly
 * (`@electric-sql/pglite-tools`); a PostgreSQL server by the `pg_dump` on
 * PATH, and restored by `psql`. A PGlite folder must never be open in two
 * processes (that destroys it): while a server has it open, the server
 * itself copies it for the backup (db/backup-socket.ts), and a restore into
 * it is refused.
 */
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import type { PGlite } from "@electric-sql/pglite";
import { copyFromServer, serverListens } from "./backup-socket";
import { acquireDataFolderLock } from "./data-folder-lock";
import { pgliteExtensions } from "./pglite-extensions";

const run = promisify(execFile);

/** Where a database is: a PGlite folder, or a PostgreSQL server's URL. */
export type DatabaseTarget = { kind: "pglite"; dataDir: string } | { kind: "postgres"; url: string };

/** A failure the command line reports in one sentence, without a stack. */
export class BackupError extends Error {}

/** A dated file name for a dump, in UTC: `factcheck-2026-12-04T21-05-09Z.sql`. */
export function datedBackupName(now = new Date()): string {
  return `factcheck-${now.toISOString().slice(0, 19).replaceAll(":", "-")}Z.sql`;
}

/**
 * Where a dump goes: `destination` itself, a dated file in it when it is a
 * folder (or ends with a slash), or a dated file in `./.data/backups/`.
 */
export function backupPath(destination: string | undefined, now = new Date()): string {
  if (!destination) return path.join(".data", "backups", datedBackupName(now));
  const isFolder = /[/\\]$/.test(destination) || statSync(destination, { throwIfNoEntry: false })?.isDirectory();
  return isFolder ? path.join(destination, datedBackupName(now)) : destination;
}

/**
 * Dumps the database to `file`. The file appears whole or not at all: it is
 * written beside, then renamed, so a backup cut short leaves no truncated
 * dump under the final name.
 */
export async function backupDatabase(target: DatabaseTarget, file: string): Promise<BackupSource> {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const partial = `${file}.partial`;
  try {
    let source: BackupSource = "database";
    if (target.kind === "pglite") {
      const dump = await dumpPglite(target.dataDir);
      writeFileSync(partial, dump.sql);
      source = dump.source;
    } else await dumpPostgres(target.url, partial);
    renameSync(partial, file);
    return source;
  } finally {
    rmSync(partial, { force: true });
  }
}

/**
 * Who read the data: the running server that has the PGlite folder open
 * (see db/backup-socket.ts), this process from the folder, or the
 * PostgreSQL server.
 */
export type BackupSource = "server" | "folder" | "database";

/** Loads a dump into an empty database; refuses one that holds anything. */
export async function restoreDatabase(target: DatabaseTarget, file: string): Promise<void> {
  let dump: string;
  try {
    dump = readFileSync(file, "utf8");
  } catch {
    throw new BackupError(`Cannot read the dump ${file}.`);
  }
  if (target.kind === "pglite") await restorePglite(target.dataDir, dump, file);
  else await restorePostgres(target.url, file);
}

/** Dumps a PGlite database held by this process (the server's own, or one the command line opened). */
export async function dumpOpenPglite(pg: PGlite): Promise<string> {
  const { pgDump } = await import("@electric-sql/pglite-tools/pg_dump");
  // pgDump restores the session's search_path after its run.
  const dump = await pgDump({ pg, args: ["--no-owner", "--no-privileges"] });
  return dump.text();
}

async function dumpPglite(dataDir: string): Promise<{ sql: string; source: BackupSource }> {
  if (!dataDir.includes("://") && !statSync(dataDir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new BackupError(`There is no PGlite folder at ${dataDir}.`);
  }
  const copy = await copyFromServer(dataDir).catch((error: Error) => {
    throw new BackupError(error.message);
  });
  const { PGlite } = await import("@electric-sql/pglite");
  // The server's copy of its folder is opened in this process's memory; else the folder itself.
  const pg = copy ? await PGlite.create({ loadDataDir: copy, extensions: pgliteExtensions }) : await openPglite(dataDir);
  try {
    return { sql: await dumpOpenPglite(pg), source: copy ? "server" : "folder" };
  } finally {
    await pg.close();
  }
}

async function dumpPostgres(url: string, file: string): Promise<void> {
  try {
    await run("pg_dump", ["--no-owner", "--no-privileges", "--rows-per-insert=1000", "--file", file, "--dbname", url]);
  } catch (error) {
    throw commandError("pg_dump", error, "the postgresql-client package");
  }
}

async function restorePglite(dataDir: string, dump: string, file: string): Promise<void> {
  if (await serverListens(dataDir)) {
    throw new BackupError(
      `Refusing to restore into ${dataDir}: a running server has it open (and it is not empty). Stop the server, and restore into an empty folder.`,
    );
  }
  if (!dataDir.includes("://")) mkdirSync(dataDir, { recursive: true });
  const pg = await openPglite(dataDir);
  try {
    const [{ objects }] = (await pg.query<{ objects: number }>(countObjects)).rows;
    if (objects > 0) throw notEmpty(dataDir, objects);
    // One multi-statement query runs as one transaction: all of the dump or nothing.
    await pg.exec(withoutPsqlCommands(dump)).catch((error: Error) => {
      // PostgreSQL's own message, not the statement (a dump's can be megabytes): nothing was restored.
      throw new BackupError(
        `The dump ${file} could not be restored, and nothing of it was: ${error.message}. Is it whole, and a dump made by db:backup?`,
      );
    });
  } finally {
    await pg.close();
  }
}

async function restorePostgres(url: string, file: string): Promise<void> {
  const { default: postgres } = await import("postgres");
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [{ objects }] = await client.unsafe<{ objects: number }[]>(countObjects);
    if (objects > 0) throw notEmpty(redact(url), objects);
  } finally {
    await client.end({ timeout: 5 });
  }
  try {
    await run("psql", ["--no-psqlrc", "--quiet", "--single-transaction", "--set", "ON_ERROR_STOP=1", "--file", file, "--dbname", url]);
  } catch (error) {
    throw commandError("psql", error, "the postgresql-client package");
  }
}

/**
 * Opens a PGlite folder no server has open, holding its lock (as the server
 * does) until it is closed: a server started meanwhile is refused, not let
 * in beside this process.
 */
async function openPglite(dataDir: string): Promise<PGlite> {
  const { PGlite } = await import("@electric-sql/pglite");
  if (dataDir.includes("://")) return PGlite.create(dataDir, { extensions: pgliteExtensions });
  const lock = acquireDataFolderLock(realpathSync(dataDir));
  try {
    const pg = await PGlite.create(dataDir, { extensions: pgliteExtensions });
    const close = pg.close.bind(pg);
    pg.close = () => close().finally(lock.release);
    return pg;
  } catch (error) {
    lock.release();
    throw error;
  }
}

// Anything a restore would collide with: relations, types or schemas of the
// user's (an empty database has only the empty `public` schema).
const countObjects = `
  select (
    (select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname !~ '^pg_')
    + (select count(*) from pg_type t join pg_namespace n on n.oid = t.typnamespace where n.nspname = 'public')
    + (select count(*) from pg_namespace where nspname not in ('public', 'pg_catalog', 'information_schema') and nspname !~ '^pg_')
  )::int as objects`;

function notEmpty(where: string, objects: number) {
  return new BackupError(
    `Refusing to restore into ${where}: the database is not empty (${objects} tables, types or schemas). Restore into an empty PGlite folder or a new database.`,
  );
}

/**
 * The dump without the `\restrict KEY` and `\unrestrict KEY` lines recent
 * pg_dump versions write for psql, which PGlite (no psql) cannot run. Only
 * the lines with the dump's own key go, never a row's text.
 */
export function withoutPsqlCommands(dump: string): string {
  const key = /^\\restrict (\S+)$/m.exec(dump)?.[1];
  if (!key) return dump;
  return dump.replaceAll(`\\restrict ${key}\n`, "").replaceAll(`\\unrestrict ${key}\n`, "");
}

function commandError(command: string, error: unknown, install: string): BackupError {
  const failure = error as NodeJS.ErrnoException & { stderr?: string };
  if (failure.code === "ENOENT")
    return new BackupError(`${command} was not found on PATH; install it (${install}) to back up or restore PostgreSQL.`);
  // psql echoes the failing line, which in a dump can be a thousand rows long: the first lines, each cut short, say enough.
  const said = (failure.stderr?.trim() || failure.message)
    .split("\n")
    .slice(0, 3)
    .map((line) => (line.length > 300 ? `${line.slice(0, 300)}…` : line))
    .join("\n");
  return new BackupError(`${command} failed: ${said}`);
}

/** A URL without its password, for messages. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "the database";
  }
}
