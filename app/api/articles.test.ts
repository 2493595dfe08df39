/**
 * Finding articles (#18): `GET /api/documents` searched, sorted, filtered
 * and paged by keyset; archive and unarchive; delete by an admin with the
 * claim count confirmed; duplicates named on add. Every list here is scoped
 * to this file's own articles by a made-up word in their titles, so that
 * other files' articles (on a shared PostgreSQL) never enter an assertion.
 */
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { listOutlets } from "@/db/queries/article-list";
import { annotations, articleEvents, documents } from "@/db/schema";
import { admin, person } from "@/test/accounts";
import { call } from "@/test/api-client";
import * as annotationsRoute from "./documents/[slug]/annotations/route";
import * as reviewRoute from "./annotations/[id]/review/route";
import * as archiveRoute from "./documents/[slug]/archive/route";
import * as articleExportRoute from "./documents/[slug]/export/route";
import * as exportRoute from "./export/route";
import * as documentRoute from "./documents/[slug]/route";
import * as unarchiveRoute from "./documents/[slug]/unarchive/route";
import * as documentsRoute from "./documents/route";

afterAll(closeDb);

/** A word no other article has: letters only, so that the stemmer leaves it whole. */
const word = () =>
  `zq${randomUUID()
    .replace(/[^a-f]/g, "")
    .slice(0, 10)}`;
const marker = word();

interface Listed {
  slug: string;
  title: string;
  claimCount: number;
  orphanCount: number;
  wordsChangedCount: number;
  archivedAt: string | null;
  claimCounts: Record<string, number>;
}

const list = async (query: string, as?: { reviewer?: string; token?: string }) => {
  const { status, json } = await call(documentsRoute.GET, {}, { query, ...as });
  expect(status, JSON.stringify(json)).toBe(200);
  return json as { documents: Listed[]; next: string | null };
};

async function add(body: Record<string, unknown>) {
  const { status, json } = await call(documentsRoute.POST, {}, { body: { text: `Paragraph one.\n\nParagraph ${word()} two.`, ...body } });
  expect(status, JSON.stringify(json)).toBe(201);
  return json as { document: { slug: string; title: string }; duplicateOf?: { slug: string; title: string; matchedBy: string; archived: boolean } };
}

async function tag(slug: string, count: number) {
  const text: string = (await call(documentRoute.GET, { slug })).json.document.text;
  for (let i = 0; i < count; i++) {
    const { status } = await call(annotationsRoute.POST, { slug }, { body: { start: i, end: i + 1, tag: "disputed" } });
    expect(status).toBe(201);
  }
  return text;
}

describe("search", () => {
  const textWord = word();
  const outletWord = word();
  const authorWord = word();
  const urlPart = word();
  let slug: string;
  beforeAll(async () => {
    ({
      document: { slug },
    } = await add({
      title: `Bridge budget ${marker} search`,
      text: `Headline\n\nThe council spent ${textWord} on the bridge, a time-consuming ${textWord} repair. Emile wrote from Zürich.`,
      outlet: `The ${outletWord} Gazette`,
      author: `Sam ${authorWord}`,
      sourceUrl: `https://news.example.org/${urlPart}/story`,
    }));
  });

  it.each([
    ["a word of the text", () => textWord],
    ["a word of the title, stemmed", () => `${marker} searches`],
    ["part of the outlet", () => outletWord.slice(0, 8)],
    ["part of the author's name, in another case", () => authorWord.slice(1, 9).toUpperCase()],
    ["part of the source URL", () => `example.org/${urlPart}`],
    // The stored words keep no positions (db/schema.ts): a phrase or a hyphenated word finds the articles with all its words.
    ["a phrase of the text, in quotes", () => `"council spent ${textWord}"`],
    ["a hyphenated word of the text", () => `time-consuming ${textWord}`],
    ["a phrase with a stop word in it", () => `"spent ${textWord} on the bridge"`],
    ["words of the text without their accents, or with accents it does not have", () => `zurich émile ${textWord}`],
  ])("finds an article by %s", async (_name, q) => {
    const { documents } = await list(`q=${encodeURIComponent(q())}`);
    expect(documents.map((d) => d.slug)).toEqual([slug]);
  });

  it("lists an article matched by its title and its text once, and pages through every match in order", async () => {
    const shared = word();
    const added = [
      await add({ title: `Both ${shared}`, text: `Headline\n\nThe ${shared} again.` }),
      await add({ title: "Text only", text: `Headline\n\nA ${shared} here.` }),
      await add({ title: "Text only too", text: `Headline\n\nThe ${shared} there.` }),
    ].map(({ document }) => document.slug);
    const listed: string[] = [];
    let after: string | null = null;
    do {
      const page: { documents: Listed[]; next: string | null } = await list(`q=${shared}&limit=1${after ? `&after=${after}` : ""}`);
      listed.push(...page.documents.map((d) => d.slug));
      after = page.next;
    } while (after && listed.length < 10);
    expect(listed).toEqual(added.toReversed());
  });

  it("finds nothing for a word no article has, and treats % and _ as themselves", async () => {
    expect((await list(`q=${word()}`)).documents).toEqual([]);
    // Unescaped, "%" would match the letters between.
    expect((await list(`q=${encodeURIComponent(`${urlPart.slice(0, 5)}%${urlPart.slice(7)}`)}`)).documents).toEqual([]);
  });
});

