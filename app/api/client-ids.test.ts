/**
 * A create sent again (its answer lost to an outage or a dropped connection)
 * must not store a second copy: with the client's id, the same content is
 * answered 200 with what the first request stored, other content 409.
 */
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { call, createTestDocument } from "@/test/api-client";
import * as annotationsRoute from "./documents/[slug]/annotations/route";
import * as importRoute from "./documents/[slug]/import/route";
import * as revisionsRoute from "./documents/[slug]/revisions/route";
import * as documentsRoute from "./documents/route";

afterAll(closeDb);

const countTitled = async (title: string) =>
  (await call(documentsRoute.GET, {}, { query: `q=${encodeURIComponent(title)}` })).json.documents.filter(
    (document: { title: string }) => document.title === title,
  ).length;

describe("POST /api/documents with an id", () => {
  it("answers a retry with the article the first request stored, and stores one", async () => {
    const id = randomUUID();
    const title = `Retried ${id}`;
    const body = { id, title, text: "Headline\n\nA paragraph.", outlet: "Example Times", publishedAt: "2018-10-22" };
    const first = await call(documentsRoute.POST, {}, { body });
    expect(first.status).toBe(201);
    expect(first.json.document).toMatchObject({ id, title, outlet: "Example Times" });
    const again = await call(documentsRoute.POST, {}, { body });
    expect(again.status).toBe(200);
    expect(again.json.document).toEqual(first.json.document);
    expect(await countTitled(title)).toBe(1);
  });

  it("stores one article when the same create arrives twice at once", async () => {
    const id = randomUUID();
    const title = `Raced ${id}`;
    const body = { id, title, text: "Words of the article." };
    const answers = await Promise.all([1, 2].map(() => call(documentsRoute.POST, {}, { body })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 201]);
    expect(answers[0].json.document.slug).toBe(answers[1].json.document.slug);
    expect(await countTitled(title)).toBe(1);
  });

  it("refuses an id another article has, storing nothing", async () => {
    const id = randomUUID();
    const title = `Taken ${id}`;
    expect((await call(documentsRoute.POST, {}, { body: { id, title, text: "First text." } })).status).toBe(201);
    const other = await call(documentsRoute.POST, {}, { body: { id, title, text: "Other text." } });
    expect(other.status).toBe(409);
    expect(other.json.error.code).toBe("id_taken");
    const otherMeta = await call(documentsRoute.POST, {}, { body: { id, title, text: "First text.", author: "Someone" } });
    expect(otherMeta.status).toBe(409);
    expect(await countTitled(title)).toBe(1);
  });

  it("refuses an id that is not a UUID", async () => {
    const { status, json } = await call(documentsRoute.POST, {}, { body: { id: "42", title: "Bad id", text: "Words." } });
    expect(status).toBe(400);
    expect(json.error.message).toMatch(/id must be a UUID/);
  });
});

describe("POST /api/documents/{slug}/revisions with an id", () => {
  it("answers a retry with the revision the first request published, and publishes one", async () => {
    const document = await createTestDocument([{ type: "paragraph", text: "The bridge cost twelve million pounds." }]);
    const claim = await call(annotationsRoute.POST, { slug: document.slug }, { body: { start: 4, end: 10, tag: "disputed" } });
    expect(claim.status).toBe(201);
    const changed = await call(annotationsRoute.POST, { slug: document.slug }, { body: { start: 11, end: 37, tag: "disputed" } });
    expect(changed.json.annotation.quote).toBe("cost twelve million pounds");
    const id = randomUUID();
    const body = { id, text: "The bridge cost fifteen million pounds." };
    const first = await call(revisionsRoute.POST, { slug: document.slug }, { body });
    expect(first.status).toBe(201);
    // Too few of its words are left to place the second claim without doubt: the retry's answer names it too.
    expect(first.json).toMatchObject({ revision: { number: 2 }, anchored: 1, orphaned: 1, changedWords: [] });
    expect(first.json.orphans).toEqual([{ id: changed.json.annotation.id, quote: "cost twelve million pounds" }]);
    const again = await call(revisionsRoute.POST, { slug: document.slug }, { body });
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    const { json } = await call(revisionsRoute.GET, { slug: document.slug });
    expect(json.revisions.map((revision: { number: number }) => revision.number)).toEqual([2, 1]);
  });

  it("publishes once when the same publish arrives twice at once", async () => {
    const document = await createTestDocument([{ type: "paragraph", text: "First words." }]);
    const body = { id: randomUUID(), text: "Second words." };
    const answers = await Promise.all([1, 2].map(() => call(revisionsRoute.POST, { slug: document.slug }, { body })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 201]);
    expect(answers[0].json.revision).toEqual(answers[1].json.revision);
    const { json } = await call(revisionsRoute.GET, { slug: document.slug });
    expect(json.revisions.map((revision: { number: number }) => revision.number)).toEqual([2, 1]);
  });

  it("refuses an id another revision has, publishing nothing", async () => {
    const document = await createTestDocument([{ type: "paragraph", text: "First words." }]);
    const other = await createTestDocument([{ type: "paragraph", text: "Other words." }]);
    const id = randomUUID();
    expect((await call(revisionsRoute.POST, { slug: document.slug }, { body: { id, text: "Second words." } })).status).toBe(201);
    const changed = await call(revisionsRoute.POST, { slug: document.slug }, { body: { id, text: "Third words." } });
    expect(changed.status).toBe(409);
    expect(changed.json.error.code).toBe("id_taken");
    const elsewhere = await call(revisionsRoute.POST, { slug: other.slug }, { body: { id, text: "Second words." } });
    expect(elsewhere.status).toBe(409);
    for (const [slug, latest] of [
      [document.slug, 2],
      [other.slug, 1],
    ] as const) {
      const { json } = await call(revisionsRoute.GET, { slug });
      expect(json.revisions[0].number).toBe(latest);
    }
  });
});

describe("POST /api/documents/{slug}/import sent again", () => {
  it("adds nothing the second time: each annotation is skipped as a duplicate", async () => {
    const document = await createTestDocument([{ type: "paragraph", text: "The bridge cost twelve million pounds." }]);
    const file = [
      {
        type: "Annotation",
        body: [{ type: "TextualBody", purpose: "tagging", value: "disputed" }],
        target: { selector: { type: "TextQuoteSelector", exact: "twelve million" } },
      },
    ];
    const first = await call(importRoute.POST, { slug: document.slug }, { body: file });
    expect(first.status).toBe(201);
    expect(first.json.created).toHaveLength(1);
    const again = await call(importRoute.POST, { slug: document.slug }, { body: file });
    expect(again.status).toBe(200);
    expect(again.json.created).toEqual([]);
    expect(again.json.skipped).toMatchObject([{ reason: "duplicate" }]);
    const { json } = await call(annotationsRoute.GET, { slug: document.slug });
    expect(json.annotations).toHaveLength(1);
  });
});
