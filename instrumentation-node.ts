/**
 * What `instrumentation.ts` does on the Node.js runtime: start counting
 * requests, take over the stop signals, open the database, load the
 * articles of `content/` into it, and offer backups of a PGlite folder to
 * `npm run db:backup` (db/backup-socket.ts).
 */
import { serveBackups } from "@/db/backup-socket";
import { closeDbForGood, getDb } from "@/db/client";
import { readDatabaseEnv } from "@/db/env";
import { loadContentArticles } from "@/db/load-content";
import { recordClientAddresses } from "@/lib/client-address";
import { installGracefulStop, trackRequests } from "@/lib/graceful-stop";

export async function startServer() {
  trackRequests();
  recordClientAddresses();
  leaveStopSignalsToTheApp();
  installGracefulStop({ close: closeDbForGood });
  const opening = getDb();
  // Any number of servers may share one PostgreSQL, and one that is down at
  // start-up must not hold the server back: requests wait for it, or fail,
  // and the articles are loaded once it answers.
  if (readDatabaseEnv().DATABASE_URL) {
    opening.catch((error) => console.error("The database could not be opened at start-up:", error));
    void loadContent();
    return;
  }
  try {
    await opening;
    await loadContent();
    // Only once the folder is ours: a server refused above must not take over the backups of the one that holds it.
    await serveBackups();
  } catch (error) {
    // Checked by name: `db/` is bundled into this file and into each route.
    if (error instanceof Error && error.name === "DataFolderLockedError") {
      console.error(`\n${error.message}\n`);
      // A throw from register() would do too (Next exits 1), but buried under a stack trace.
      process.exit(1);
    }
    console.error("The database could not be opened at start-up:", error);
  }
}

/** Seconds between attempts to load `content/` while the database cannot be reached. */
const loadRetrySeconds = 5;

/**
 * Loads the articles of `content/` that the database lacks, once it opens;
 * while it cannot be reached, tries again every few seconds (a PGlite folder
 * held by another server is not retried: that server exits).
 */
async function loadContent(): Promise<void> {
  try {
    await loadContentArticles(await getDb(), readDatabaseEnv().CONTENT_DIR);
  } catch (error) {
    if (error instanceof Error && error.name === "DataFolderLockedError") throw error;
    console.error(`The articles of content/ could not be loaded; trying again in ${loadRetrySeconds} s:`, error);
    setTimeout(() => void loadContent(), loadRetrySeconds * 1000).unref();
  }
}

/**
 * `next start` stops on SIGTERM and SIGINT by itself unless
 * NEXT_MANUAL_SIG_HANDLE is set (next/dist/server/lib/start-server.js, its
 * listener named `cleanup`): it closes the HTTP server, waits for the requests
 * in flight without a bound, and exits 143 (130 for SIGINT), giving the app no
 * moment between the last request and the exit to close the database. So
 * package.json's `start` sets NEXT_MANUAL_SIG_HANDLE, and when the server was
 * started otherwise (`npx next start`, the benchmark), that listener is taken
 * off here and `lib/graceful-stop.ts` does its work with the database added.
 * (Next's listener also awaits `after()` callbacks, which this app has none of.)
 * Not under `next dev`, whose listener also shuts down the bundler: there the
 * app closes the database beside it, and the parent process kills the server
 * 100 ms after the signal anyway; a lock left behind is taken over.
 */
function leaveStopSignalsToTheApp() {
  if (process.env.NODE_ENV !== "production") return;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    for (const listener of process.listeners(signal)) if (listener.name === "cleanup") process.off(signal, listener);
  }
}