describe("sort, filters and pages", () => {
  const sortMarker = word();
  const slugs: string[] = [];
  beforeAll(async () => {
    // Added in this order; claims 2, 0, 3; published 2020, none, 2019.
    const published = ["2020-05-01", null, "2019-01-01"];
    for (const [i, publishedAt] of published.entries()) {
      slugs.push((await add({ title: `Sorted ${sortMarker} ${i}`, publishedAt })).document.slug);
    }
    await tag(slugs[0], 2);
    await tag(slugs[2], 3);
  });
  const sorted = async (sort: string) => (await list(`q=${sortMarker}&sort=${sort}`)).documents.map((d) => d.slug);

  it("sorts by newest added, newest published (undated last) and most claims", async () => {
    expect(await sorted("added")).toEqual([slugs[2], slugs[1], slugs[0]]);
    expect(await sorted("published")).toEqual([slugs[0], slugs[2], slugs[1]]);
    expect(await sorted("claims")).toEqual([slugs[2], slugs[0], slugs[1]]);
    const { documents } = await list(`q=${sortMarker}&sort=claims`);
    expect(documents.map((d) => [d.claimCount, d.claimCounts.disputed])).toEqual([
      [3, 3],
      [2, 2],
      [0, 0],
    ]);
  });

  it("counts orphans and words changed, sorts by most needing review, and filters by each", async () => {
    // Set as a revision would (app/api/revisions.test.ts publishes them): what is tested here is what the list counts.
    const db = await getDb();
    const idOf = async (slug: string) => (await db.select({ id: documents.id }).from(documents).where(eq(documents.slug, slug)))[0].id;
    await db
      .update(annotations)
      .set({ status: "orphan" })
      .where(eq(annotations.documentId, await idOf(slugs[0])));
    const third = await idOf(slugs[2]);
    await db
      .update(annotations)
      .set({ previousQuote: "earlier words" })
      .where(sql`${annotations.id} in (select id from annotations where document_id = ${third} limit 1)`);

    const { documents: byReview } = await list(`q=${sortMarker}&sort=review`);
    expect(byReview.map((d) => [d.slug, d.orphanCount, d.wordsChangedCount])).toEqual([
      [slugs[0], 2, 0],
      [slugs[2], 0, 1],
      [slugs[1], 0, 0],
    ]);
    expect((await list(`q=${sortMarker}&orphans=1`)).documents.map((d) => d.slug)).toEqual([slugs[0]]);
    expect((await list(`q=${sortMarker}&wordsChanged=1`)).documents.map((d) => d.slug)).toEqual([slugs[2]]);
  });

  it("filters by outlet", async () => {
    const outlet = `Outlet ${word()}`;
    const { document } = await add({ title: `Outlet filter ${marker}`, outlet });
    expect((await list(`outlet=${encodeURIComponent(outlet)}`)).documents.map((d) => d.slug)).toEqual([document.slug]);
  });

  it("stores an outlet or author left empty (as the add form sends them) as none, and offers no blank outlet to filter by", async () => {
    const { document } = await add({ title: `No outlet ${marker}`, outlet: "  ", author: "" });
    const [stored] = await (
      await getDb()
    )
      .select({ outlet: documents.outlet, author: documents.author })
      .from(documents)
      .where(eq(documents.slug, document.slug));
    expect(stored).toEqual({ outlet: null, author: null });
    // An article stored with an empty outlet before this was fixed is not a choice either.
    await (await getDb()).update(documents).set({ outlet: "" }).where(eq(documents.slug, document.slug));
    expect(await listOutlets(await getDb())).not.toContain("");
  });

  it.each(["added", "published", "claims", "review"])(
    "pages through every article sorted by %s, none twice or skipped, while articles are added",
    async (sort) => {
      const pageMarker = word();
      const expected = new Set<string>();
      for (let i = 0; i < 7; i++) {
        const { document } = await add({ title: `Paged ${pageMarker} ${i}`, publishedAt: i % 2 ? `2021-01-0${i}` : null });
        if (i % 3 === 0) await tag(document.slug, 1);
        expected.add(document.slug);
      }
      const seen: string[] = [];
      let next: string | null = null;
      let pages = 0;
      do {
        const page: { documents: Listed[]; next: string | null } = await list(
          `q=${pageMarker}&sort=${sort}&limit=3${next ? `&after=${encodeURIComponent(next)}` : ""}`,
        );
        seen.push(...page.documents.map((d) => d.slug));
        next = page.next;
        pages++;
        // Added between pages: it belongs before the cursor (newest) or with no claims at the end; either way the pages keep going.
        if (pages === 1)
          await add({ title: `Paged ${pageMarker} late`, publishedAt: "1999-01-01" }).then(({ document }) => expected.add(document.slug));
      } while (next && pages < 10);
      expect(new Set(seen).size, `duplicates in ${seen}`).toBe(seen.length);
      const original = [...expected].slice(0, 7);
      for (const slug of original) expect(seen, `skipped ${slug}`).toContain(slug);
      expect(pages).toBeGreaterThanOrEqual(3);
    },
  );

  /** A cursor as the list writes one (lib/article-list.ts), with any key. */
  const cursorOf = (sort: string, key: number) => Buffer.from(JSON.stringify([sort, key, crypto.randomUUID()])).toString("base64url");

  it("refuses a bad sort, limit, flag or cursor with 400 invalid_query", async () => {
    const first = await list(`q=${sortMarker}&limit=1`);
    for (const query of [
      "sort=title",
      "limit=0",
      "limit=101",
      "orphans=yes",
      "after=nonsense",
      `sort=claims&after=${encodeURIComponent(first.next!)}`,
      `q=${encodeURIComponent("a\u0000b")}`,
      // Keys the database could not turn back into a date or a count (out of its types' range), once a 500.
      ...(
        [
          ["claims", 2 ** 31],
          ["review", -(2 ** 31) - 1],
          ["published", 2 ** 31 - 1],
          ["published", -9007199254740991],
        ] as const
      ).map(([sort, key]) => `sort=${sort}&after=${cursorOf(sort, key)}`),
    ]) {
      const { status, json } = await call(documentsRoute.GET, {}, { query });
      expect(status, query).toBe(400);
      expect(json.error.code, query).toBe("invalid_query");
    }
    // Any whole number of microseconds a cursor can carry is a time the database holds: the list after it, empty or not.
    for (const key of [Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]) {
      expect((await call(documentsRoute.GET, {}, { query: `after=${cursorOf("added", key)}` })).status).toBe(200);
    }
  });
});

