/**
 * Failed sign-ins are limited: the 6th failure within 15 minutes for one
 * email, or the 20th from one address, is refused `429` until the window
 * has moved past the oldest of them. Only failures count. The counts are
 * rows in the database, so two app instances on one PostgreSQL share them.
 */
import "server-only";
import { type SQL, and, count, eq, gt, lt, min, or, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { signInFailures } from "@/db/schema";

export const signInLimits = { windowMinutes: 15, perEmail: 5, perAddress: 19 } as const;

const windowStart = () => new Date(Date.now() - signInLimits.windowMinutes * 60_000);

/**
 * Starts a sign-in of `email` from `address`. The attempt counts as a
 * failure from the start (a row, written under a lock on the email and the
 * address), so that of any number sent at once no more get through than the
 * limit allows. Over the limit, the answer is the seconds to wait; else the
 * attempt's id, for `endSignIn`.
 */
export async function beginSignIn(email: string, address: string): Promise<{ attempt: number } | { wait: number }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    // One attempt at a time per email and per address (always in this order: no deadlock), so each counts those before it.
    await tx.execute(sql`select pg_advisory_xact_lock(${emailLockSpace}, hashtext(${email}))`);
    await tx.execute(sql`select pg_advisory_xact_lock(${addressLockSpace}, hashtext(${address}))`);
    const since = windowStart();
    const counted = async (who: SQL) => {
      const [row] = await tx
        .select({ failures: count(), oldest: min(signInFailures.at) })
        .from(signInFailures)
        .where(and(who, gt(signInFailures.at, since)));
      return row;
    };
    const byEmail = await counted(eq(signInFailures.email, email));
    const byAddress = await counted(eq(signInFailures.address, address));
    let wait = 0;
    for (const [{ failures, oldest }, limit] of [
      [byEmail, signInLimits.perEmail],
      [byAddress, signInLimits.perAddress],
    ] as const) {
      if (failures < limit || !oldest) continue;
      const freedAt = new Date(oldest).getTime() + signInLimits.windowMinutes * 60_000;
      wait = Math.max(wait, 1, Math.ceil((freedAt - Date.now()) / 1000));
    }
    if (wait > 0) return { wait };
    const [{ id }] = await tx.insert(signInFailures).values({ email, address }).returning({ id: signInFailures.id });
    return { attempt: id };
  });
}

/** Arbitrary first keys of the advisory locks that take sign-in attempts one at a time per email and per address. */
const emailLockSpace = 4_718_205;
const addressLockSpace = 4_718_206;

/** Ends an attempt: a success is no failure (its row goes); a failure stays counted, and those older than the window go. */
export async function endSignIn(attempt: number, { failed, email, address }: { failed: boolean; email: string; address: string }): Promise<void> {
  const db = await getDb();
  if (!failed) {
    await db.delete(signInFailures).where(eq(signInFailures.id, attempt));
    return;
  }
  await db
    .delete(signInFailures)
    .where(and(lt(signInFailures.at, windowStart()), or(eq(signInFailures.email, email), eq(signInFailures.address, address))));
}
