/**
 * Failed sign-ins are limited: the 6th failure within 15 minutes for one
 * email, or the 20th from one address, is refused `429` until the window
 * has moved past the oldest of them. Only failures count. The counts are
 * rows in the database, so two app instances on one PostgreSQL share them.
 */
import "server-only";
import { and, count, eq, gt, lt, min, or } from "drizzle-orm";
import { getDb } from "@/db/client";
import { signInFailures } from "@/db/schema";

export const signInLimits = { windowMinutes: 15, perEmail: 5, perAddress: 19 } as const;

const windowStart = () => new Date(Date.now() - signInLimits.windowMinutes * 60_000);

/** Seconds until `email` from `address` may try again, or 0 when it may now. */
export async function signInWaitSeconds(email: string, address: string): Promise<number> {
  const db = await getDb();
  const since = windowStart();
  const [byEmail, byAddress] = await Promise.all(
    [eq(signInFailures.email, email), eq(signInFailures.address, address)].map(async (who) => {
      const [row] = await db
        .select({ failures: count(), oldest: min(signInFailures.at) })
        .from(signInFailures)
        .where(and(who, gt(signInFailures.at, since)));
      return row;
    }),
  );
  const waits = [
    [byEmail, signInLimits.perEmail],
    [byAddress, signInLimits.perAddress],
  ] as const;
  let wait = 0;
  for (const [{ failures, oldest }, limit] of waits) {
    if (failures < limit || !oldest) continue;
    const freedAt = new Date(oldest).getTime() + signInLimits.windowMinutes * 60_000;
    wait = Math.max(wait, Math.ceil((freedAt - Date.now()) / 1000));
  }
  return Math.max(wait, wait > 0 ? 1 : 0);
}

/** Counts a failed sign-in, and forgets failures older than the window. */
export async function recordSignInFailure(email: string, address: string): Promise<void> {
  const db = await getDb();
  await db.insert(signInFailures).values({ email, address });
  await db
    .delete(signInFailures)
    .where(and(lt(signInFailures.at, windowStart()), or(eq(signInFailures.email, email), eq(signInFailures.address, address))));
}