describe("in review", () => {
  it("lists with inReview=1 only the articles with a claim submitted for review", async () => {
    const { document } = await add({ title: `Reviewed ${marker} one` });
    await tag(document.slug, 1);
    const [claim] = (await call(annotationsRoute.GET, { slug: document.slug })).json.annotations;
    const titled = `q=${encodeURIComponent(`Reviewed ${marker}`)}`;
    expect((await list(`${titled}&inReview=1`)).documents).toEqual([]);
    const submitted = await call(reviewRoute.POST, { id: claim.id }, { body: { version: claim.version, action: "submit" } });
    expect(submitted.status).toBe(200);
    expect((await list(`${titled}&inReview=1`)).documents.map((d) => d.slug)).toEqual([document.slug]);
  });

  it("sorts an article whose only claims are in review above one with none needing review", async () => {
    const titled = `q=${encodeURIComponent(`Needing ${marker}`)}`;
    for (const n of ["one", "two"]) await tag((await add({ title: `Needing ${marker} ${n}` })).document.slug, 1);
    const byReview = async () => (await list(`${titled}&sort=review`)).documents.map((d) => d.slug);
    // Neither needs review yet: they tie, and the list has them in the order of their ids.
    const [, last] = await byReview();
    const [claim] = (await call(annotationsRoute.GET, { slug: last })).json.annotations;
    expect((await call(reviewRoute.POST, { id: claim.id }, { body: { version: claim.version, action: "submit" } })).status).toBe(200);
    expect((await byReview())[0]).toBe(last);
  });
});

