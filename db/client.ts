/**
 * The one database connection of this process. PGlite (embedded PostgreSQL in
 * WebAssembly, files in `./.data/`) by default, a PostgreSQL server through
 * postgres.js when DATABASE_URL is set; the same schema and migrations serve
 * both. It opens lazily and once per process, kept on `globalThis` because Next
 * may load this module more than once, and two PGlite instances on one data
 * directory silently diverge.
 */
import { mkdirSync, realpathSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { acquireDataFolderLock } from "./data-folder-lock";
import { pgliteExtensions } from "./pglite-extensions";
import { readDatabaseEnv } from "./env";
import * as schema from "./schema";

/** Which database serves this process: PGlite in it, or a PostgreSQL server. */
export type Engine = "pglite" | "postgres";

/**
 * The database, or a transaction on it (which Drizzle types alike). The
 * handle `getDb()` returns says which engine it is, for the few reads whose
 * fastest form differs between the two; a transaction's handle does not.
 */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema> & { readonly engine?: Engine };

interface Connection {
  db: Database;
  close: () => Promise<void>;
  listen: Listen;
}

/**
 * Subscribes to a PostgreSQL notification channel (`LISTEN`): `onNotify`
 * gets each payload, `onListen` runs each time the subscription is
 * (re)established (postgres.js listens on a connection of its own and
 * listens again after it is lost: notifications sent meanwhile are not
 * delivered, so a subscriber catches up then). Resolves to the unsubscribe.
 */
export type Listen = (channel: string, onNotify: (payload: string) => void, onListen?: () => void) => Promise<() => Promise<void>>;

const migrationsFolder = path.join(process.cwd(), "db", "migrations");
/** Arbitrary key of the PostgreSQL advisory lock held while migrating. */
const migrationLockId = 4_718_203;
const globalKey = Symbol.for("factcheck.database");
const stoppedKey = Symbol.for("factcheck.database.stopped");
type GlobalWithDb = typeof globalThis & { [globalKey]?: Promise<Connection>; [stoppedKey]?: boolean };

/**
 * The migrated database (the articles of `content/` are loaded by the
 * server's start-up, instrumentation-node.ts, not here). On PGlite
 * with a folder, this process then holds the folder's lock until `closeDb()`;
 * it throws `DataFolderLockedError` when another live process holds it.
 */
export async function getDb(): Promise<Database> {
  const holder = globalThis as GlobalWithDb;
  if (holder[stoppedKey]) throw serverStopping();
  holder[globalKey] ??= open().catch((error) => {
    delete holder[globalKey];
    throw error;
  });
  return (await holder[globalKey]).db;
}

/**
 * Closes the connection for good, as the server stops: a request still
 * running past the drain, or a backup asked for meanwhile, then gets an
 * error (answered 503) instead of opening the database again, which would
 * take the PGlite folder's lock back just before the process exits.
 */
export async function closeDbForGood(): Promise<void> {
  (globalThis as GlobalWithDb)[stoppedKey] = true;
  await closeDb();
}

/** What `getDb()` throws once the server is stopping; its code is one the 503 mapping knows (lib/database-unavailable.ts). */
function serverStopping(): Error {
  return Object.assign(new Error("The server is stopping; its database is closed."), { code: "CONNECTION_ENDED" });
}

/**
 * Listens on a notification channel of the database this process uses
 * (see `Listen`); the subscription ends with the connection (`closeDb`).
 */
export async function listenDb(channel: string, onNotify: (payload: string) => void, onListen?: () => void): Promise<() => Promise<void>> {
  const holder = globalThis as GlobalWithDb;
  await getDb();
  return (await holder[globalKey]!).listen(channel, onNotify, onListen);
}

/** Closes the connection, if open; the next `getDb()` opens a new one. */
export async function closeDb(): Promise<void> {
  const holder = globalThis as GlobalWithDb;
  const pending = holder[globalKey];
  delete holder[globalKey];
  if (pending) await (await pending).close();
}

async function open(): Promise<Connection> {
  const env = readDatabaseEnv();
  return env.DATABASE_URL ? openPostgres(env.DATABASE_URL) : openPglite(env.PGLITE_DATA_DIR, env.PGLITE_TEMPLATE);
}

/** Seconds to wait for a PostgreSQL server to accept a connection. */
const connectTimeoutSeconds = 3;
/** Longest a statement may run, so that a stalled server is answered 503 within the 5 s a client waits. */
const statementTimeoutMs = 4_000;

async function openPostgres(url: string): Promise<Connection> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  // Drizzle's migrator takes no lock, and two processes migrating a new
  // database at once collide. Migrate over one dedicated connection holding an
  // advisory lock, so the second process waits and then finds nothing to do.
  const migrator = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: connectTimeoutSeconds });
  try {
    await migrator`select pg_advisory_lock(${migrationLockId})`;
    await migrate(drizzle({ client: migrator }), { migrationsFolder });
  } finally {
    await migrator.end({ timeout: 5 });
  }
  const client = postgres(url, {
    onnotice: () => {},
    // While the server cannot be reached a request must fail within seconds
    // (answered 503 by `handle`), and once it is back the next one must get
    // through: postgres.js's default waits up to 30 s for a connection and,
    // after failed attempts, up to 20 s more before the next (its backoff).
    connect_timeout: connectTimeoutSeconds,
    backoff: (retries: number) => Math.min(0.05 * retries, 0.5),
    // Idle connections are retired, and probed meanwhile, so that few are left
    // to find dead after an outage; each that is fails its one query (503) and
    // is replaced. patches/postgres+3.4.9.patch keeps a closed one from
    // poisoning the next (postgres.js issue #1208), and a query the statement
    // timeout cut short mid-result from offsetting the next one's rows
    // (issues #1119, #1181: db/driver-rows.test.ts).
    idle_timeout: 30,
    keep_alive: 5,
    connection: { statement_timeout: statementTimeoutMs },
  });
  const db = Object.assign(drizzle({ client, schema }), { engine: "postgres" as const });
  const listen: Listen = async (channel, onNotify, onListen) => {
    const { unlisten } = await client.listen(channel, onNotify, onListen);
    return unlisten;
  };
  return { db: db as unknown as Database, close: () => client.end({ timeout: 5 }), listen };
}

