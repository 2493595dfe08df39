import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { annotations } from "@/db/schema";
import { call, createTestDocument } from "@/test/api-client";
import * as restoreRoute from "./annotations/[id]/restore/route";
import * as annotationRoute from "./annotations/[id]/route";
import * as annotationsRoute from "./documents/[slug]/annotations/route";
import * as restoreDeletedRoute from "./documents/[slug]/deleted/restore/route";
import * as deletedRoute from "./documents/[slug]/deleted/route";
import * as revisionsRoute from "./documents/[slug]/revisions/route";

interface Deleted {
  id: string;
  quote: string;
  tag: string;
  deletedBy: string;
  deletedAt: string;
  version: number;
}

const words = ["alpha", "bravo", "charlie", "delta", "echo"];
const text = `${words.join(" ")}.`;

async function newArticle() {
  const document = await createTestDocument([{ type: "paragraph", text }]);
  const ids: Record<string, string> = {};
  for (const word of words) {
    const start = text.indexOf(word);
    const { status, json } = await call(
      annotationsRoute.POST,
      { slug: document.slug },
      { body: { start, end: start + word.length, tag: "disputed" } },
    );
    expect(status).toBe(201);
    ids[word] = json.annotation.id;
  }
  return { slug: document.slug, ids };
}

const remove = (id: string, reviewer: string) => call(annotationRoute.DELETE, { id }, { method: "DELETE", reviewer });
const listDeleted = async (slug: string, query?: string) => {
  const { status, json } = await call(deletedRoute.GET, { slug }, { query });
  expect(status).toBe(200);
  return json.deleted as Deleted[];
};
const liveQuotes = async (slug: string) =>
  ((await call(annotationsRoute.GET, { slug })).json.annotations as { quote: string }[]).map((claim) => claim.quote);
const restoreWindow = (slug: string, body: unknown, options = {}) => call(restoreDeletedRoute.POST, { slug }, { body, ...options });

/** Sets when a claim was deleted, so that windows can be tested without waiting. */
async function deletedAtTime(id: string, iso: string) {
  await (
    await getDb()
  )
    .update(annotations)
    .set({ deletedAt: new Date(iso) })
    .where(eq(annotations.id, id));
}

// Opening (and migrating) the database takes long on a busy machine: in the hook, not in the first test.
beforeAll(async () => {
  await getDb();
});
afterAll(closeDb);

