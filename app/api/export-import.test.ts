import { randomUUID } from "node:crypto";
import { parse } from "csv-parse/sync";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDb } from "@/db/client";
import type { Annotation } from "@/lib/annotation";
import type { ArticleBlock } from "@/lib/article";
import { reviewSorts } from "@/lib/review-filters";
import { call, createTestDocument } from "@/test/api-client";
import { approveClaim, setPublishing, testPublishing } from "@/test/review";
import { findQuote, hypothesisAnnotation, jassyBlocks, recogitoAnnotation } from "@/test/import-samples";
import { annoContext, w3cMustChecker } from "@/test/w3c-validator";
import * as annotationRoute from "./annotations/[id]/route";
import * as annotationsRoute from "./documents/[slug]/annotations/route";
import * as documentExportRoute from "./documents/[slug]/export/route";
import * as importRoute from "./documents/[slug]/import/route";
import * as allExportRoute from "./export/route";

// "😀" is one code point and two UTF-16 units; the curly quotes are one each.
const blocks: ArticleBlock[] = [
  { type: "heading", level: 1, text: "Café “quoted” 😀 claim here." },
  { type: "paragraph", text: "Second paragraph says spy chips were found, and -5% was lost." },
  { type: "paragraph", text: "A third says =SUM(A1) and more, with commas, everywhere." },
];

/** A claim as the API answers it. */
type Claim = Annotation;

// Claims of this run share a claimant suffix, so that exports of every
// article can be narrowed to them on a PostgreSQL server other runs share.
const run = randomUUID().slice(0, 8);
const check = w3cMustChecker();
let slug: string;
let otherSlug: string;
let claims: Claim[];

const list = async (target: string): Promise<Claim[]> => (await call(annotationsRoute.GET, { slug: target })).json.annotations;
const create = async (target: string, body: object, reviewer = "Test Reviewer"): Promise<Claim> => {
  const result = await call(annotationsRoute.POST, { slug: target }, { body, reviewer });
  if (result.status !== 201) throw new Error(JSON.stringify(result.json));
  return result.json.annotation;
};
const exportDocument = (target: string, query: string) => call(documentExportRoute.GET, { slug: target }, { query });
const exportAll = (query: string) => call(allExportRoute.GET, {}, { query });
const importInto = (target: string, body: unknown, options: Parameters<typeof call>[2] = {}) =>
  call(importRoute.POST, { slug: target }, { body, ...options });

/** Offsets of the first occurrence of `words` in the test article's text, in code points. */
function rangeOf(words: string) {
  const text = blocks.map((block) => (block.type === "list" ? block.items.join("\n") : block.text)).join("\n");
  const utf16 = text.indexOf(words);
  const start = [...text.slice(0, utf16)].length;
  return { start, end: start + [...words].length };
}

const comparable = (claim: Claim) => ({
  start: claim.start,
  end: claim.end,
  quote: claim.quote,
  tag: claim.tag,
  note: claim.note,
  claimant: claim.claimant,
  evidence: claim.evidence,
});

beforeAll(async () => {
  slug = (await createTestDocument(blocks)).slug;
  otherSlug = (await createTestDocument(blocks)).slug;
  claims = [
    await create(slug, {
      ...rangeOf("claim"),
      tag: "disputed",
      note: 'He said, "no proof" — see both,\nthen 😀; done.',
      claimant: `Andy Jassy ${run}`,
      evidence: ["https://example.org/a", "https://example.org/b?x=1&y=2"],
    }),
    await create(slug, { ...rangeOf("spy chips"), tag: "denied", claimant: `Supermicro ${run}` }, "Second Reviewer"),
    await create(slug, { ...rangeOf("-5% was lost"), tag: "unverified", note: "+1 for checking", claimant: `@someone ${run}` }),
    await create(slug, { ...rangeOf("=SUM(A1)"), tag: "disputed", note: '=HYPERLINK("http://x")', claimant: `Andy Jassy ${run}` }),
    await create(slug, { ...rangeOf("Café"), tag: "unverified" }),
  ];
  await create(otherSlug, { ...rangeOf("third"), tag: "denied", claimant: `Andy Jassy ${run}` });
  // Approved, so that the ClaimReview export holds them as the others do.
  claims = await Promise.all(claims.map((claim) => approveClaim(claim.id)));
  await setPublishing();
});
afterAll(closeDb);
afterEach(() => {
  vi.unstubAllEnvs();
});

