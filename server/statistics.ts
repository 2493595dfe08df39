/**
 * The query planner's statistics, kept current on PGlite.
 *
 * A PostgreSQL server's autovacuum gathers statistics on tables as they
 * change; PGlite runs PostgreSQL in single-user mode, where autovacuum never
 * runs. Without statistics the planner answered each keyset batch of an
 * export by reading every claim left in the article and sorting them (191 ms
 * a batch against 38 with statistics; a 100,000-claim export took 8 s instead
 * of 2). So the tables are analysed when PGlite opens (db/client.ts), and
 * again, by autovacuum's own rule, before the reads that suffer.
 */
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";

/**
 * On PGlite, analyses the tables changed much since their last analysis
 * (autovacuum's rule: more than 50 rows plus a tenth of the table). Does
 * nothing on a server, whose autovacuum does this. A failure is logged, not
 * thrown: statistics make reads faster, never correct.
 */
export async function refreshStatistics(db: Database): Promise<void> {
  if (db.engine !== "pglite") return;
  try {
    // Row counts reach pg_stat_user_tables when a backend flushes them, which
    // PGlite's single backend may not have done yet.
    await db.execute(sql`select pg_stat_force_next_flush()`);
    const stale = (await db.execute(sql`
      select s.relname as name from pg_stat_user_tables s join pg_class c on c.oid = s.relid
      where s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)`)) as unknown as { rows: { name: string }[] };
    for (const { name } of stale.rows) await db.execute(sql`analyze ${sql.identifier(name)}`);
  } catch (error) {
    console.error("gathering the planner's statistics failed", error);
  }
}
