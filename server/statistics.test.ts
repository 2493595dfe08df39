import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { articleText, type ArticleBlock } from "@/lib/article";
import { describeRange } from "@/lib/selectors";
import { createTestDocument } from "@/test/api-client";
import { createAnnotations } from "@/db/queries/import";
import { refreshStatistics } from "./statistics";
import { authorNamed } from "@/lib/author";

afterAll(closeDb);

const blocks: ArticleBlock[] = [{ type: "paragraph", text: "Jassy said the story on spy chips was wrong and should be retracted." }];
const onServer = Boolean(process.env.DATABASE_URL);

/** When the claims table was last analysed, in seconds; 0 if never. */
async function lastAnalysed(): Promise<number> {
  const db = await getDb();
  const { rows } = (await db.execute(
    sql`select coalesce(extract(epoch from last_analyze), 0)::float8 as at from pg_stat_user_tables where relname = 'annotations'`,
  )) as unknown as { rows: { at: number }[] };
  return rows[0].at;
}

async function addClaims(count: number) {
  const db = await getDb();
  const document = await createTestDocument(blocks);
  const anchor = describeRange(articleText(blocks), 24, 33);
  const claim = { index: 0, anchor, tag: "disputed" as const, note: "", claimant: "", evidence: [], method: "quote" as const, score: 1 };
  await createAnnotations(
    db,
    document,
    Array.from({ length: count }, () => claim),
    authorNamed("Importer"),
  );
}

describe("the planner's statistics on PGlite", () => {
  it.skipIf(onServer)("are gathered on opening and once claims changed much (PGlite only: autovacuum does it on a server)", async () => {
    const opened = await lastAnalysed();
    expect(opened).toBeGreaterThan(0);
    await addClaims(10);
    await refreshStatistics(await getDb());
    expect(await lastAnalysed()).toBe(opened);
    await addClaims(300);
    await refreshStatistics(await getDb());
    expect(await lastAnalysed()).toBeGreaterThan(opened);
  });
});