describe("W3C export", () => {
  it("is a download of an AnnotationCollection with every claim, passing every MUST of the W3C suite", async () => {
    const { status, headers, json } = await exportDocument(slug, "format=w3c");
    expect(status).toBe(200);
    expect(headers.get("content-type")).toBe('application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"');
    expect(headers.get("content-disposition")).toBe(`attachment; filename="${slug}-claims.jsonld"`);
    expect(check("collection", json)).toEqual([]);
    expect(json.total).toBe(claims.length);
    expect(json.first.items).toHaveLength(claims.length);
    for (const item of json.first.items) {
      expect(check("annotation", { "@context": json["@context"], ...item }), item.id).toEqual([]);
    }
  });

  it("identifies each claim by a URL that answers it, and targets the article's page by both selectors", async () => {
    const { json } = await exportDocument(slug, "format=w3c");
    const item = json.first.items.find((a: { id: string }) => a.id.endsWith(claims[0].id));
    expect(item.id).toBe(`http://localhost/api/annotations/${claims[0].id}`);
    expect(item.target.source).toBe(`http://localhost/documents/${slug}`);
    expect(item.target.selector).toEqual([
      { type: "TextQuoteSelector", exact: "claim", prefix: "Café “quoted” 😀 ", suffix: " here.\nSecond paragraph says spy" },
      { type: "TextPositionSelector", start: 16, end: 21 },
    ]);
    expect(item.creator).toEqual({ id: `http://localhost/people/${claims[0].createdById}`, type: "Person", name: "Test Reviewer" });

    const plain = await call(annotationRoute.GET, { id: claims[0].id });
    expect(plain.status).toBe(200);
    expect(comparable(plain.json.annotation)).toEqual(comparable(claims[0]));
    expect(plain.json.annotation.document).toBeUndefined();

    const linked = await call(annotationRoute.GET, { id: claims[0].id }, { accept: "application/ld+json" });
    expect(linked.headers.get("content-type")).toContain("application/ld+json");
    expect(linked.json).toEqual({ "@context": annoContext, ...item });
    expect(check("annotation", linked.json)).toEqual([]);
  });

  it("builds ids on PUBLIC_URL when it is set, whatever host the request came to", async () => {
    vi.stubEnv("PUBLIC_URL", "https://factcheck.example.org/");
    const { json } = await exportDocument(slug, "format=w3c&tag=denied");
    expect(json.id).toBe(`https://factcheck.example.org/api/documents/${slug}/export?format=w3c&tag=denied`);
    expect(json.first.items[0].id).toBe(`https://factcheck.example.org/api/annotations/${claims[1].id}`);
  });

  it("builds ids on the Host the request came to when PUBLIC_URL is unset, and ignores one that is not a host", async () => {
    vi.stubEnv("PUBLIC_URL", "");
    const viaHost = await call(
      documentExportRoute.GET,
      { slug },
      { query: "format=w3c", headers: { host: "127.0.0.1:3000", "x-forwarded-host": "evil.example" } },
    );
    expect(viaHost.json.id).toBe(`http://127.0.0.1:3000/api/documents/${slug}/export?format=w3c`);
    for (const host of ["evil.example/path?x=", "a:99999", "1.2.3.256", "[1::2::3]", "[:]"]) {
      const forged = await call(documentExportRoute.GET, { slug }, { query: "format=w3c", headers: { host } });
      expect(forged.status, host).toBe(200);
      expect(forged.json.id, host).toBe(`http://localhost/api/documents/${slug}/export?format=w3c`);
    }
  });

  it("answers 404 for an id of a deleted or unknown claim", async () => {
    const doomed = await create(slug, { ...rangeOf("everywhere"), tag: "denied" });
    expect((await call(annotationRoute.DELETE, { id: doomed.id }, { method: "DELETE" })).status).toBe(204);
    for (const id of [doomed.id, randomUUID(), "not-a-uuid"]) {
      const { status, json } = await call(annotationRoute.GET, { id });
      expect(status).toBe(404);
      expect(json.error.code).toBe("not_found");
    }
  });
});