async function openPglite(dataDir: string, template: string | undefined): Promise<Connection> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  // A folder (a path or PGlite's `file://` one, not `memory://` and the like)
  // takes one writer: see data-folder-lock.ts.
  let lock: { release: () => void } | undefined;
  if (dataDir.startsWith("file://")) dataDir = dataDir.slice("file://".length);
  if (!dataDir.includes("://")) {
    mkdirSync(dataDir, { recursive: true });
    dataDir = realpathSync(dataDir);
    lock = acquireDataFolderLock(dataDir);
  }
  const close = async (client?: { close: () => Promise<void> }) => {
    try {
      await client?.close();
    } finally {
      lock?.release();
    }
  };
  let client;
  try {
    // Only a database in memory starts from the template: a folder keeps its own data.
    const loadDataDir = template && dataDir.startsWith("memory://") ? new Blob([await readFile(template)]) : undefined;
    client = await PGlite.create(dataDir, { loadDataDir, extensions: pgliteExtensions });
    const db = Object.assign(drizzle({ client, schema }), { engine: "pglite" as const });
    await migrate(db, { migrationsFolder });
    // Autovacuum never runs in PGlite's single-user mode: see db/queries/statistics.ts.
    await client.exec("analyze");
    const opened = client;
    const listen: Listen = async (channel, onNotify, onListen) => {
      const unlisten = await opened.listen(channel, onNotify);
      onListen?.();
      return () => unlisten();
    };
    return { db: db as unknown as Database, close: () => close(opened), listen };
  } catch (error) {
    await close(client);
    throw error;
  }
}
