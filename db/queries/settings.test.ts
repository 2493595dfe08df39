/**
 * Two admins changing different publishing settings at once both keep their
 * change. Each test uses a key of its own: the settings proper are shared by
 * every test file on PostgreSQL.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "../client";
import { appSettings } from "../schema";
import { driverRows } from "./read-rows";
import { changePublishingSettings } from "./settings";

const publisher = { name: "Desk", url: "https://desk.example.org", logo: null };

afterAll(closeDb);

describe("changing the publishing settings", () => {
  it("keeps what a change does not name, and makes the row the first time", async () => {
    const db = await getDb();
    const key = `publishing-test-${crypto.randomUUID()}`;
    expect(await changePublishingSettings(db, { publicBaseUrl: "https://a.example.org" }, key)).toEqual({
      publisher: null,
      publicBaseUrl: "https://a.example.org",
    });
    expect(await changePublishingSettings(db, { publisher }, key)).toEqual({ publisher, publicBaseUrl: "https://a.example.org" });
    await db.delete(appSettings).where(eq(appSettings.key, key));
  });

  // PGlite runs one transaction at a time: only a PostgreSQL server lets a second change start while the first is open.
  it.skipIf(!process.env.DATABASE_URL)(
    "keeps both of two changes made at once (PostgreSQL only: PGlite runs one transaction at a time)",
    async () => {
      const db = await getDb();
      const key = `publishing-test-${crypto.randomUUID()}`;
      await changePublishingSettings(db, { publicBaseUrl: "https://a.example.org" }, key);
      let second: Promise<unknown> = Promise.resolve();
      await db.transaction(async (tx) => {
        // One admin's change, not committed yet, while another admin changes the publisher.
        await changePublishingSettings(tx, { publicBaseUrl: "https://b.example.org" }, key);
        const [first] = driverRows<{ pid: number }>(await tx.execute(sql`select pg_backend_pid() as pid`));
        second = changePublishingSettings(db, { publisher }, key);
        // The second waits for the first's row.
        await expect
          .poll(async () => {
            const [row] = driverRows<{ waiting: number }>(
              await db.execute(sql`select count(*)::int as waiting from pg_stat_activity where ${first!.pid}::int = any(pg_blocking_pids(pid))`),
            );
            return row?.waiting;
          })
          .toBe(1);
      });
      expect(await second).toEqual({ publisher, publicBaseUrl: "https://b.example.org" });
      const [stored] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, key));
      expect(JSON.parse(stored!.value)).toEqual({ publisher, publicBaseUrl: "https://b.example.org" });
      await db.delete(appSettings).where(eq(appSettings.key, key));
    },
  );
});