describe("CSV export", () => {
  it("gives one row per claim that a CSV parser reads back as stored, formulas neutralised", async () => {
    const { status, headers, text } = await exportDocument(slug, "format=csv");
    expect(status).toBe(200);
    expect(headers.get("content-type")).toBe("text/csv; charset=utf-8; header=present");
    expect(headers.get("content-disposition")).toBe(`attachment; filename="${slug}-claims.csv"`);
    expect(text.startsWith("\uFEFF")).toBe(true);
    const [header, ...rows]: string[][] = parse(text, { bom: true });
    expect(header).toEqual([
      "id",
      "article",
      "article title",
      "start",
      "end",
      "quote",
      "tag",
      "claimant",
      "note",
      "evidence",
      "status",
      "previous quote",
      "created by",
      "created",
      "updated",
      "comments",
      "original author",
      "original source",
      "original date",
    ]);
    expect(rows).toHaveLength(claims.length);
    const byId = new Map(rows.map((row) => [row[0], row]));

    const first = byId.get(claims[0].id)!;
    expect(first.slice(1, 10)).toEqual([
      slug,
      "Test article",
      "16",
      "21",
      "claim",
      "disputed",
      `Andy Jassy ${run}`,
      'He said, "no proof" — see both,\nthen 😀; done.',
      "https://example.org/a\nhttps://example.org/b?x=1&y=2",
    ]);
    expect(byId.get(claims[2].id)!.slice(5, 9)).toEqual(["'-5% was lost", "unverified", `'@someone ${run}`, "'+1 for checking"]);
    expect(byId.get(claims[3].id)!.slice(5, 9)).toEqual(["'=SUM(A1)", "disputed", `Andy Jassy ${run}`, '\'=HYPERLINK("http://x")']);
  });
});

describe("ClaimReview export", () => {
  it("gives a ClaimReview per approved claim, by the publisher of the settings, naming its reviewers", async () => {
    const { status, headers, json } = await exportDocument(slug, "format=claimreview");
    expect(status).toBe(200);
    expect(headers.get("content-type")).toBe("application/ld+json");
    expect(headers.get("content-disposition")).toBe(`attachment; filename="${slug}-claimreview.jsonld"`);
    expect(json["@context"]).toBe("https://schema.org");
    expect(json["@graph"]).toHaveLength(claims.length);
    const review = json["@graph"].find((r: { url: string }) => r.url.endsWith(claims[1].id));
    expect(review).toEqual({
      "@type": "ClaimReview",
      url: `${testPublishing.publicBaseUrl}/${slug}#claim-${claims[1].id}`,
      claimReviewed: "spy chips",
      datePublished: claims[1].approvedAt,
      dateModified: claims[1].updatedAt,
      author: { "@type": "Organization", ...testPublishing.publisher },
      // Its author (the first verdict) and its approver.
      contributor: [
        { "@type": "Person", name: "Second Reviewer" },
        { "@type": "Person", name: "Test Reviewer" },
      ],
      reviewRating: { "@type": "Rating", alternateName: "Denied" },
      itemReviewed: {
        "@type": "Claim",
        author: { "@type": "Person", name: `Supermicro ${run}` },
        // The test article has no sourceUrl: no address of the app is given in its place.
        appearance: { "@type": "NewsArticle", headline: "Test article" },
      },
    });
    const anonymous = json["@graph"].find((r: { url: string }) => r.url.endsWith(claims[4].id));
    expect(anonymous.itemReviewed.author).toBeUndefined();
  });

  it("names the article's sourceUrl as where the claim appears, and never an address from the request", async () => {
    const published = await createTestDocument(blocks, { sourceUrl: "https://news.example.com/story" });
    const made = await create(published.slug, { ...rangeOf("spy chips"), tag: "denied" });
    await approveClaim(made.id);
    const { json } = await call(
      documentExportRoute.GET,
      { slug: published.slug },
      { query: "format=claimreview", headers: { host: "evil.example" } },
    );
    expect(json["@graph"]).toHaveLength(1);
    expect(json["@graph"][0].itemReviewed.appearance.url).toBe("https://news.example.com/story");
    expect(JSON.stringify(json)).not.toMatch(/evil\.example|localhost/);
  });

  it("holds only approved claims: a note changed after approval takes the claim out until it is approved again", async () => {
    const article = (await createTestDocument(blocks)).slug;
    const made = await create(article, { ...rangeOf("spy chips"), tag: "denied" });
    const inExport = async () => (await exportDocument(article, "format=claimreview")).json["@graph"].length;
    expect(await inExport()).toBe(0);
    const approved = await approveClaim(made.id);
    expect(await inExport()).toBe(1);
    const edited = await call(annotationRoute.PATCH, { id: made.id }, { method: "PATCH", body: { version: approved.version, note: "More." } });
    expect(edited.json.annotation.reviewState).toBe("in_review");
    expect(await inExport()).toBe(0);
    await approveClaim(made.id);
    expect(await inExport()).toBe(1);
    // The other formats hold every claim, whatever its review.
    expect((await exportDocument(article, "format=w3c")).json.total).toBe(1);
  });
});

