/**
 * Long requests (event streams) are signed in once, when they open; this
 * tells them at once when their person's access changed (deactivated, a
 * token revoked), on every app instance, through `NOTIFY access`, so that
 * they check their credentials again and close when these no longer work.
 */
import "server-only";
import { sql } from "drizzle-orm";
import { type Database, listenDb } from "@/db/client";

const channel = "access";

interface Watch {
  byUser: Map<string, Set<() => void>>;
  listening: Promise<void> | null;
}

const watchKey = Symbol.for("factcheck.access-watch");

function watch(): Watch {
  const holder = globalThis as typeof globalThis & { [watchKey]?: Watch };
  return (holder[watchKey] ??= { byUser: new Map(), listening: null });
}

/** Calls `recheck` whenever the access of `userId` changes; returns the function that stops it. */
export async function watchAccess(userId: string, recheck: () => void): Promise<() => void> {
  const state = watch();
  state.listening ??= listenDb(channel, (changed) => {
    for (const callback of state.byUser.get(changed) ?? []) callback();
  }).then(
    () => undefined,
    (error) => {
      state.listening = null;
      throw error;
    },
  );
  await state.listening;
  const callbacks = state.byUser.get(userId) ?? new Set();
  state.byUser.set(userId, callbacks);
  callbacks.add(recheck);
  return () => {
    callbacks.delete(recheck);
    if (callbacks.size === 0) state.byUser.delete(userId);
  };
}

/** Says, in the transaction that changed it (delivered at commit), that the access of `userId` changed. */
export async function accessChanged(db: Database, userId: string): Promise<void> {
  await db.execute(sql`select pg_notify(${channel}, ${userId})`);
}
