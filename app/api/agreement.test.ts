import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import type { Annotation } from "@/lib/annotation";
import { person } from "@/test/accounts";
import { call, createTestDocument } from "@/test/api-client";
import * as agreementRoute from "./agreement/route";
import * as reviewRoute from "./annotations/[id]/review/route";
import * as verdictsRoute from "./annotations/[id]/verdicts/route";
import * as annotationsRoute from "./documents/[slug]/annotations/route";
import * as documentExportRoute from "./documents/[slug]/export/route";

const text = "One claim here. Two claims there. Three more. Four at last.";
let slug: string;
const ids: Record<string, string> = {};
const people: Record<string, string> = {};

/** A claim by Ada on `words`, submitted, with the verdicts of others in the order given. */
async function reviewed(words: string, tag: string, verdicts: [string, string][]) {
  const start = text.indexOf(words);
  const made = await call(annotationsRoute.POST, { slug }, { body: { start, end: start + words.length, tag }, reviewer: "Ada Author" });
  const claim: Annotation = made.json.annotation;
  const submitted = await call(reviewRoute.POST, { id: claim.id }, { body: { version: claim.version, action: "submit" }, reviewer: "Ada Author" });
  expect(submitted.status).toBe(200);
  for (const [who, verdict] of verdicts) {
    expect((await call(verdictsRoute.POST, { id: claim.id }, { body: { tag: verdict }, reviewer: who })).status).toBe(201);
  }
  return claim.id;
}

const agreement = (query?: string) => call(agreementRoute.GET, {}, { query });

beforeAll(async () => {
  await getDb();
  for (const [name, role] of [
    ["Ada Author", "reviewer"],
    ["Rita Reviewer", "reviewer"],
    ["Carl Checker", "reviewer"],
  ] as const) {
    people[name] = (await person(name, role)).id;
  }
  slug = (await createTestDocument([{ type: "paragraph", text }])).slug;
  // Rita gives the second verdict on each (before Carl), Carl a third on two.
  ids.one = await reviewed("One claim", "disputed", [
    ["Rita Reviewer", "disputed"],
    ["Carl Checker", "denied"],
  ]);
  ids.two = await reviewed("Two claims", "denied", [
    ["Rita Reviewer", "disputed"],
    ["Carl Checker", "denied"],
  ]);
  ids.three = await reviewed("Three more", "unverified", [["Rita Reviewer", "unverified"]]);
  // No second verdict: not counted.
  ids.four = await reviewed("Four at last", "disputed", []);
});
afterAll(closeDb);

