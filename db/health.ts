import { sql } from "drizzle-orm";
import { getDb } from "./client";

/** How long a readiness check waits for the database. */
export const pingTimeoutMs = 3_000;

/**
 * Whether the database opens (if not yet open) and answers `select 1` within
 * `timeoutMs`. A failure's cause is logged, not returned: it is for the
 * operator, not the client.
 */
export async function pingDatabase(timeoutMs = pingTimeoutMs): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  const ping = (async () => {
    const db = await getDb();
    await db.execute(sql`select 1`);
  })();
  try {
    await Promise.race([ping, timeout]);
    return true;
  } catch (error) {
    console.error("Readiness check: the database cannot be reached:", error instanceof Error ? error.message : error);
    return false;
  } finally {
    clearTimeout(timer);
  }
}