describe("archive", () => {
  it("hides an archived article from the default list, shows it with archived=1, keeps it whole and openable; unarchive brings it back", async () => {
    const { document } = await add({ title: `Archived ${marker} one` });
    await tag(document.slug, 1);
    const archived = await call(archiveRoute.POST, { slug: document.slug }, { body: {} });
    expect(archived.status).toBe(200);
    expect(archived.json.document).toMatchObject({ archivedAt: expect.any(String), archivedBy: "Test Reviewer" });
    const titled = `q=${encodeURIComponent(`Archived ${marker}`)}`;
    expect((await list(titled)).documents).toEqual([]);
    expect((await list(`${titled}&archived=1`)).documents.map((d) => [d.slug, d.claimCount])).toEqual([[document.slug, 1]]);
    expect((await call(documentRoute.GET, { slug: document.slug })).status).toBe(200);
    const [claim] = (await call(annotationsRoute.GET, { slug: document.slug })).json.annotations;
    expect(claim).toBeDefined();
    // Out of "all claims" (its list and export), still in the article's own export.
    const inAllClaims = async () => (await call(exportRoute.GET, {}, { path: "/api/export", query: "format=csv" })).text.includes(claim.id);
    const inArticleExport = async () =>
      (
        await call(articleExportRoute.GET, { slug: document.slug }, { path: `/api/documents/${document.slug}/export`, query: "format=csv" })
      ).text.includes(claim.id);
    expect(await inAllClaims()).toBe(false);
    expect(await inArticleExport()).toBe(true);

    expect((await call(unarchiveRoute.POST, { slug: document.slug }, { body: {} })).json.document).toEqual({ archivedAt: null, archivedBy: null });
    expect((await list(titled)).documents.map((d) => d.slug)).toEqual([document.slug]);
    expect(await inAllClaims()).toBe(true);
    const db = await getDb();
    const [{ id }] = await db.select({ id: documents.id }).from(documents).where(eq(documents.slug, document.slug));
    const events = await db.select().from(articleEvents).where(eq(articleEvents.documentId, id)).orderBy(articleEvents.id);
    expect(events.map((e) => [e.action, e.actor])).toEqual([
      ["archived", "Test Reviewer"],
      ["unarchived", "Test Reviewer"],
    ]);
  });

  it("is refused to reviewers", async () => {
    const { document } = await add({ title: `Archived ${marker} two` });
    await person("Archive Reviewer", "reviewer");
    const { status, json } = await call(archiveRoute.POST, { slug: document.slug }, { reviewer: "Archive Reviewer" });
    expect(status).toBe(403);
    expect(json.error.message).toBe("Reviewers cannot archive articles: editors and admins can.");
    expect((await call(archiveRoute.POST, { slug: `missing-${randomUUID()}` })).status).toBe(404);
  });
});