describe("export filters", () => {
  const idsOf = {
    w3c: (json: { first: { items: { id: string }[] } }) => json.first.items.map((item) => item.id.split("/").pop()),
    claimreview: (json: { "@graph": { url: string }[] }) => json["@graph"].map((review) => review.url.split("#claim-")[1]),
  };

  it.each([
    ["tag", "tag=disputed", [0, 3]],
    ["several tags", "tag=denied&tag=unverified", [1, 2, 4]],
    ["reviewer", "reviewer=Second%20Reviewer", [1]],
    ["reviewer in another case", "reviewer=second%20REVIEWER", [1]],
    ["claimant", `claimant=andy%20jassy%20${run}`, [0, 3]],
    ["words", "q=SUM", [3]],
  ])("apply the %s filter to every format", async (_name, filter, expected) => {
    const want = expected.map((i) => claims[i].id).sort();
    const w3c = await exportDocument(slug, `format=w3c&${filter}`);
    expect(idsOf.w3c(w3c.json).sort()).toEqual(want);
    expect(w3c.json.total).toBe(want.length);
    expect(idsOf.claimreview((await exportDocument(slug, `format=claimreview&${filter}`)).json).sort()).toEqual(want);
    const [, ...rows]: string[][] = parse((await exportDocument(slug, `format=csv&${filter}`)).text, { bom: true });
    expect(rows.map((row) => row[0]).sort()).toEqual(want);
  });

  it("orders by position, or latest change first with sort=updated", async () => {
    const byPosition = idsOf.w3c((await exportDocument(slug, "format=w3c")).json);
    expect(byPosition).toEqual([...claims].sort((a, b) => a.start - b.start).map((c) => c.id));
    await call(annotationRoute.PATCH, { id: claims[2].id }, { method: "PATCH", body: { version: claims[2].version, note: "+1 for checking" } });
    const byUpdate = idsOf.w3c((await exportDocument(slug, "format=w3c&sort=updated")).json);
    expect(byUpdate[0]).toBe(claims[2].id);
  });

  it.each(reviewSorts)("sorts by %s either way, dir=desc the reverse of dir=asc", async (sort) => {
    const ascending = idsOf.w3c((await exportDocument(slug, `format=w3c&sort=${sort}&dir=asc`)).json);
    const descending = idsOf.w3c((await exportDocument(slug, `format=w3c&sort=${sort}&dir=desc`)).json);
    expect(ascending.toSorted()).toEqual(claims.map((claim) => claim.id).toSorted());
    expect(descending).toEqual(ascending.toReversed());
  });

  it("exports every article's claims from /api/export, filtered the same way", async () => {
    const { status, headers, text } = await exportAll(`format=csv&claimant=Andy%20Jassy%20${run}`);
    expect(status).toBe(200);
    expect(headers.get("content-disposition")).toBe('attachment; filename="all-claims.csv"');
    const [, ...rows]: string[][] = parse(text, { bom: true });
    expect(rows.map((row) => `${row[1]} ${row[2]}`).sort()).toEqual([slug, slug, otherSlug].map((s) => `${s} Test article`).sort());
    const w3c = await exportAll(`format=w3c&claimant=Andy%20Jassy%20${run}`);
    expect(check("collection", w3c.json)).toEqual([]);
    expect(w3c.json.total).toBe(3);
  });

  it.each([
    ["no format", ""],
    ["an unknown format", "format=xlsx"],
    ["an unknown tag", "format=csv&tag=false"],
    ["an unknown sort", "format=w3c&sort=random"],
    ["an over-long search", `format=csv&q=${"x".repeat(501)}`],
  ])("refuses %s with a 400 JSON error", async (_name, query) => {
    for (const result of [await exportDocument(slug, query), await exportAll(query)]) {
      expect(result.status).toBe(400);
      expect(result.json.error).toEqual({ code: "invalid_query", message: expect.any(String) });
    }
  });

  it("answers 404 for an unknown article", async () => {
    const { status, json } = await exportDocument("no-such-article", "format=csv");
    expect(status).toBe(404);
    expect(json.error.code).toBe("not_found");
  });
});

