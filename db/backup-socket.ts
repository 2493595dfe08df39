/**
 * Backups of a PGlite folder while the server has it open.
 *
 * Only one process may open a PGlite folder (a second one destroys it), so
 * while `npm start` runs, `npm run db:backup` cannot open the folder itself.
 * Instead the server listens on a Unix socket, and hands a backup client a
 * copy of its data folder (`PGlite.dumpDataDir`: a tar of its files, taken
 * between two statements, so consistent as after a crash: every committed
 * transaction, none half-done). The client opens that copy in memory and
 * dumps it with pg_dump there, so the server's event loop is held only for
 * the copy (about a second for a 40 MB folder), not for the whole dump.
 *
 * The socket sits in a private folder (mode 0700) of the system's temporary
 * folder, itself mode 0600: only the server's user can ask for a backup. Its
 * path is written beside the data folder (`pglite.backup-socket` beside
 * `pglite/`), where the client looks for it. A record left by a server that
 * died names a socket no one listens on; the client then opens the folder
 * itself.
 *
 * Protocol: the client sends `backup\n`; the server answers `ok\n` and the
 * tar's bytes, or `error <message>\n`, and closes.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { lstat, readdir, rm, stat } from "node:fs/promises";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { readDatabaseEnv } from "./env";

/** Where the socket of the server that has `dataDir` open is written down. */
export function socketRecordPath(dataDir: string): string {
  return `${path.resolve(dataDir)}.backup-socket`;
}

const startedKey = Symbol.for("factcheck.backupSocket");

/**
 * Starts listening for backup clients, once per process, when the database
 * is a PGlite folder (not PostgreSQL, which pg_dump reaches itself, nor
 * memory). Called from the server's start-up hook (`instrumentation.ts`).
 * The database is opened on the first backup asked for, not here.
 */
export function serveBackups(): Promise<void> {
  const env = readDatabaseEnv();
  if (env.DATABASE_URL || env.PGLITE_DATA_DIR.includes("://")) return Promise.resolve();
  const holder = globalThis as typeof globalThis & { [startedKey]?: Promise<void> };
  holder[startedKey] ??= listen(env.PGLITE_DATA_DIR);
  return holder[startedKey];
}

/** Resolves once the socket takes connections and its path is written down. */
function listen(dataDir: string): Promise<void> {
  const folder = mkdtempSync(path.join(tmpdir(), socketFolderPrefix));
  const socket = path.join(folder, "backup.sock");
  const record = socketRecordPath(dataDir);
  const server = createServer((connection) => {
    connection.once("data", async (request) => {
      if (request.toString("utf8").trim() !== "backup") return connection.end("error unknown request\n");
      try {
        const copy = await copyDataFolder();
        connection.write("ok\n");
        connection.end(copy);
      } catch (error) {
        console.error("backup through the socket failed", error);
        connection.end("error the server could not copy its data folder; see its log\n");
      }
    });
    connection.on("error", () => {});
  });
  process.once("exit", () => {
    try {
      if (readFileSync(record, "utf8").trim() === socket) rmSync(record, { force: true });
    } catch {}
    rmSync(folder, { recursive: true, force: true });
  });
  return new Promise((resolve) => {
    // A server without backups still serves: the failure is logged, and `db:backup` says no server listens.
    server.on("error", (error) => {
      console.error("the backup socket failed", error);
      resolve();
    });
    server.listen(socket, () => {
      chmodSync(socket, 0o600);
      writeFileSync(record, `${socket}\n`, { mode: 0o600 });
      resolve();
      void sweepStaleSocketFolders().catch((error) => console.error("could not clear old backup sockets", error));
    });
    // Not to keep the process alive, nor stop it from exiting.
    server.unref();
  });
}

/** The start of a socket folder's name; servers before 5 Dec 2026 used the second. */
const socketFolderPrefix = "factcheck-socket-";
const earlierSocketFolderPrefix = "factcheck-backup-";

/**
 * Removes the socket folders of servers that were killed (SIGKILL, a crash:
 * no exit hook ran), so that the temporary folder does not gather one per
 * server ever started. Only a folder that holds nothing but a socket named
 * `backup.sock`, older than `minAgeMs` (a server may be between making it
 * and listening), that refuses connections: never another folder that
 * happens to share the name's start (a test's database, say).
 */
export async function sweepStaleSocketFolders(minAgeMs = 60_000): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(tmpdir())) {
    if (!name.startsWith(socketFolderPrefix) && !name.startsWith(earlierSocketFolderPrefix)) continue;
    const folder = path.join(tmpdir(), name);
    try {
      const info = await stat(folder);
      if (!info.isDirectory() || Date.now() - info.mtimeMs < minAgeMs) continue;
      const entries = await readdir(folder);
      const socket = path.join(folder, "backup.sock");
      if (entries.length !== 1 || entries[0] !== "backup.sock" || !(await lstat(socket)).isSocket()) continue;
      if ((await socketState(socket)) !== "dead") continue;
      await rm(folder, { recursive: true, force: true });
      removed.push(folder);
    } catch {
      // Gone already, or not ours to read: leave it.
    }
  }
  return removed;
}

/**
 * Whether a server takes connections on `socket`: "dead" only when the
 * connection is refused or there is no socket, not on a busy server's error.
 */
function socketState(socket: string): Promise<"answers" | "dead" | "unknown"> {
  return new Promise((resolve) => {
    const connection = createConnection(socket, () => {
      connection.destroy();
      resolve("answers");
    });
    connection.on("error", (error: NodeJS.ErrnoException) => {
      resolve(["ECONNREFUSED", "ENOENT", "ENOTSOCK"].includes(error.code ?? "") ? "dead" : "unknown");
    });
  });
}

async function copyDataFolder(): Promise<Buffer> {
  const { getDb } = await import("./client");
  const db = await getDb();
  if (db.engine !== "pglite") throw new Error("the database is not PGlite");
  const pg = (db as unknown as { $client: PGlite }).$client;
  const tar = await pg.dumpDataDir("none");
  return Buffer.from(await tar.arrayBuffer());
}

/** Whether a server that has `dataDir` open listens for backups. */
export async function serverListens(dataDir: string): Promise<boolean> {
  const socket = recordedSocket(dataDir);
  return socket ? (await socketState(socket)) === "answers" : false;
}

function recordedSocket(dataDir: string): string | undefined {
  try {
    return readFileSync(socketRecordPath(dataDir), "utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * A copy of the data folder from the server that has `dataDir` open, as a
 * tar; undefined when no server listens (no record, or one left by a server
 * that died). Throws when a server answers with an error.
 */
export async function copyFromServer(dataDir: string): Promise<Blob | undefined> {
  const socket = recordedSocket(dataDir);
  if (!socket) return undefined;
  const answer = await new Promise<Buffer | undefined>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let connected = false;
    const connection = createConnection(socket, () => {
      connected = true;
      connection.write("backup\n");
    });
    connection.on("data", (chunk) => chunks.push(chunk));
    connection.on("end", () => resolve(Buffer.concat(chunks)));
    connection.on("error", (error: NodeJS.ErrnoException) => {
      if (!connected && (error.code === "ECONNREFUSED" || error.code === "ENOENT")) resolve(undefined);
      else reject(error);
    });
  });
  if (answer === undefined) return undefined;
  const newline = answer.indexOf(10);
  const status = answer.subarray(0, newline).toString("utf8");
  if (status !== "ok") throw new Error(`The running server could not make the backup: ${status.replace(/^error /, "")}`);
  return new Blob([new Uint8Array(answer.subarray(newline + 1))]);
}
