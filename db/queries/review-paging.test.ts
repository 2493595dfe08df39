import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { createTestDocument } from "@/test/api-client";
import { type ArticleBlock, articleText } from "@/lib/article";
import { authorNamed } from "@/lib/author";
import type { PlacedClaim } from "@/lib/import/plan";
import { reviewStates } from "@/lib/review";
import { decodeReviewCursor, encodeReviewCursor } from "@/lib/review-cursor";
import { defaultDirection, type ReviewFilters, reviewSorts, sortDirections } from "@/lib/review-filters";
import { describeRange } from "@/lib/selectors";
import { tags } from "@/lib/tags";
import { insertComment } from "./comments";
import { createAnnotations } from "./import";
import { countReviewClaims, countReviewClaimsByTag, listReviewClaims, listReviewNames, listReviewPage, type ReviewScope } from "./review";

const blocks: ArticleBlock[] = [
  { type: "paragraph", text: "Bloomberg reported that tiny chips were planted on server boards made by Super Micro for Amazon and Apple." },
  { type: "paragraph", text: "Amazon's security chief said the story was wrong, and Apple's chief executive called for a retraction." },
];
const text = articleText(blocks);
// A word in every claim made here, so that lists across articles hold only these (on PostgreSQL the tests share one database).
const marker = `m${randomUUID().replaceAll("-", "")}`;
const claimants = ["José Álvarez", "Sam Ortiz", "", "Tim Cook", "andy jassy"];
const reviewers = ["Samantha Öberg", "Bob Bureau", "Rita Reviewer"];

let first: { id: string; slug: string; revision: number };
let second: { id: string; slug: string; revision: number };

/** `count` claims on an article, with tags, claimants and notes (with `word`) in turn; reviewers set after. */
async function makeClaims(article: { id: string; revision: number }, count: number, from = 0, word = marker) {
  const db = await getDb();
  const claim = (i: number): PlacedClaim => {
    const start = (i * 7) % (text.length - 12);
    return {
      index: i,
      anchor: describeRange(text, start, start + 10),
      tag: tags[i % tags.length],
      note: `${word} note ${i % 4 === 0 ? "checked against the filing" : "awaiting a reply"}`,
      claimant: claimants[i % claimants.length],
      evidence: [],
      method: "quote",
      score: 1,
    };
  };
  const made = await createAnnotations(
    db,
    article,
    Array.from({ length: count }, (_, i) => claim(from + i)),
    authorNamed(reviewers[0]),
  );
  if (made.kind !== "created") throw new Error(`claims not made: ${made.kind}`);
  const ids = made.annotations.map((annotation) => annotation.id);
  for (const [i, id] of ids.entries()) {
    const reviewer = reviewers[(from + i) % reviewers.length];
    // States and comment counts in turn, each shared by many claims, so that equal keys span pages.
    // (The count as the sorts read it; these claims' threads are not written.) Few claims in review:
    // on a shared PostgreSQL each waits in every reviewer's queue, whose tests read its first 200.
    const n = from + i;
    const state: (typeof reviewStates)[number] = n % 10 === 5 ? "in_review" : n % 2 === 0 ? "draft" : "approved";
    const commentCount = (n * 7) % 5;
    await db.execute(
      sql`update annotations set created_by = ${reviewer}, updated_by = ${reviewer}, review_state = ${state}, comment_count = ${commentCount} where id = ${id}`,
    );
  }
  return ids;
}

beforeAll(async () => {
  first = await createTestDocument(blocks);
  second = await createTestDocument(blocks);
  await makeClaims(first, 130);
  await makeClaims(second, 95, 130);
});
afterAll(closeDb);

const ours = (filters: Partial<ReviewFilters> = {}): ReviewFilters => {
  const sort = filters.sort ?? "position";
  return { tags: [], q: marker, sort, dir: defaultDirection(sort), ...filters };
};

/** Every page of a list in turn, each next page asked for by the `after` text a page link carries. */
async function pageThrough(filters: ReviewFilters, scope: ReviewScope, limit: number, between?: (page: number) => Promise<void>) {
  const db = await getDb();
  const pages: string[][] = [];
  let after: string | undefined;
  for (;;) {
    let cursor;
    if (after) {
      const decoded = decodeReviewCursor(after, filters);
      if ("error" in decoded) throw new Error(decoded.error);
      cursor = decoded.cursor;
    }
    const page = await listReviewPage(db, filters, scope, { limit, after: cursor });
    pages.push(page.claims.map((claim) => claim.id));
    if (!page.next) return pages;
    expect(page.claims).toHaveLength(limit);
    await between?.(pages.length);
    after = encodeReviewCursor(page.next);
  }
}