describe("GET /api/agreement", () => {
  it("compares each claim's first two verdicts: observed agreement, Cohen's κ, the confusion table and the disagreements", async () => {
    const { status, json } = await agreement(`document=${slug}`);
    expect(status).toBe(200);
    // Pairs (first, second): (disputed, disputed), (denied, disputed), (unverified, unverified).
    // pₒ = 2/3; pₑ = ⅓·⅔ (disputed) + ⅓·0 (denied) + ⅓·⅓ (unverified) = ⅓; κ = (⅔ − ⅓) / (1 − ⅓) = 0.5.
    expect(json.claims).toBe(3);
    expect(json.observed).toBeCloseTo(2 / 3, 12);
    expect(json.kappa).toBeCloseTo(0.5, 12);
    expect(json.confusion).toEqual({
      disputed: { disputed: 1, denied: 0, unverified: 0 },
      denied: { disputed: 1, denied: 0, unverified: 0 },
      unverified: { disputed: 0, denied: 0, unverified: 1 },
    });
    expect(json.disagreements).toEqual([
      {
        claimId: ids.two,
        document: slug,
        quote: "Two claims",
        first: { tag: "denied", by: "Ada Author", byId: people["Ada Author"] },
        second: { tag: "disputed", by: "Rita Reviewer", byId: people["Rita Reviewer"] },
      },
    ]);
  });

  it("compares two people's verdicts on the claims both gave one, in the order named", async () => {
    const rita = `${people["Rita Reviewer"]},${people["Carl Checker"]}`;
    const { json } = await agreement(`document=${slug}&pair=${rita}`);
    // (disputed, denied) twice: pₒ = 0, pₑ = 1·0 + 0·1 = 0, κ = 0.
    expect(json).toMatchObject({ claims: 2, observed: 0, kappa: 0 });
    expect(json.disagreements.map((d: { claimId: string }) => d.claimId)).toEqual([ids.one, ids.two]);
    const ada = await agreement(`document=${slug}&pair=${people["Ada Author"]},${people["Carl Checker"]}`);
    // (disputed, denied), (denied, denied): pₒ = ½, pₑ = ½·0 + ½·1 = ½, κ = 0.
    expect(ada.json).toMatchObject({ claims: 2, observed: 0.5, kappa: 0 });
    expect(ada.json.confusion.disputed.denied).toBe(1);
  });

  it("counts for a reviewer only the claims whose verdicts they may read: made by them, or given a verdict on (blind review)", async () => {
    const blind = await person("Dan Blind", "reviewer");
    const dan = await call(agreementRoute.GET, {}, { query: `document=${slug}`, token: blind.token });
    expect(dan.status).toBe(200);
    expect(dan.json).toMatchObject({ claims: 0, observed: null, kappa: null, disagreements: [] });
    // Carl gave verdicts on the first two claims only.
    const carl = await call(agreementRoute.GET, {}, { query: `document=${slug}`, reviewer: "Carl Checker" });
    expect(carl.json.claims).toBe(2);
    expect(carl.json.disagreements.map((d: { claimId: string }) => d.claimId)).toEqual([ids.two]);
    // Ada made them all.
    expect((await call(agreementRoute.GET, {}, { query: `document=${slug}`, reviewer: "Ada Author" })).json.claims).toBe(3);
  });

  it("answers null for what is undefined: no claims compared", async () => {
    const empty = (await createTestDocument([{ type: "paragraph", text: "Nothing here." }])).slug;
    const { json } = await agreement(`document=${empty}`);
    expect(json).toMatchObject({ claims: 0, observed: null, kappa: null, disagreements: [] });
  });

  it("measures over every article without a document", async () => {
    const { status, json } = await agreement();
    expect(status).toBe(200);
    // Other files' claims may be counted too, on a shared PostgreSQL.
    expect(json.claims).toBeGreaterThanOrEqual(3);
    expect(json.disagreements.map((d: { claimId: string }) => d.claimId)).toContain(ids.two);
  });

  it("refuses a bad query with 400 and an unknown article with 404", async () => {
    for (const query of ["pair=onlyone", `pair=${people["Ada Author"]},${people["Ada Author"]}`, "pair=a,b,c", "extra=1"]) {
      const answer = await agreement(query);
      expect(answer.status, query).toBe(400);
      expect(answer.json.error.code).toBe("invalid_query");
    }
    expect((await agreement("document=no-such-article")).status).toBe(404);
  });
});

describe("the review filters", () => {
  const exported = async (filters: string) => {
    const answer = await call(documentExportRoute.GET, { slug }, { query: `format=w3c&${filters}` });
    expect(answer.status, answer.text).toBe(200);
    return (answer.json.first.items as { id: string }[]).map((item) => item.id.split("/").pop()).sort();
  };

  it("narrow to claims whose verdicts differ, and to review states", async () => {
    expect(await exported("verdicts=differ")).toEqual([ids.one, ids.two].sort());
    expect(await exported("state=in_review")).toEqual(Object.values(ids).sort());
    expect(await exported("state=draft&state=approved")).toEqual([]);
    expect(await exported("state=in_review&verdicts=differ&tag=denied")).toEqual([ids.two]);
  });

  it("refuse an unknown state or verdicts value with 400", async () => {
    for (const query of ["format=csv&state=published", "format=csv&verdicts=agree"]) {
      const answer = await call(documentExportRoute.GET, { slug }, { query });
      expect(answer.status, query).toBe(400);
    }
  });
});