describe("import", () => {
  it("round-trips: a W3C export imported into a fresh copy of the article gives the same claims", async () => {
    const exported = await exportDocument(slug, "format=w3c");
    const copy = (await createTestDocument(blocks)).slug;
    const { status, json } = await importInto(copy, exported.json, {
      reviewer: "Importer",
      contentType: 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
    });
    expect(status).toBe(201);
    expect(json.skipped).toEqual([]);
    const originals = (await list(slug)).map(comparable);
    expect(json.created.map(comparable)).toEqual(originals);
    expect((await list(copy)).map(comparable)).toEqual(originals);
    for (const claim of json.created) expect(claim).toMatchObject({ createdBy: "Importer", updatedBy: "Importer", version: 1 });
    // New claims with ids of their own: the originals keep theirs.
    const originalIds = new Set((await list(slug)).map((claim) => claim.id));
    expect(json.created.filter((claim: Claim) => originalIds.has(claim.id))).toEqual([]);
  });

  it("adds nothing twice: importing the same file again, or into the article it came from, creates no claim", async () => {
    const exported = await exportDocument(slug, "format=w3c");
    const items = exported.json.first.items as { id: string }[];
    const stored = await list(slug);
    const quoteOf = new Map(stored.map((claim) => [claim.id, claim.quote]));
    const before = stored.length;
    const back = await importInto(slug, exported.json);
    expect(back.status).toBe(200);
    expect(back.json.created).toEqual([]);
    expect(back.json.skipped).toEqual(
      items.map((item, index) => ({
        index,
        id: item.id,
        reason: "duplicate",
        message: expect.stringContaining("the article already has it"),
        quote: quoteOf.get(item.id.split("/").pop()!) ?? "(no such claim stored)",
      })),
    );
    expect(await list(slug)).toHaveLength(before);

    // Into a copy: the first import creates every claim, the second none; a file
    // with one new claim among known ones imports that one, all or nothing.
    const copy = (await createTestDocument(blocks)).slug;
    expect((await importInto(copy, exported.json)).json.created).toHaveLength(items.length);
    const again = await importInto(copy, exported.json);
    expect(again.status).toBe(200);
    expect(again.json.created).toEqual([]);
    const retagged = structuredClone(exported.json.first.items[0]);
    retagged.body[0].value = retagged.body[0].value === "denied" ? "disputed" : "denied";
    const mixed = await importInto(copy, [...exported.json.first.items, retagged]);
    expect(mixed.status).toBe(201);
    expect(mixed.json.created).toHaveLength(1);
    expect(mixed.json.skipped.filter((item: { reason: string }) => item.reason === "duplicate")).toHaveLength(items.length);
    expect(await list(copy)).toHaveLength(items.length + 1);
  });

  it("imports Hypothesis annotations by their quotes, ignoring tags that are not verdicts", async () => {
    const target = (await createTestDocument(jassyBlocks)).slug;
    const file = [
      hypothesisAnnotation("Reporters got played or took liberties.", ["Disputed", "bloomberg"], "AWS gives **no detail**."),
      hypothesisAnnotation("the scenario Bloomberg reported never happened", ["denied"], ""),
    ];
    const { status, json } = await importInto(target, file);
    expect(status).toBe(201);
    expect(json.created.map((c: Claim) => [c.quote, c.tag, c.note])).toEqual([
      ["Reporters got played or took liberties.", "disputed", "AWS gives **no detail**."],
      ["the scenario Bloomberg reported never happened", "denied", ""],
    ]);
    expect(json.created[0].start).toBe(findQuote("Reporters got played or took liberties.").start);
  });

  it("imports a Recogito page, with comments as notes", async () => {
    const target = (await createTestDocument(jassyBlocks)).slug;
    const page = {
      "@context": annoContext,
      type: "AnnotationPage",
      items: [recogitoAnnotation("spy chips", "Unverified", "Which chips, where?")],
      next: "https://recogito.example/annotations?page=2",
    };
    const { status, json } = await importInto(target, page);
    expect(status).toBe(201);
    expect(json.created).toHaveLength(1);
    expect(json.created[0]).toMatchObject({
      quote: "spy chips",
      tag: "unverified",
      note: "Which chips, where?",
      start: findQuote("spy chips").start,
    });
    expect(json.next).toBe("https://recogito.example/annotations?page=2");
  });

  describe("a file with annotations that cannot be placed", () => {
    const good = () => hypothesisAnnotation("Bloomberg should retract.", ["disputed"], "good");
    const untagged = () => hypothesisAnnotation("Bloomberg should retract.", ["politics"], "no verdict");
    const elsewhere = () => ({
      ...hypothesisAnnotation("Bloomberg should retract.", ["denied"], "not in this article"),
      target: { selector: { type: "TextQuoteSelector", exact: "Amazon buys Bloomberg", prefix: "In 2019 ", suffix: " outright" } },
    });

    it("is refused whole with 422 by default, listing each one and why, and stores nothing", async () => {
      const target = (await createTestDocument(jassyBlocks)).slug;
      const { status, json } = await importInto(target, [good(), untagged(), elsewhere()]);
      expect(status).toBe(422);
      expect(json.error).toEqual({ code: "not_importable", message: expect.stringContaining("skip=unplaceable") });
      expect(json.created).toEqual([]);
      expect(json.skipped).toEqual([
        { index: 1, id: untagged().id, reason: "no_tag", message: expect.stringContaining('"politics"'), quote: "Bloomberg should retract." },
        { index: 2, id: elsewhere().id, reason: "not_anchored", message: expect.any(String), quote: "Amazon buys Bloomberg" },
      ]);
      expect(await list(target)).toEqual([]);
    });

    it("imports the others with ?skip=unplaceable and lists what it left out", async () => {
      const target = (await createTestDocument(jassyBlocks)).slug;
      const { status, json } = await importInto(target, [good(), untagged(), elsewhere()], { query: "skip=unplaceable" });
      expect(status).toBe(201);
      expect(json.created.map((c: Claim) => [c.quote, c.note])).toEqual([["Bloomberg should retract.", "good"]]);
      expect(json.skipped.map((s: { index: number; reason: string }) => [s.index, s.reason])).toEqual([
        [1, "no_tag"],
        [2, "not_anchored"],
      ]);
      expect(await list(target)).toHaveLength(1);
    });

    it("answers 200 with nothing created when nothing could be placed", async () => {
      const target = (await createTestDocument(jassyBlocks)).slug;
      const { status, json } = await importInto(target, [untagged()], { query: "skip=unplaceable" });
      expect(status).toBe(200);
      expect(json.created).toEqual([]);
      expect(json.skipped).toHaveLength(1);
    });
  });

  const annotation = () => hypothesisAnnotation("Bloomberg should retract.", ["disputed"], "fine");
  const cases: [string, Parameters<typeof call>[2], number, string][] = [
    ["malformed JSON", { rawBody: '{"type": "AnnotationPage", "items": [' }, 400, "malformed_json"],
    ["a JSON object that is no list of annotations", { body: { hello: "world" } }, 400, "invalid_import"],
    ["a single annotation", { body: annotation() }, 400, "invalid_import"],
    ["a JSON string", { body: "annotations" }, 400, "invalid_import"],
    [
      "a collection whose first page is only linked",
      { body: { type: "AnnotationCollection", first: "https://x.example/p1" } },
      400,
      "invalid_import",
    ],
    ["a body over 10 MB", { rawBody: JSON.stringify([{ ...annotation(), bodyValue: "x".repeat(10 * 1024 * 1024) }]) }, 413, "body_too_large"],
    ["a content type other than JSON", { rawBody: JSON.stringify([annotation()]), contentType: "text/csv" }, 415, "unsupported_media_type"],
    [
      "half a surrogate pair in an evidence link",
      { body: [{ ...annotation(), body: [...annotation().body, "https://x.example/\ud800"] }] },
      422,
      "not_importable",
    ],
    ["no session or token", { body: [annotation()], reviewer: null }, 401, "unauthenticated"],
    ["a revoked or unknown token", { body: [annotation()], token: "fca_revoked" }, 401, "unauthenticated"],
    ["an unknown skip flag", { body: [annotation()], query: "skip=everything" }, 400, "invalid_query"],
    ["an unknown tag", { body: [hypothesisAnnotation("Bloomberg should retract.", ["false"], "")] }, 422, "not_importable"],
    [
      "a quote that is not in the article",
      { body: [{ ...annotation(), target: { selector: { type: "TextQuoteSelector", exact: "Apple bought Amazon" } } }] },
      422,
      "not_importable",
    ],
    [
      "an evidence link that is not http(s)",
      { body: [{ ...annotation(), body: [...annotation().body, "javascript:alert(1)"] }] },
      422,
      "not_importable",
    ],
    [
      "a claimant over 200 characters",
      {
        body: [
          { ...annotation(), body: [...annotation().body, { type: "TextualBody", purpose: "describing", value: `Claimant: ${"x".repeat(201)}` }] },
        ],
      },
      422,
      "not_importable",
    ],
  ];

  it.each(cases)("refuses %s, stores nothing and never answers 500", async (_name, options, status, code) => {
    const target = (await createTestDocument(jassyBlocks)).slug;
    const result = await call(importRoute.POST, { slug: target }, options);
    expect(result.status).toBe(status);
    expect(result.json.error).toMatchObject({ code, message: expect.any(String) });
    expect(await list(target)).toEqual([]);
  });

  it("imports an annotation whose quote context holds half an emoji, as Hypothesis's UTF-16 cuts can leave it", async () => {
    const target = (await createTestDocument(jassyBlocks)).slug;
    const cut = annotation();
    const [quote] = cut.target[0].selector.filter((selector) => selector.type === "TextQuoteSelector") as { prefix: string }[];
    quote.prefix = `\udc00${quote.prefix}`;
    const { status, json } = await importInto(target, [cut]);
    expect(status).toBe(201);
    expect(json.created).toMatchObject([{ quote: "Bloomberg should retract.", tag: "disputed" }]);
  });

  it("answers 404 for an unknown article", async () => {
    const { status } = await importInto("no-such-article", [annotation()]);
    expect(status).toBe(404);
  });
});
