import { afterAll, describe, expect, it, vi } from "vitest";
import { closeDb, getDb, isEmbedded } from "./client";

afterAll(closeDb);

describe("getDb", () => {
  it("gives a second copy of this module (as Next may load) the same database, of the same kind", async () => {
    const db = await getDb();
    vi.resetModules();
    const copy = await import("./client");
    expect(await copy.getDb()).toBe(db);
    expect(copy.isEmbedded(db)).toBe(isEmbedded(db));
    expect(isEmbedded(db)).toBe(!process.env.DATABASE_URL);
  });
});