describe("delete", () => {
  it("is an admin's only, with ?confirm= naming how many claims go with it", async () => {
    const { document } = await add({ title: `Deleted ${marker}` });
    await tag(document.slug, 2);
    const { token } = await admin();
    const del = (query: string | undefined, as: { token?: string; reviewer?: string }) =>
      call(documentRoute.DELETE, { slug: document.slug }, { method: "DELETE", query, ...as });

    const byEditor = await del("confirm=2", {});
    expect(byEditor.status).toBe(403);
    expect(byEditor.json.error.message).toBe("Editors cannot delete articles: admins can.");

    for (const query of [undefined, "confirm=1", "confirm=3"]) {
      const refused = await del(query, { token });
      expect(refused.status, query).toBe(409);
      expect(refused.json).toMatchObject({ error: { code: "confirmation_required" }, claimCount: 2 });
      expect(refused.json.error.message).toContain("its 2 claims");
    }
    expect((await del("confirm=two", { token })).status).toBe(400);
    expect((await call(documentRoute.GET, { slug: document.slug })).status).toBe(200);

    expect((await del("confirm=2", { token })).status).toBe(204);
    expect((await call(documentRoute.GET, { slug: document.slug })).status).toBe(404);
    expect((await del("confirm=2", { token })).status).toBe(404);
    const db = await getDb();
    const [event] = await db.select().from(articleEvents).where(eq(articleEvents.slug, document.slug));
    expect(event).toMatchObject({ action: "deleted", claimCount: 2, actor: (await admin()).name });
  });
});

describe("duplicates", () => {
  it("adds an article with the source URL of another (normalised) and answers 201 with duplicateOf", async () => {
    const path = word();
    const first = await add({ title: `Original ${marker}`, sourceUrl: `https://www.example.com/${path}/` });
    const second = await add({ title: `Copy ${marker}`, sourceUrl: `http://example.com/${path}#comments` });
    expect(second.duplicateOf).toEqual({ slug: first.document.slug, title: first.document.title, matchedBy: "sourceUrl", archived: false });
    expect(second.document.slug).not.toBe(first.document.slug);
    expect(first.duplicateOf).toBeUndefined();
  });

  it("names an article with the same text, and with duplicates: refuse answers 409 and stores nothing", async () => {
    const text = `Headline ${word()}\n\nThe same words twice.`;
    const first = await add({ title: `Same text ${marker}`, text });
    const again = word();
    const refused = await call(documentsRoute.POST, {}, { body: { title: `Same text ${again}`, text, duplicates: "refuse" } });
    expect(refused.status).toBe(409);
    expect(refused.json).toMatchObject({ error: { code: "duplicate" }, duplicateOf: { slug: first.document.slug, matchedBy: "text" } });
    expect((await list(`q=${again}`)).documents).toEqual([]);
    const added = await add({ title: `Same text ${again}`, text });
    expect(added.duplicateOf).toMatchObject({ slug: first.document.slug, matchedBy: "text" });
  });

  it("says when the article it repeats is archived, so off the list", async () => {
    const text = `Headline ${word()}\n\nWords kept in the archive.`;
    const { document } = await add({ title: `Archived ${marker}`, text });
    expect((await call(archiveRoute.POST, { slug: document.slug }, { body: {} })).status).toBe(200);
    const again = await add({ title: `Archived again ${marker}`, text });
    expect(again.duplicateOf).toEqual({ slug: document.slug, title: document.title, matchedBy: "text", archived: true });
  });

  it("of one article added several times at once with duplicates: refuse, stores one and refuses the rest", async () => {
    const path = word();
    const text = `Paragraph one.\n\nParagraph ${path} two.`;
    const answers = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        call(
          documentsRoute.POST,
          {},
          { body: { title: `At once ${path} ${i}`, sourceUrl: `https://example.com/${path}`, text, duplicates: "refuse" } },
        ),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409, 409]);
    const stored = answers.find((answer) => answer.status === 201)!.json.document;
    for (const answer of answers.filter((answer) => answer.status === 409)) {
      expect(answer.json).toMatchObject({ error: { code: "duplicate" }, duplicateOf: { slug: stored.slug, matchedBy: "sourceUrl" } });
    }
    expect((await list(`q=${path}`)).documents).toHaveLength(1);
  });
});