describe("paging through the review list", () => {
  it("meets every matching claim once, in the order of the whole list, in each sort and direction, on one article or across them", async () => {
    const db = await getDb();
    for (const scope of [{}, { documentId: first.id }]) {
      for (const sort of reviewSorts) {
        for (const dir of sortDirections) {
          const filters = ours({ sort, dir });
          const whole = (await listReviewClaims(db, filters, scope, 1_000)).map((claim) => claim.id);
          expect(whole).toHaveLength("documentId" in scope ? 130 : 225);
          const pages = await pageThrough(filters, scope, 40);
          expect(pages.map((page) => page.length)).toEqual("documentId" in scope ? [40, 40, 40, 10] : [40, 40, 40, 40, 40, 25]);
          expect(pages.flat(), `${sort} ${dir}`).toEqual(whole);
        }
      }
    }
  });

  it("sorts by each column, the claim's id breaking ties", async () => {
    const db = await getDb();
    const list = async (sort: ReviewFilters["sort"], dir: "asc" | "desc") => listReviewClaims(db, ours({ sort, dir }), {}, 1_000);
    const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const sortedBy = <T>(items: T[], key: (item: T) => string, dir: "asc" | "desc") =>
      items.toSorted((a, b) => (dir === "asc" ? 1 : -1) * byText(key(a), key(b)));

    for (const dir of sortDirections) {
      const byTag = await list("tag", dir);
      const tagOrder = dir === "asc" ? tags : tags.toReversed();
      expect([...new Set(byTag.map((claim) => claim.tag))]).toEqual(tagOrder);
      const disputed = byTag.filter((claim) => claim.tag === "disputed").map((claim) => claim.id);
      expect(disputed).toEqual(sortedBy(disputed, (id) => id, dir));

      // Names in the database's collation (byte order on PGlite, the locale's on a server): each name's claims together, ids in order.
      for (const [sort, name] of [
        ["claimant", (claim: { claimant: string }) => claim.claimant],
        ["reviewer", (claim: { createdBy: string }) => claim.createdBy],
      ] as const) {
        const listed = await list(sort, dir);
        const runs = listed.map(name).filter((value, i, all) => i === 0 || value !== all[i - 1]);
        expect(new Set(runs).size, sort).toBe(runs.length);
        expect(runs.length).toBe(sort === "claimant" ? claimants.length : reviewers.length);
        const reversed = (await list(sort, dir === "asc" ? "desc" : "asc")).map(name).filter((value, i, all) => i === 0 || value !== all[i - 1]);
        expect(reversed).toEqual(runs.toReversed());
        const firstRun = listed.filter((claim) => name(claim) === runs[0]).map((claim) => claim.id);
        expect(firstRun).toEqual(sortedBy(firstRun, (id) => id, dir));
      }
      // States in the workflow's order (draft, in review, approved), not by name; counts as numbers (4 after 10 would be text's).
      const byState = await list("state", dir);
      expect([...new Set(byState.map((claim) => claim.reviewState))]).toEqual(dir === "asc" ? reviewStates : reviewStates.toReversed());
      const drafts = byState.filter((claim) => claim.reviewState === "draft").map((claim) => claim.id);
      expect(drafts).toEqual(sortedBy(drafts, (id) => id, dir));
      const byComments = await list("comments", dir);
      const counts = byComments.map((claim) => claim.commentCount);
      expect(counts).toEqual(counts.toSorted((a, b) => (dir === "asc" ? a - b : b - a)));
      expect(new Set(counts)).toEqual(new Set([0, 1, 2, 3, 4]));
      const uncommented = byComments.filter((claim) => claim.commentCount === 0).map((claim) => claim.id);
      expect(uncommented).toEqual(sortedBy(uncommented, (id) => id, dir));

      const byChange = await list("updated", dir);
      const times = byChange.map((claim) => claim.updatedAt);
      expect(times).toEqual(sortedBy(times, (time) => time, dir));

      const byPosition = await list("position", dir);
      const keys = byPosition.map((claim) => [claim.document.slug, claim.start, claim.end]);
      const expected = keys.toSorted(
        ([s1, a1, b1], [s2, a2, b2]) =>
          (dir === "asc" ? 1 : -1) * (byText(s1 as string, s2 as string) || (a1 as number) - (a2 as number) || (b1 as number) - (b2 as number)),
      );
      expect(keys).toEqual(expected);
    }
  });

  it("neither repeats nor skips a claim when one is added between pages", async () => {
    const db = await getDb();
    const article = await createTestDocument(blocks);
    const word = `m${randomUUID().replaceAll("-", "")}`;
    const before = await makeClaims(article, 60, 0, word);
    const scope = { documentId: article.id };
    const filters = ours({ q: word });
    const whole = (await listReviewClaims(db, filters, scope, 1_000)).map((claim) => claim.id);
    const added: string[] = [];
    // After the first page, a claim on the article's first words (before the page's end) and one on its last (after it).
    const pages = await pageThrough(filters, scope, 25, async (page) => {
      if (page !== 1) return;
      const early: PlacedClaim = {
        index: 0,
        anchor: describeRange(text, 0, 3),
        tag: "denied",
        note: word,
        claimant: "",
        evidence: [],
        method: "quote",
        score: 1,
      };
      const late = { ...early, anchor: describeRange(text, text.length - 4, text.length) };
      const made = await createAnnotations(db, article, [early, late], authorNamed("Late Comer"));
      if (made.kind !== "created") throw new Error("not made");
      added.push(...made.annotations.map((annotation) => annotation.id));
    });
    const seen = pages.flat();
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => before.includes(id))).toEqual(whole);
    expect(seen).not.toContain(added[0]); // Sorted before the page already read.
    expect(seen[seen.length - 1]).toBe(added[1]);
  });

  it("counts every matching claim, not only a page", async () => {
    const db = await getDb();
    const total = async (filters: ReviewFilters, scope: ReviewScope = {}) =>
      Object.values(await countReviewClaimsByTag(db, filters, scope)).reduce((sum, count) => sum + (count ?? 0), 0);
    expect(await total(ours())).toBe(225);
    expect(await total(ours(), { documentId: second.id })).toBe(95);
    expect(await total(ours({ tags: ["disputed"] }))).toBe(75);
    expect(await total(ours({ claimant: "tim" }))).toBe(45);
  });

  it("counts exactly up to a cap, and past it says only that more match", async () => {
    const db = await getDb();
    expect(await countReviewClaims(db, ours(), {}, 225)).toEqual({ capped: false, byTag: { disputed: 75, denied: 75, unverified: 75 } });
    expect(await countReviewClaims(db, ours(), {}, 224)).toEqual({ capped: true, cap: 224 });
    expect(await countReviewClaims(db, ours({ claimant: "tim" }), {}, 45)).toEqual({
      capped: false,
      byTag: { disputed: 15, denied: 15, unverified: 15 },
    });
    expect(await countReviewClaims(db, ours({ claimant: "tim" }), {}, 44)).toEqual({ capped: true, cap: 44 });
    // Filtered by tag at most, the kept counts are added up: exact, whatever the cap.
    expect(await countReviewClaims(db, { tags: [], sort: "position", dir: "asc" }, { documentId: second.id }, 10)).toEqual({
      capped: false,
      byTag: { disputed: 31, denied: 32, unverified: 32 },
    });
  });

  it("finds a claim by its own words or by a live comment's, lists and counts each once", async () => {
    const db = await getDb();
    const article = await createTestDocument(blocks);
    const word = `m${randomUUID().replaceAll("-", "")}`;
    const [inNote] = await makeClaims(article, 1, 0, word);
    const [inComment, neither] = await makeClaims(article, 2, 1, "plain");
    const author = authorNamed("Carl Commenter");
    for (const annotationId of [inNote, inComment, inComment])
      await insertComment(db, { annotationId, author, body: `As ${word} said.`, mentionIds: [] });
    await insertComment(db, { annotationId: neither, author, body: "Nothing to see.", mentionIds: [] });
    const scope = { documentId: article.id };
    for (const sort of reviewSorts) {
      const filters: ReviewFilters = { tags: [], q: word, sort, dir: defaultDirection(sort) };
      expect((await listReviewClaims(db, filters, scope)).map((claim) => claim.id).toSorted()).toEqual([inNote, inComment].toSorted());
    }
    const filters: ReviewFilters = { tags: [], q: word, sort: "position", dir: "asc" };
    expect((await listReviewClaims(db, filters, {})).map((claim) => claim.id)).toEqual([inNote, inComment]);
    expect(await countReviewClaims(db, filters, scope)).toEqual({ capped: false, byTag: { [tags[0]]: 1, [tags[1]]: 1 } });
    expect(await countReviewClaims(db, filters, scope, 1)).toEqual({ capped: true, cap: 1 });
  });

  it("pages through claims found by their own words and by comments alike, once each, in the whole list's order", async () => {
    const db = await getDb();
    const article = await createTestDocument(blocks);
    const word = `m${randomUUID().replaceAll("-", "")}`;
    // Half the claims match by their notes, half only by a comment; the halves interleave in every order.
    const byNote = await makeClaims(article, 23, 0, word);
    const byComment = await makeClaims(article, 22, 23, "plain");
    const author = authorNamed("Carl Commenter");
    for (const annotationId of byComment) await insertComment(db, { annotationId, author, body: `As ${word} said.`, mentionIds: [] });
    const scope = { documentId: article.id };
    for (const sort of reviewSorts) {
      for (const dir of sortDirections) {
        const filters: ReviewFilters = { tags: [], q: word, sort, dir };
        const whole = (await listReviewClaims(db, filters, scope)).map((claim) => claim.id);
        expect(whole.toSorted()).toEqual([...byNote, ...byComment].toSorted());
        expect((await pageThrough(filters, scope, 10)).flat(), `${sort} ${dir}`).toEqual(whole);
      }
    }
  });

  it("refuses an `after` it did not write, or one of another order", () => {
    const filters = ours();
    expect(decodeReviewCursor("not-a-cursor", filters)).toEqual({ error: expect.stringMatching(/^after: /) });
    expect(decodeReviewCursor(encodeReviewCursor({ dir: "asc", key: { sort: "tag", tag: "denied", id: randomUUID() } }), filters)).toEqual({
      error: expect.stringMatching(/another order/),
    });
    const badId = Buffer.from(JSON.stringify({ dir: "asc", key: { sort: "position", slug: "a", start: 0, end: 1, id: "x" } })).toString("base64url");
    expect(decodeReviewCursor(badId, filters)).toEqual({ error: expect.stringMatching(/^after: /) });
    const badTime = Buffer.from(JSON.stringify({ dir: "desc", key: { sort: "updated", updatedAt: "yesterday", id: randomUUID() } })).toString(
      "base64url",
    );
    expect(decodeReviewCursor(badTime, ours({ sort: "updated" }))).toEqual({ error: expect.stringMatching(/^after: /) });
  });

  it("reads a page after the extreme keys a state or comment cursor may hold, and refuses any beyond them", async () => {
    const db = await getDb();
    const scope = { documentId: first.id };
    const pageAfter = async (filters: ReviewFilters, key: object) => {
      const decoded = decodeReviewCursor(Buffer.from(JSON.stringify({ dir: filters.dir, key })).toString("base64url"), filters);
      if ("error" in decoded) return decoded;
      return (await listReviewPage(db, filters, scope, { limit: 200, after: decoded.cursor })).claims.length;
    };
    const last = "ffffffff-ffff-4fff-bfff-ffffffffffff";
    const byComments = ours({ sort: "comments", dir: "desc" });
    // The largest PostgreSQL integer: every claim has fewer comments, so the whole list follows it.
    expect(await pageAfter(byComments, { sort: "comments", commentCount: 2 ** 31 - 1, id: last })).toBe(130);
    expect(await pageAfter(ours({ sort: "comments", dir: "asc" }), { sort: "comments", commentCount: 0, id: last })).toBe(
      130 - (await listReviewClaims(db, ours({ sort: "comments" }), scope, 1_000)).filter((claim) => claim.commentCount === 0).length,
    );
    for (const commentCount of [2 ** 31, -1, 1.5, "3", null, 1e308]) {
      expect(await pageAfter(byComments, { sort: "comments", commentCount, id: last }), String(commentCount)).toEqual({
        error: expect.stringMatching(/^after: /),
      });
    }
    const byState = ours({ sort: "state" });
    expect(await pageAfter(byState, { sort: "state", reviewState: "in_review", id: last })).toBe(
      (await listReviewClaims(db, ours({ sort: "state" }), scope, 1_000)).filter((claim) => claim.reviewState === "approved").length,
    );
    for (const reviewState of ["published", "Draft", 1, ""]) {
      expect(await pageAfter(byState, { sort: "state", reviewState, id: last }), String(reviewState)).toEqual({
        error: expect.stringMatching(/^after: /),
      });
    }
  });
});

