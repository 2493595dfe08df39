/**
 * The `claim_events` feed: every change to a claim through the API appends
 * exactly one event, in the transaction that makes it, and a refused request
 * (bad input, a stale version, an unknown claim or article) appends none.
 * Runs on PGlite, and on PostgreSQL when DATABASE_URL is set.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { listClaimEvents } from "@/db/queries/claim-events";
import { call, createTestDocument } from "@/test/api-client";
import * as reattachRoute from "./annotations/[id]/reattach/route";
import * as restoreRoute from "./annotations/[id]/restore/route";
import * as annotationRoute from "./annotations/[id]/route";
import * as annotationsRoute from "./documents/[slug]/annotations/route";
import * as restoreDeletedRoute from "./documents/[slug]/deleted/restore/route";
import * as importRoute from "./documents/[slug]/import/route";
import * as revisionsRoute from "./documents/[slug]/revisions/route";

// Words far enough apart that a change near one leaves the others' context alone.
const filler = "and then the meeting went on for a long while without much news";
const words = ["alpha", "bravo", "charlie", "delta", "echo"];
const paragraph = `${words.join(` ${filler} `)}.`;
const unknownId = "00000000-0000-4000-8000-000000000000";

let text: string;
let documentId: string;
let slug: string;
let seen = 0;
const ids: Record<string, string> = {};

/** The events appended since the last call, as [action, claim word] pairs. */
async function newEvents() {
  const events = await listClaimEvents(await getDb(), { documentId, after: seen });
  if (events.length > 0) seen = events.at(-1)!.id;
  const word = (id: string) => Object.entries(ids).find(([, claimId]) => claimId === id)?.[0] ?? id;
  return events.map((event) => [event.action, word(event.annotationId), event.actor]);
}

async function lastEvent() {
  const events = await listClaimEvents(await getDb(), { documentId });
  return events.at(-1)!;
}

const create = (body: unknown, reviewer: string | null = "Ada") => call(annotationsRoute.POST, { slug }, { body, reviewer });
const patch = (id: string, body: unknown, reviewer: string | null = "Ada") =>
  call(annotationRoute.PATCH, { id }, { method: "PATCH", body, reviewer });
const remove = (id: string, reviewer = "Ada") => call(annotationRoute.DELETE, { id }, { method: "DELETE", reviewer });
const restore = (id: string, reviewer = "Ada") => call(restoreRoute.POST, { id }, { method: "POST", reviewer });
const at = (word: string, within = text) => ({ start: within.indexOf(word), end: within.indexOf(word) + word.length });

beforeAll(async () => {
  // Under a headline, which a revision's text keeps on its first line.
  const document = await createTestDocument([
    { type: "heading", level: 1, text: "Test article" },
    { type: "paragraph", text: paragraph },
  ]);
  text = document.text;
  documentId = document.id;
  slug = document.slug;
});
afterAll(closeDb);

