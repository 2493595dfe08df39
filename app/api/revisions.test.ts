import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { applyReattach } from "@/server/claim-changes";
import { parsePlainArticle } from "@/lib/article";
import { call, createTestDocument } from "@/test/api-client";
import { approveClaim, setPublishing } from "@/test/review";
import * as historyRoute from "./annotations/[id]/history/route";
import * as annotationRoute from "./annotations/[id]/route";
import * as reattachRoute from "./annotations/[id]/reattach/route";
import * as annotationsRoute from "./documents/[slug]/annotations/route";
import * as revisionsRoute from "./documents/[slug]/revisions/route";
import * as exportRoute from "./documents/[slug]/export/route";
import * as documentRoute from "./documents/[slug]/route";
import { authorNamed } from "@/lib/author";
import type { HistoryEntry } from "@/lib/claim-history";

const source = readFileSync("content/jassy-bloomberg-retraction.txt", "utf8");
const cps = (text: string) => [...text];
let slug: string;
let originalText: string;
const ids: Record<string, string> = {};

async function claim(words: string, tag = "disputed") {
  const at = cps(originalText).join("").indexOf(words);
  const start = cps(originalText.slice(0, at)).length;
  const { status, json } = await call(annotationsRoute.POST, { slug }, { body: { start, end: start + cps(words).length, tag } });
  expect(status).toBe(201);
  return json.annotation.id as string;
}

const list = async (revision?: number) =>
  (await call(withQuery(annotationsRoute.GET, revision), { slug })).json.annotations as {
    id: string;
    start: number;
    end: number;
    quote: string;
    status: string;
    previousQuote: string | null;
  }[];

/** Where the claim stood on each revision: the placements of its history (its changes are in app/api/history.test.ts). */
const placements = async (id: string) =>
  ((await call(historyRoute.GET, { id })).json.history as HistoryEntry[]).filter((entry) => entry.kind === "placement");

function withQuery<P>(handler: (request: Request, context: { params: Promise<P> }) => Promise<Response>, revision?: number) {
  return (request: Request, context: { params: Promise<P> }) =>
    handler(revision === undefined ? request : new Request(`http://localhost/api?revision=${revision}`, request), context);
}

beforeAll(async () => {
  const document = await createTestDocument(parsePlainArticle(source));
  slug = document.slug;
  originalText = document.text;
  ids.typo = await claim("followed Apple's lead in calling the for the retraction");
  ids.moved = await claim("There are so many inaccuracies in this article");
  ids.deleted = await claim("complicated and time-consuming review", "unverified");
  ids.untouched = await claim("Reporters got played or took liberties", "denied");
  // Approved before the revision, so that the ClaimReview export held them all.
  for (const id of Object.values(ids)) await approveClaim(id);
  await setPublishing();
});
afterAll(closeDb);

// The revision fixes the article's typo "calling the for the" inside a claim, moves the Schmidt
// paragraph to the end, and deletes the paragraph on Super Micro's letter.
function revise(text: string): string {
  const paragraphs = text.split("\n\n");
  const schmidt = paragraphs.findIndex((p) => p.includes("so many inaccuracies"));
  const [moved] = paragraphs.splice(schmidt, 1);
  paragraphs.push(moved);
  return paragraphs
    .filter((p) => !p.includes("complicated and time-consuming review"))
    .join("\n\n")
    .replace("calling the for the retraction", "calling for the retraction");
}