describe("deleted claims", () => {
  it("lists who deleted each claim and when, the latest deletion first, and not live claims", async () => {
    const { slug, ids } = await newArticle();
    const before = Date.now();
    expect((await remove(ids.bravo, "Alice")).status).toBe(204);
    expect((await remove(ids.delta, "Bob")).status).toBe(204);
    await deletedAtTime(ids.bravo, "2026-01-01T10:00:00Z");

    const deleted = await listDeleted(slug);
    expect(deleted.map((claim) => [claim.quote, claim.tag, claim.deletedBy])).toEqual([
      ["delta", "disputed", "Bob"],
      ["bravo", "disputed", "Alice"],
    ]);
    expect(deleted[0].id).toBe(ids.delta);
    expect(Date.parse(deleted[0].deletedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(deleted[1].deletedAt).toBe("2026-01-01T10:00:00.000Z");
    expect(await liveQuotes(slug)).toEqual(["alpha", "charlie", "echo"]);
  });

  it("filters by who deleted and by a time window, both ends included", async () => {
    const { slug, ids } = await newArticle();
    for (const word of ["alpha", "bravo", "charlie"]) await remove(ids[word], "Alice");
    await remove(ids.delta, "Bob");
    await deletedAtTime(ids.alpha, "2026-03-01T09:00:00.000Z");
    await deletedAtTime(ids.bravo, "2026-03-01T10:00:00.000Z");
    await deletedAtTime(ids.charlie, "2026-03-01T11:00:00.000Z");
    await deletedAtTime(ids.delta, "2026-03-01T10:30:00.000Z");

    const quotes = async (query: string) => (await listDeleted(slug, query)).map((claim) => claim.quote);
    expect(await quotes("deletedBy=Alice")).toEqual(["charlie", "bravo", "alpha"]);
    expect(await quotes("deletedBy=Carol")).toEqual([]);
    expect(await quotes(`from=${encodeURIComponent("2026-03-01T10:00:00Z")}`)).toEqual(["charlie", "delta", "bravo"]);
    expect(await quotes(`to=${encodeURIComponent("2026-03-01T10:00:00.000Z")}`)).toEqual(["bravo", "alpha"]);
    // An offset is a zone like any other: 11:30+01:00 is 10:30 UTC.
    expect(await quotes(`deletedBy=Alice&from=2026-03-01T09:30:00Z&to=${encodeURIComponent("2026-03-01T11:30:00+01:00")}`)).toEqual(["bravo"]);
  });

  it("finds a claim by the deletedAt it was listed with, though the database keeps microseconds", async () => {
    const { slug, ids } = await newArticle();
    await remove(ids.echo, "Alice");
    await deletedAtTime(ids.echo, "2026-05-01T12:00:00.123Z");
    await (await getDb()).execute(sql`update annotations set deleted_at = deleted_at + interval '456 microseconds' where id = ${ids.echo}`);
    const [listed] = await listDeleted(slug);
    expect(listed.deletedAt).toBe("2026-05-01T12:00:00.123Z");
    expect((await listDeleted(slug, `from=${listed.deletedAt}&to=${listed.deletedAt}`)).map((claim) => claim.id)).toEqual([ids.echo]);
  });

  it("restores one claim: it leaves the deleted list and is live again, with its id", async () => {
    const { slug, ids } = await newArticle();
    await remove(ids.charlie, "Alice");
    const { status, json } = await call(restoreRoute.POST, { id: ids.charlie }, { method: "POST", reviewer: "Bob" });
    expect(status).toBe(200);
    expect(json.annotation).toMatchObject({ id: ids.charlie, quote: "charlie", status: "anchored", updatedBy: "Bob" });
    expect(await listDeleted(slug)).toEqual([]);
    expect(await liveQuotes(slug)).toEqual(words);
    // Deleted again by someone else: the list names the latest deleter.
    await remove(ids.charlie, "Carol");
    expect((await listDeleted(slug)).map((claim) => claim.deletedBy)).toEqual(["Carol"]);
  });

  it("restores everything one reviewer deleted in a window, and nothing else", async () => {
    const { slug, ids } = await newArticle();
    for (const word of ["alpha", "bravo", "charlie", "delta"]) await remove(ids[word], word === "delta" ? "Bob" : "Alice");
    await deletedAtTime(ids.alpha, "2026-06-01T08:00:00Z");
    await deletedAtTime(ids.bravo, "2026-06-01T10:00:00Z");
    await deletedAtTime(ids.charlie, "2026-06-01T10:05:00Z");
    await deletedAtTime(ids.delta, "2026-06-01T10:02:00Z");

    const { status, json } = await restoreWindow(
      slug,
      { deletedBy: "Alice", from: "2026-06-01T09:00:00Z", to: "2026-06-01T11:00:00Z" },
      { reviewer: "Editor" },
    );
    expect(status).toBe(200);
    expect(json.restored.map((claim: { quote: string }) => claim.quote)).toEqual(["bravo", "charlie"]);
    expect(json.restored[0]).toMatchObject({ id: ids.bravo, updatedBy: "Editor", version: 3 });
    expect(await liveQuotes(slug)).toEqual(["bravo", "charlie", "echo"]);
    expect((await listDeleted(slug)).map((claim) => claim.quote)).toEqual(["delta", "alpha"]);

    // Nothing left in that window: an empty list, not an error.
    const again = await restoreWindow(slug, { deletedBy: "Alice", from: "2026-06-01T09:00:00Z", to: "2026-06-01T11:00:00Z" });
    expect(again.status).toBe(200);
    expect(again.json.restored).toEqual([]);
  });

  it("refuses bad input with a 4xx JSON error and restores nothing", async () => {
    const { slug, ids } = await newArticle();
    await remove(ids.alpha, "Alice");
    const window = { deletedBy: "Alice", from: "2020-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z" };
    const refused: [unknown, object, number, string][] = [
      [{ ...window, to: undefined }, {}, 400, "to: missing"],
      [{ ...window, deletedBy: "  " }, {}, 400, "deletedBy"],
      [{ ...window, from: "2100-01-02T00:00:00Z" }, {}, 400, "from must not be after to"],
      [{ ...window, from: "yesterday" }, {}, 400, "ISO 8601"],
      [{ ...window, from: "2026-03-01T10:00:00" }, {}, 400, "ISO 8601"],
      [{ ...window, from: "0000-01-01T00:00:00Z" }, {}, 400, "year 1 or later"],
      [{ ...window, ids: [ids.alpha] }, {}, 400, "unknown"],
      [[window], {}, 400, ""],
      [window, { reviewer: null }, 401, ""],
    ];
    for (const [body, options, status, message] of refused) {
      const answer = await restoreWindow(slug, body, options);
      expect(answer.status, JSON.stringify(body)).toBe(status);
      expect(answer.json.error.message).toContain(message);
    }
    const unknown = await restoreWindow("no-such-article", window);
    expect(unknown.status).toBe(404);
    expect((await listDeleted(slug)).map((claim) => claim.id)).toEqual([ids.alpha]);
  });

  it("refuses a bad query string with a 400 and answers 404 for an unknown article", async () => {
    const { slug } = await newArticle();
    for (const query of ["from=soon", "to=2026-13-01T00:00:00Z", "from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "deletedBy=", "who=Alice"]) {
      const { status, json } = await call(deletedRoute.GET, { slug }, { query });
      expect(status, query).toBe(400);
      expect(json.error.code).toBe("invalid_query");
    }
    expect((await call(deletedRoute.GET, { slug: "no-such-article" })).status).toBe(404);
    expect((await call(deletedRoute.POST, { slug }, { body: {} })).status).toBe(405);
  });

  it("brings back a claim deleted before a revision as an orphan, not on the new text's words", async () => {
    const { slug, ids } = await newArticle();
    await remove(ids.alpha, "Alice");
    await remove(ids.bravo, "Alice");
    const published = await call(revisionsRoute.POST, { slug }, { body: { text: "A wholly different text now stands here." } });
    expect(published.status).toBe(201);

    const one = await call(restoreRoute.POST, { id: ids.alpha }, { method: "POST" });
    expect(one.json.annotation).toMatchObject({ id: ids.alpha, status: "orphan", quote: "alpha" });
    const rest = await restoreWindow(slug, { deletedBy: "Alice", from: "2000-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z" });
    expect(rest.json.restored).toMatchObject([{ id: ids.bravo, status: "orphan", quote: "bravo" }]);
  });
});