describe("claim events", () => {
  it("records a create, with the claim after it, and nothing for a refused or repeated one", async () => {
    const { status, json } = await create({ ...at("alpha"), tag: "disputed", id: randomUUID() });
    expect(status).toBe(201);
    ids.alpha = json.annotation.id;
    expect(await newEvents()).toEqual([["created", "alpha", "Ada"]]);
    const event = await lastEvent();
    expect(event.before).toBeNull();
    expect(event.after).toMatchObject({ ...json.annotation, deletedAt: null, deletedBy: null });

    // The same create again (its answer lost): the claim is returned, and nothing happened.
    expect((await create({ ...at("alpha"), tag: "disputed", id: ids.alpha })).status).toBe(200);
    expect((await create({ start: 5, end: 2, tag: "disputed" })).status).toBe(400);
    expect((await create({ ...at("alpha"), tag: "wrong" })).status).toBe(400);
    expect((await create({ ...at("bravo"), tag: "denied", id: ids.alpha })).status).toBe(409);
    expect((await create({ ...at("alpha"), tag: "disputed" }, null)).status).toBe(401);
    expect((await call(annotationsRoute.POST, { slug: "no-such-article" }, { body: { ...at("alpha"), tag: "denied" } })).status).toBe(404);
    expect(await newEvents()).toEqual([]);

    for (const word of ["bravo", "charlie", "delta", "echo"]) {
      ids[word] = (await create({ ...at(word), tag: "unverified" }, "Bea")).json.annotation.id;
    }
    expect(await newEvents()).toEqual(["bravo", "charlie", "delta", "echo"].map((word) => ["created", word, "Bea"]));
  });

  it("records an edit with the fields before and after, and nothing for a stale version, bad input or an unknown claim", async () => {
    const { status, json } = await patch(ids.alpha, { version: 1, tag: "denied", note: "No." }, "Cy");
    expect(status).toBe(200);
    expect(await newEvents()).toEqual([["updated", "alpha", "Cy"]]);
    const event = await lastEvent();
    expect(event.before).toMatchObject({ tag: "disputed", note: "", version: 1, updatedBy: "Ada" });
    expect(event.after).toMatchObject({ tag: "denied", note: "No.", version: 2, updatedBy: "Cy" });
    expect(event.after).toEqual({ ...json.annotation, deletedAt: null, deletedBy: null });

    expect((await patch(ids.alpha, { version: 1, tag: "unverified" })).status).toBe(409);
    expect((await patch(ids.alpha, { version: 2, tag: "nonsense" })).status).toBe(400);
    expect((await patch(ids.alpha, { version: 2, evidence: ["javascript:alert(1)"] })).status).toBe(400);
    expect((await patch(ids.alpha, { version: 2, tag: "unverified" }, null)).status).toBe(401);
    expect((await patch(unknownId, { version: 1, tag: "unverified" })).status).toBe(404);
    // A change of nothing changes nothing.
    expect((await patch(ids.alpha, { version: 2 })).status).toBe(200);
    expect(await newEvents()).toEqual([]);

    expect((await patch(ids.alpha, { version: 2, previousQuote: null })).status).toBe(200);
    expect(await newEvents()).toEqual([["verdict_confirmed", "alpha", "Ada"]]);
  });

  it("records a delete and a restore once each, and nothing for a repeated or unknown one", async () => {
    expect((await remove(ids.bravo, "Dee")).status).toBe(204);
    expect((await remove(ids.bravo, "Dee")).status).toBe(204);
    expect((await remove(unknownId)).status).toBe(404);
    expect(await newEvents()).toEqual([["deleted", "bravo", "Dee"]]);
    expect((await lastEvent()).after).toMatchObject({ deletedBy: "Dee", deletedAt: expect.any(String) });
    // A deleted claim cannot be changed.
    // A change to a claim deleted is not applied (nor restored): 409 deleted, no event.
    expect((await patch(ids.bravo, { version: 2, note: "late" })).status).toBe(409);

    expect((await restore(ids.bravo, "Eve")).status).toBe(200);
    expect((await restore(ids.bravo, "Eve")).status).toBe(200);
    expect((await restore(unknownId)).status).toBe(404);
    expect(await newEvents()).toEqual([["restored", "bravo", "Eve"]]);
    const event = await lastEvent();
    expect(event.before).toMatchObject({ deletedBy: "Dee" });
    expect(event.after).toMatchObject({ deletedBy: null, deletedAt: null, updatedBy: "Eve" });
  });

  it("records one restore per claim of a bulk restore, and nothing for a refused one", async () => {
    await remove(ids.bravo, "Fay");
    await remove(ids.charlie, "Fay");
    expect(await newEvents()).toEqual([
      ["deleted", "bravo", "Fay"],
      ["deleted", "charlie", "Fay"],
    ]);
    const window = { deletedBy: "Fay", from: "2000-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z" };
    expect((await call(restoreDeletedRoute.POST, { slug }, { body: { ...window, to: "not a time" } })).status).toBe(400);
    expect((await call(restoreDeletedRoute.POST, { slug: "no-such-article" }, { body: window })).status).toBe(404);
    expect(await newEvents()).toEqual([]);

    const { status, json } = await call(restoreDeletedRoute.POST, { slug }, { body: window, reviewer: "Gus" });
    expect(status).toBe(200);
    expect(json.restored).toHaveLength(2);
    expect((await newEvents()).sort()).toEqual([
      ["restored", "bravo", "Gus"],
      ["restored", "charlie", "Gus"],
    ]);
  });

  it("records each claim a revision moves or orphans, none it leaves as it was, and a re-attach", async () => {
    const revised = text.replace("echo", "foxtrot").replace(`delta ${filler}`, `${filler} delta`);
    expect((await call(revisionsRoute.POST, { slug }, { body: { text: "" } })).status).toBe(400);
    expect(await newEvents()).toEqual([]);

    const { status, json } = await call(revisionsRoute.POST, { slug }, { body: { text: revised }, reviewer: "Hal" });
    expect(status).toBe(201);
    expect(json).toMatchObject({ anchored: 4, orphaned: 1 });
    expect((await newEvents()).sort()).toEqual([
      ["moved_by_revision", "delta", "Hal"],
      ["moved_by_revision", "echo", "Hal"],
    ]);
    const echo = await lastEvent().then(async () => (await listClaimEvents(await getDb(), { annotationId: ids.echo })).at(-1)!);
    expect(echo.before).toMatchObject({ status: "anchored", anchoredRevision: 1 });
    expect(echo.after).toMatchObject({ status: "orphan", anchoredRevision: 1 });

    // A claim made on the old text whose words are gone is refused.
    expect((await create({ ...at("echo"), revision: 1, tag: "denied" })).status).toBe(409);
    const reattach = (id: string, body: unknown) => call(reattachRoute.POST, { id }, { body, reviewer: "Ivy" });
    const version = echo.after.version;
    expect((await reattach(ids.echo, { version: version + 1, ...at("foxtrot", revised) })).status).toBe(409);
    expect((await reattach(ids.alpha, { version: 3, ...at("foxtrot", revised) })).status).toBe(409);
    expect((await reattach(ids.echo, { version, start: 0, end: 10_000 })).status).toBe(400);
    expect((await reattach(unknownId, { version, ...at("foxtrot", revised) })).status).toBe(404);
    expect(await newEvents()).toEqual([]);

    expect((await reattach(ids.echo, { version, ...at("foxtrot", revised) })).status).toBe(200);
    expect(await newEvents()).toEqual([["reattached", "echo", "Ivy"]]);
    expect((await lastEvent()).after).toMatchObject({ status: "anchored", quote: "foxtrot", anchoredRevision: 2 });
  });

  it("records one event per imported claim, and none for a refused import", async () => {
    const annotation = (quote: string) => ({
      "@context": "http://www.w3.org/ns/anno.jsonld",
      type: "Annotation",
      body: [{ type: "TextualBody", purpose: "tagging", value: "disputed" }],
      target: { selector: [{ type: "TextQuoteSelector", exact: quote }] },
    });
    const importing = (body: unknown, query?: string) => call(importRoute.POST, { slug }, { body, query, reviewer: "Jo" });
    expect((await importing({ nonsense: true })).status).toBe(400);
    expect((await importing([annotation("Test"), annotation("not in the article at all")])).status).toBe(422);
    expect(await newEvents()).toEqual([]);

    const { status, json } = await importing([annotation("Test"), annotation("article"), annotation("nowhere to be found")], "skip=unplaceable");
    expect(status).toBe(201);
    expect(json.created).toHaveLength(2);
    for (const claim of json.created) ids[claim.quote] = claim.id;
    expect(await newEvents()).toEqual([
      ["imported", "Test", "Jo"],
      ["imported", "article", "Jo"],
    ]);
  });

  it("gives every event a larger id than the one before", async () => {
    const events = await listClaimEvents(await getDb(), { documentId });
    expect(events.length).toBeGreaterThan(10);
    expect(events.map((event) => event.id)).toEqual(events.map((event) => event.id).sort((a, b) => a - b));
    expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
  });
});
