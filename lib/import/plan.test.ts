import { describe, expect, it } from "vitest";
import { sampleClaims } from "@/test/export-claims";
import { findQuote, hypothesisAnnotation, jassyText, recogitoAnnotation } from "@/test/import-samples";
import { toW3cAnnotation } from "../export/w3c";
import { leaveOutDuplicates, planImport } from "./plan";

const links = { origin: "https://factcheck.example.org" };

/** A claim made on the Jassy article, exported as the W3C export writes it. */
function exported(quote: string, fields: Partial<(typeof sampleClaims)[number]> = {}) {
  const place = findQuote(quote);
  return toW3cAnnotation(
    { ...sampleClaims[0], start: place.start, end: place.end, quote: place.exact, prefix: place.prefix, suffix: place.suffix, ...fields },
    links,
  );
}

describe("planImport", () => {
  it("places this app's export where it was, with its tag, note, claimant and evidence", () => {
    const place = findQuote("Bloomberg should retract.");
    const file = [exported("Bloomberg should retract.")];
    const { claims, skipped } = planImport(jassyText, file);
    expect(skipped).toEqual([]);
    expect(claims).toEqual([
      {
        index: 0,
        sourceId: file[0].id,
        anchor: place,
        tag: "disputed",
        note: sampleClaims[0].note,
        claimant: "Andy Jassy",
        evidence: sampleClaims[0].evidence,
        method: "position",
        score: expect.any(Number),
        // Another instance of this app is a W3C source like any other: the reviewer who made the claim there wrote it.
        provenance: {
          creator: { name: "Ada Reviewer" },
          source: "W3C import",
          sourceId: file[0].id,
          created: sampleClaims[0].createdAt,
          modified: sampleClaims[0].updatedAt,
        },
      },
    ]);
  });

  it("places Hypothesis annotations by their quote when their offsets belong to another page", () => {
    const quote = "Reporters got played or took liberties.";
    const { claims, skipped } = planImport(jassyText, [
      hypothesisAnnotation(quote, ["Disputed", "supply-chain"], "AWS says so; **no proof** given."),
    ]);
    expect(skipped).toEqual([]);
    expect(claims[0]).toMatchObject({
      anchor: findQuote(quote),
      tag: "disputed",
      note: "AWS says so; **no proof** given.",
      claimant: "",
      evidence: [],
      method: "quote",
    });
  });

  it("places Recogito annotations, with their comment as the note", () => {
    const quote = "almost all the companies named in the report denied Bloomberg's claim";
    const { claims, skipped } = planImport(jassyText, [recogitoAnnotation(quote, "Denied", "Apple, Amazon and Super Micro denied it.")]);
    expect(skipped).toEqual([]);
    expect(claims[0]).toMatchObject({ anchor: findQuote(quote), tag: "denied", note: "Apple, Amazon and Super Micro denied it." });
  });

  it("places short quotes without context by their offsets, or where they occur only once", () => {
    // "spy chips" occurs twice; Recogito gives the offsets of the first and no context.
    expect(jassyText.split("spy chips").length - 1).toBe(2);
    const quoteOnly = {
      type: "Annotation",
      body: { type: "TextualBody", purpose: "tagging", value: "unverified" },
      target: { selector: { type: "TextQuoteSelector", exact: "Laguna Beach" } },
    };
    const { claims, skipped } = planImport(jassyText, [recogitoAnnotation("spy chips", "disputed", "which chips?"), quoteOnly]);
    expect(skipped).toEqual([]);
    expect(claims.map((claim) => [claim.anchor.start, claim.anchor.exact, claim.method])).toEqual([
      [findQuote("spy chips").start, "spy chips", "position"],
      [findQuote("Laguna Beach").start, "Laguna Beach", "quote"],
    ]);
  });

  it("keeps the article's words as the quote when the file's differ in quote marks or spacing", () => {
    const place = findQuote("They offered no proof, story kept changing");
    const straight = { type: "TextQuoteSelector", exact: '"They  offered no proof, story kept changing', prefix: "", suffix: "" };
    const json = { type: "Annotation", body: { type: "TextualBody", purpose: "tagging", value: "disputed" }, target: { selector: straight } };
    const { claims, skipped } = planImport(jassyText, [json]);
    expect(skipped).toEqual([]);
    expect(claims[0].anchor.exact).toBe(jassyText.slice(place.start - 1, place.end));
  });

  it("says which annotations cannot be placed, and why, in the file's order", () => {
    const items = [
      exported("Bloomberg should retract."),
      hypothesisAnnotation("Reporters got played or took liberties.", ["covid"], "off topic"),
      exported("Bloomberg should retract.", { quote: "Amazon will buy Bloomberg next year", prefix: "", suffix: "", start: 5000, end: 5035 }),
      exported("Bloomberg should retract.", { evidence: ["javascript:alert(1)"] }),
      exported("Bloomberg should retract.", { note: "x".repeat(10_001) }),
    ];
    const { claims, skipped } = planImport(jassyText, items);
    expect(claims).toHaveLength(1);
    expect(skipped).toEqual([
      {
        index: 1,
        id: expect.stringMatching(/^https:\/\/hypothes\.is\/a\//),
        reason: "no_tag",
        message: expect.any(String),
        quote: "Reporters got played or took liberties.",
      },
      {
        index: 2,
        id: expect.any(String),
        reason: "not_anchored",
        message: expect.stringContaining("could not be placed"),
        quote: "Amazon will buy Bloomberg next year",
      },
      { index: 3, id: expect.any(String), reason: "invalid", message: expect.stringContaining("http or https"), quote: "Bloomberg should retract." },
      { index: 4, id: expect.any(String), reason: "invalid", message: expect.stringContaining("10000"), quote: "Bloomberg should retract." },
    ]);
  });

  it("refuses to guess between repeated words that neither offsets nor context tell apart", () => {
    const repeated = "Super Micro plunges on new report of hacked hardware in US";
    expect(jassyText.split(repeated).length - 1).toBeGreaterThan(1);
    const json = {
      type: "Annotation",
      body: { type: "TextualBody", purpose: "tagging", value: "unverified" },
      target: { selector: { type: "TextQuoteSelector", exact: repeated } },
    };
    const { claims, skipped } = planImport(jassyText, [json]);
    expect(claims).toEqual([]);
    expect(skipped[0]).toMatchObject({ index: 0, reason: "not_anchored" });
  });

  it("takes offsets alone when they fit the article, and refuses them when they do not", () => {
    const position = (start: number, end: number) => ({
      type: "Annotation",
      body: { type: "TextualBody", purpose: "tagging", value: "unverified" },
      target: { selector: { type: "TextPositionSelector", start, end } },
    });
    const { claims, skipped } = planImport(jassyText, [position(0, 6), position(10, 10), position(0, jassyText.length + 1)]);
    expect(claims.map((claim) => claim.anchor.exact)).toEqual(["Amazon"]);
    expect(skipped.map((skip) => [skip.index, skip.reason])).toEqual([
      [1, "not_anchored"],
      [2, "not_anchored"],
    ]);
    // Offsets alone quote no words: none is named.
    expect(skipped.filter((skip) => "quote" in skip)).toEqual([]);
  });

  it("names no quote for an annotation without words: no selector, an empty or a broken exact, or a reply", () => {
    const tagged = (target: unknown) => ({ type: "Annotation", body: { type: "TextualBody", purpose: "tagging", value: "covid" }, target });
    const { skipped } = planImport(jassyText, [
      tagged({ source: "https://example.org/a" }),
      tagged({ selector: { type: "TextQuoteSelector", exact: "" } }),
      tagged({ selector: { type: "TextQuoteSelector", exact: 42 } }),
      tagged({ selector: { type: "TextQuoteSelector", exact: "spy chips" } }),
      { type: "Annotation", motivation: "replying", bodyValue: " ", target: "https://example.org/claim" },
    ]);
    expect(skipped.map((skip) => [skip.index, skip.quote])).toEqual([
      [0, undefined],
      [1, undefined],
      [2, undefined],
      [3, "spy chips"],
      [4, undefined],
    ]);
  });
});

describe("leaveOutDuplicates", () => {
  const file = [
    exported("Bloomberg should retract."),
    exported("Reporters got played or took liberties."),
    exported("Bloomberg should retract."),
    exported("Reporters got played or took liberties.", { note: "Another reading." }),
  ];
  const plan = planImport(jassyText, file);

  /** The article's stored claim "c-1", as the file's first claim would be stored. */
  const storedLikeFirst = () => {
    const [first] = plan.claims;
    return {
      id: "c-1",
      start: first.anchor.start,
      end: first.anchor.end,
      tag: first.tag,
      note: first.note,
      claimant: first.claimant,
      evidence: first.evidence,
    };
  };

  it("leaves out claims the article has and claims the file repeats, saying which and why", () => {
    const { claims, skipped } = leaveOutDuplicates(plan, [storedLikeFirst()]);
    expect(claims.map((claim) => claim.index)).toEqual([1, 3]);
    expect(skipped).toEqual([
      { index: 0, id: file[0].id, reason: "duplicate", message: expect.stringContaining("claim c-1"), quote: "Bloomberg should retract." },
      { index: 2, id: file[2].id, reason: "duplicate", message: expect.stringContaining("claim c-1"), quote: "Bloomberg should retract." },
    ]);
  });

  it("keeps a claim on the same words that differs in tag, note, claimant or evidence", () => {
    const base = storedLikeFirst();
    for (const change of [{ tag: "denied" as const }, { note: "" }, { claimant: "Tim Cook" }, { evidence: [] }]) {
      const { claims } = leaveOutDuplicates(plan, [{ ...base, ...change }]);
      expect(
        claims.map((claim) => claim.index),
        JSON.stringify(change),
      ).toEqual([0, 1, 3]);
    }
    // Within the file alone, the repeat of annotation 1 goes.
    const alone = leaveOutDuplicates(plan, []);
    expect(alone.skipped).toEqual([
      {
        index: 2,
        id: file[2].id,
        reason: "duplicate",
        message: expect.stringContaining("annotation 1 of this file"),
        quote: "Bloomberg should retract.",
      },
    ]);
  });
});