describe("revisions", () => {
  it("publishes a revision and re-anchors every claim or makes it an orphan", async () => {
    const { status, json } = await call(revisionsRoute.POST, { slug }, { body: { text: revise(source) } });
    expect(status).toBe(201);
    expect(json).toMatchObject({ revision: { number: 2, publishedBy: "Test Reviewer" }, anchored: 3, orphaned: 1 });
    // The claims to look at again: the one placed on changed words, with both, and the orphan; not the one only moved.
    expect(json.changedWords).toEqual([
      {
        id: ids.typo,
        before: "followed Apple's lead in calling the for the retraction",
        after: "followed Apple's lead in calling for the retraction",
      },
    ]);
    expect(json.orphans).toEqual([{ id: ids.deleted, quote: "complicated and time-consuming review" }]);
    const listed = (await call(revisionsRoute.GET, { slug })).json.revisions;
    expect(listed.map(({ number, claims }: { number: number; claims: unknown }) => ({ number, claims }))).toEqual([
      { number: 2, claims: { changedWords: 1, orphaned: 1 } },
      { number: 1, claims: { changedWords: 0, orphaned: 0 } },
    ]);

    const document = (await call(documentRoute.GET, { slug })).json.document;
    expect(document.revision).toBe(2);
    const byId = new Map((await list()).map((a) => [a.id, a]));
    for (const key of ["typo", "moved", "untouched"]) {
      const claim = byId.get(ids[key])!;
      expect(claim.status, key).toBe("anchored");
      expect(cps(document.text).slice(claim.start, claim.end).join(""), key).toBe(claim.quote);
    }
    expect(byId.get(ids.moved)!.quote).toBe("There are so many inaccuracies in this article");
    expect(byId.get(ids.typo)!.quote).toBe("followed Apple's lead in calling for the retraction");
    // Words that changed under a claim are kept for the reviewer; unchanged ones are not.
    expect(byId.get(ids.typo)).toMatchObject({ previousQuote: "followed Apple's lead in calling the for the retraction" });
    expect(byId.get(ids.moved)).toMatchObject({ previousQuote: null });
    expect(byId.get(ids.untouched)).toMatchObject({ previousQuote: null });
    const orphan = byId.get(ids.deleted)!;
    expect(orphan).toMatchObject({ status: "orphan", quote: "complicated and time-consuming review" });
    // An orphan keeps the offsets it had when last anchored.
    expect(cps(originalText).slice(orphan.start, orphan.end).join("")).toBe(orphan.quote);
  });

  it("publishes no ClaimReview for an orphan or for words changed since the verdict; CSV marks both", async () => {
    const reviews = (await call(exportRoute.GET, { slug }, { query: "format=claimreview" })).json["@graph"] as { url: string }[];
    const reviewed = (id: string) => reviews.some((review) => review.url.endsWith(`#claim-${id}`));
    expect([ids.moved, ids.untouched].map(reviewed)).toEqual([true, true]);
    expect([ids.typo, ids.deleted].map(reviewed)).toEqual([false, false]);
    expect(reviews).toHaveLength(2);

    const [header, ...rows]: string[][] = parse((await call(exportRoute.GET, { slug }, { query: "format=csv" })).text, { bom: true });
    const cell = (id: string, column: string) => rows.find((row) => row[0] === id)![header.indexOf(column)];
    expect(rows).toHaveLength(4);
    expect([cell(ids.typo, "status"), cell(ids.typo, "previous quote")]).toEqual([
      "anchored",
      "followed Apple's lead in calling the for the retraction",
    ]);
    expect([cell(ids.deleted, "status"), cell(ids.deleted, "previous quote")]).toEqual(["orphan", ""]);
    expect([cell(ids.moved, "status"), cell(ids.moved, "previous quote")]).toEqual(["anchored", ""]);
  });

  it("places a claim made after the revision on the new text", async () => {
    const text = (await call(documentRoute.GET, { slug })).json.document.text as string;
    const words = "calling for the retraction";
    const start = cps(text.slice(0, text.indexOf(words))).length;
    const { status, json } = await call(annotationsRoute.POST, { slug }, { body: { start, end: start + cps(words).length, tag: "unverified" } });
    expect(status).toBe(201);
    expect(json.annotation).toMatchObject({ quote: words, createdRevision: 2 });
    const tooFar = await call(annotationsRoute.POST, { slug }, { body: { start: 0, end: cps(originalText).length, tag: "unverified" } });
    expect(tooFar.status).toBe(400); // The new text is shorter than the first.
  });

  it("places a claim selected on a page of the earlier revision on the same words of the new text", async () => {
    const text = (await call(documentRoute.GET, { slug })).json.document.text as string;
    const offsetsOn = (from: string, words: string) => {
      const start = cps(from.slice(0, from.indexOf(words))).length;
      return { start, end: start + cps(words).length };
    };
    // The Schmidt paragraph moved to the end in revision 2: its words are elsewhere now.
    const words = "so many inaccuracies";
    const old = offsetsOn(originalText, words);
    const placed = await call(annotationsRoute.POST, { slug }, { body: { ...old, revision: 1, tag: "denied" } });
    expect(placed.status).toBe(201);
    expect(placed.json.annotation).toMatchObject({ quote: words, ...offsetsOn(text, words), createdRevision: 2 });
    expect(cps(text).slice(placed.json.annotation.start, placed.json.annotation.end).join("")).toBe(words);

    const count = (await list()).length;
    // A create retried after a revision (its first answer lost) gets the stored claim, wherever the revision put it.
    const typo = (await list()).find((a) => a.id === ids.typo)!;
    const typoWords = "followed Apple's lead in calling the for the retraction";
    const retried = await call(
      annotationsRoute.POST,
      { slug },
      { body: { id: ids.typo, ...offsetsOn(originalText, typoWords), revision: 1, tag: "disputed" } },
    );
    expect(retried.status).toBe(200);
    expect(retried.json.annotation).toMatchObject({ id: ids.typo, start: typo.start, quote: typo.quote });
    // The same id sent with other words or another tag is another claim, refused (not the stored one returned).
    const otherWords = await call(
      annotationsRoute.POST,
      { slug },
      { body: { id: ids.typo, ...offsetsOn(originalText, "so many inaccuracies"), revision: 1, tag: "disputed" } },
    );
    expect(otherWords.status).toBe(409);
    expect(otherWords.json.error.code).toBe("id_taken");
    const otherTag = await call(
      annotationsRoute.POST,
      { slug },
      { body: { id: ids.typo, ...offsetsOn(originalText, typoWords), revision: 1, tag: "denied" } },
    );
    expect(otherTag.status).toBe(409);
    expect(otherTag.json.annotation).toBeUndefined();
    // Words the revision deleted, or changed, are not guessed at.
    for (const gone of ["complicated and time-consuming review", "calling the for the retraction"]) {
      const refused = await call(annotationsRoute.POST, { slug }, { body: { ...offsetsOn(originalText, gone), revision: 1, tag: "denied" } });
      expect(refused.status, gone).toBe(409);
      expect(refused.json.error.code).toBe("article_revised");
      expect(refused.json.error.message).toMatch(/select them again on the latest revision/);
    }
    const future = await call(annotationsRoute.POST, { slug }, { body: { ...old, revision: 3, tag: "denied" } });
    expect(future.status).toBe(400);
    expect(future.json.error).toMatchObject({ code: "invalid_revision" });
    const tooFar = await call(annotationsRoute.POST, { slug }, { body: { start: 0, end: cps(originalText).length + 1, revision: 1, tag: "denied" } });
    expect(tooFar.status).toBe(400);
    expect((await list()).length).toBe(count);
  });

  it("keeps every revision, and shows the claims as they stood on an earlier one", async () => {
    const { json } = await call(revisionsRoute.GET, { slug });
    expect(json.revisions.map((r: { number: number }) => r.number)).toEqual([2, 1]);
    const first = (await call(withQuery(documentRoute.GET, 1), { slug })).json.document;
    expect(first.text).toBe(originalText);
    const then = await list(1);
    expect(then).toHaveLength(4);
    for (const claim of then) {
      expect(claim.status).toBe("anchored");
      expect(cps(originalText).slice(claim.start, claim.end).join("")).toBe(claim.quote);
    }
    expect((await call(withQuery(documentRoute.GET, 9), { slug })).status).toBe(404);
    expect((await call(withQuery(documentRoute.GET, -1), { slug })).status).toBe(400);
  });

  it("records re-anchoring in the claim's history", async () => {
    const json = { history: await placements(ids.moved) };
    expect(json.history).toMatchObject([
      { revision: 1, status: "anchored", method: "created", actor: "Test Reviewer" },
      { revision: 2, status: "anchored", actor: "Test Reviewer" },
    ]);
    expect(json.history[1].start).not.toBe(json.history[0].start);
    expect(Date.parse(json.history[1].at)).toBeGreaterThan(Date.parse(json.history[0].at));
    const typo = await placements(ids.typo);
    expect(typo[1]).toMatchObject({ revision: 2, status: "anchored", method: "fuzzy", exact: "followed Apple's lead in calling for the retraction" });
    expect(typo[1].score).toBeGreaterThan(0.5);
    expect(typo[1].score).toBeLessThan(1);
    const lost = await placements(ids.deleted);
    expect(lost[1]).toMatchObject({ revision: 2, status: "orphan", score: null, exact: "complicated and time-consuming review" });
    expect(lost[1].method).not.toBe("");
  });

  it("re-attaches an orphan to new words", async () => {
    const text = (await call(documentRoute.GET, { slug })).json.document.text as string;
    const words = "Super Micro plunges on new report";
    const start = cps(text.slice(0, text.indexOf(words))).length;
    const orphan = (await list()).find((a) => a.id === ids.deleted)! as { version?: number };
    const { status, json } = await call(
      reattachRoute.POST,
      { id: ids.deleted },
      { body: { version: orphan.version, start, end: start + cps(words).length } },
    );
    expect(status).toBe(200);
    expect(json.annotation).toMatchObject({ status: "anchored", quote: words, anchoredRevision: 2, previousQuote: null });
    const history = await placements(ids.deleted);
    expect(history[history.length - 1]).toMatchObject({ revision: 2, status: "anchored", method: "reattached" });
    const again = await call(reattachRoute.POST, { id: ids.deleted }, { body: { version: json.annotation.version, start, end: start + 5 } });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("not_orphan");
  });

  it("re-attaches nothing when the claim was placed, or the article revised, since the request was checked", async () => {
    // The route checks first; these are the guards inside the transaction, for a revision published in between.
    const db = await getDb();
    const placed = (await list()).find((a) => a.id === ids.untouched)! as { version?: number };
    const anchor = { start: 0, end: 3, exact: "Ama", prefix: "", suffix: "" };
    expect((await applyReattach(db, ids.untouched, placed.version!, anchor, 2, authorNamed("Test Reviewer"))).kind).toBe("not_orphan");
    expect((await applyReattach(db, ids.untouched, placed.version!, anchor, 1, authorNamed("Test Reviewer"))).kind).toBe("revised");
    expect((await list()).find((a) => a.id === ids.untouched)).toMatchObject({ quote: "Reporters got played or took liberties" });
  });

  it("refuses to re-attach with a version no claim can have", async () => {
    const result = await call(reattachRoute.POST, { id: ids.untouched }, { body: { version: 2 ** 31, start: 0, end: 3 } });
    expect(result.status).toBe(400);
    expect(result.json.error.code).toBe("invalid_body");
  });

  it("refuses to re-attach a claim that is on the article's words, and keeps its history", async () => {
    const before = (await call(historyRoute.GET, { id: ids.untouched })).json.history;
    const claim = (await list()).find((a) => a.id === ids.untouched)! as { version?: number };
    const { status, json } = await call(reattachRoute.POST, { id: ids.untouched }, { body: { version: claim.version, start: 0, end: 3 } });
    expect(status).toBe(409);
    expect(json.error.code).toBe("not_orphan");
    expect((await call(historyRoute.GET, { id: ids.untouched })).json.history).toEqual(before);
    expect((await list()).find((a) => a.id === ids.untouched)).toMatchObject({ quote: "Reporters got played or took liberties" });
  });

  const refused: [string, unknown, number][] = [
    ["empty text", { text: " " }, 400],
    ["two formats", { text: "a", markdown: "b" }, 400],
    ["an unknown field", { text: "a", title: "x" }, 400],
    ["half a surrogate pair", { text: "New \ud800 words." }, 400],
  ];
  it.each(refused)("refuses a revision with %s and publishes nothing", async (_name, body, status) => {
    const result = await call(revisionsRoute.POST, { slug }, { body });
    expect(result.status).toBe(status);
    expect((await call(revisionsRoute.GET, { slug })).json.revisions).toHaveLength(2);
  });

  it("refuses to publish the same text again", async () => {
    const text = (await call(documentRoute.GET, { slug })).json.document;
    const result = await call(revisionsRoute.POST, { slug }, { body: { text: revise(source) } });
    expect(text.revision).toBe(2);
    expect(result.status).toBe(409);
  });

  it("keeps the words a verdict was given on through later revisions, until a reviewer checks it", async () => {
    const wordsBefore = "followed Apple's lead in calling the for the retraction";
    const typo = () => list().then((claims) => claims.find((a) => a.id === ids.typo)!);
    // Revision 3 changes words elsewhere only: the claim still needs its check.
    const third = revise(source).replace("Reporters got played", "Reporters were played");
    expect((await call(revisionsRoute.POST, { slug }, { body: { text: third } })).status).toBe(201);
    expect(await typo()).toMatchObject({ previousQuote: wordsBefore, anchoredRevision: 3 });

    const { version } = (await typo()) as unknown as { version: number };
    const wrong = await call(annotationRoute.PATCH, { id: ids.typo }, { method: "PATCH", body: { version, previousQuote: "other words" } });
    expect(wrong.status).toBe(400);
    const checked = await call(annotationRoute.PATCH, { id: ids.typo }, { method: "PATCH", body: { version, previousQuote: null } });
    expect(checked.status).toBe(200);
    expect(checked.json.annotation).toMatchObject({ previousQuote: null, version: version + 1 });
    expect(await typo()).toMatchObject({ previousQuote: null });
  });
});

describe("a revision's headline", () => {
  it("stays when the new text starts with a paragraph, and changes when it starts with a new headline", async () => {
    const document = await createTestDocument(parsePlainArticle("Library closes\n\nThe council voted on Tuesday.\n\nResidents protested."));
    const publish = async (body: object) => {
      const { status } = await call(revisionsRoute.POST, { slug: document.slug }, { body });
      expect(status).toBe(201);
      return (await call(documentRoute.GET, { slug: document.slug })).json.document.blocks;
    };
    expect(await publish({ text: "The council voted on Wednesday.\n\nResidents protested." })).toEqual([
      { type: "heading", level: 1, text: "Library closes" },
      { type: "paragraph", text: "The council voted on Wednesday." },
      { type: "paragraph", text: "Residents protested." },
    ]);
    expect((await publish({ html: "<p>The council voted on Thursday.</p>" }))[0]).toEqual({ type: "heading", level: 1, text: "Library closes" });
    expect((await publish({ text: "Library to close for good\n\nThe council voted on Friday." }))[0]).toEqual({
      type: "heading",
      level: 1,
      text: "Library to close for good",
    });
  });
});