describe("finding claims by name and by words", () => {
  const matching = async (filters: Partial<ReviewFilters>) =>
    (await listReviewClaims(await getDb(), ours(filters), {}, 1_000)).map((claim) => claim.claimant + " / " + claim.createdBy);

  it("finds part of a claimant's name in any case, with or without its accents", async () => {
    for (const part of ["jose", "JOSÉ", "álvarez", "alva", "é ál"]) {
      const found = new Set((await matching({ claimant: part })).map((row) => row.split(" / ")[0]));
      expect([...found], part).toEqual(["José Álvarez"]);
    }
    expect(new Set((await matching({ claimant: "sam" })).map((row) => row.split(" / ")[0]))).toEqual(new Set(["Sam Ortiz"]));
    expect(await matching({ claimant: "josé x" })).toEqual([]);
  });

  it("finds part of a reviewer's name in any case, with or without its accents", async () => {
    const reviewersFound = async (part: string) => new Set((await matching({ reviewer: part })).map((row) => row.split(" / ")[1]));
    expect(await reviewersFound("sam")).toEqual(new Set(["Samantha Öberg"]));
    expect(await reviewersFound("oberg")).toEqual(new Set(["Samantha Öberg"]));
    expect(await reviewersFound("bu")).toEqual(new Set(["Bob Bureau"]));
    expect(await reviewersFound("re")).toEqual(new Set(["Bob Bureau", "Rita Reviewer"]));
  });

  it("searches the words of quotes, notes and claimants, a word's start included, every word required", async () => {
    const count = async (q: string) => (await matching({ q: `${marker} ${q}` })).length;
    expect(await count("filing")).toBe(57); // Notes of every fourth claim: 225 / 4, rounded up.
    expect(await count("FILING")).toBe(57);
    expect(await count("fil")).toBe(57);
    expect(await count("awaiting reply")).toBe(225 - 57);
    expect(await count("filing reply")).toBe(0);
    expect(await count("jose")).toBe(45); // A claimant, without its accent.
    expect(await count("alvarez")).toBe(45);
    const inQuotes = (await listReviewClaims(await getDb(), ours({ q: `${marker} bloomberg` }), {}, 1_000)).map((claim) => claim.quote);
    expect(inQuotes.length).toBeGreaterThan(0);
    for (const quote of inQuotes) expect(quote.toLowerCase()).toMatch(/bloo|ombe|mberg/);
    expect(await count("nowhere")).toBe(0);
    expect(await count("!!!")).toBe(225); // No word in it: the marker alone decides.
  });

  it("offers the names of every article's live claims, each once, sorted without regard to case", async () => {
    const db = await getDb();
    const article = await createTestDocument(blocks);
    const [gone] = await makeClaims(article, 1);
    const goneName = `Aaron Deleted ${marker}`;
    await db.execute(sql`update annotations set claimant = ${goneName}, deleted_at = now(), deleted_by = 'x' where id = ${gone}`);
    const names = await listReviewNames(db);
    for (const list of [names.reviewers, names.claimants]) {
      expect(list.length).toBeGreaterThan(0);
      expect(list.length).toBeLessThanOrEqual(200);
      expect(new Set(list).size).toBe(list.length);
      expect(list).not.toContain("");
      const lower = list.map((name) => name.toLowerCase());
      expect(lower).toEqual(lower.toSorted());
    }
    expect(names.claimants).not.toContain(goneName);
    // On a database shared with other tests there may be more names than are offered.
    if (names.claimants.length < 200) expect(names.claimants).toEqual(expect.arrayContaining(claimants.filter(Boolean)));
    if (names.reviewers.length < 200) expect(names.reviewers).toEqual(expect.arrayContaining(reviewers));
  });

  it("leaves deleted claims out of searches", async () => {
    const db = await getDb();
    const article = await createTestDocument(blocks);
    const word = `m${randomUUID().replaceAll("-", "")}`;
    const [kept, gone] = await makeClaims(article, 2, 0, word);
    await db.execute(sql`update annotations set deleted_at = now(), deleted_by = 'x' where id = ${gone}`);
    const found = await listReviewClaims(db, ours({ q: word }), {});
    expect(found.map((claim) => claim.id)).toEqual([kept]);
  });
});
