import { describe, expect, it } from "vitest";
import { type Candidate, chooseCandidate, distinctiveQuoteLength, isConclusive, isSupported, nearbyDistance } from "./candidates";

/** An exact candidate with intact context at the hint, changed by `fields`. */
function candidate(fields: Partial<Candidate>): Candidate {
  return { start: 0, end: 10, quoteSimilarity: 1, prefixSimilarity: 1, suffixSimilarity: 1, distance: 0, ...fields };
}

const shortQuote = 10;

describe("isSupported", () => {
  it("accepts one nearly intact side, as a moved paragraph keeps", () => {
    expect(isSupported(candidate({ prefixSimilarity: 0.2, suffixSimilarity: 0.95 }), shortQuote)).toBe(true);
  });

  it("accepts both sides agreeing fairly well", () => {
    expect(isSupported(candidate({ prefixSimilarity: 0.75, suffixSimilarity: 0.7 }), shortQuote)).toBe(true);
  });

  it("refuses context that only shares a phrase, however near", () => {
    expect(isSupported(candidate({ prefixSimilarity: 0.5, suffixSimilarity: 0.84 }), shortQuote)).toBe(false);
  });

  it("lets a long exact quote stand on its own words, but not a long fuzzy one", () => {
    const bare = { prefixSimilarity: 0, suffixSimilarity: 0 };
    expect(isSupported(candidate(bare), distinctiveQuoteLength)).toBe(true);
    expect(isSupported(candidate({ ...bare, quoteSimilarity: 0.95 }), distinctiveQuoteLength)).toBe(false);
    expect(isSupported(candidate(bare), distinctiveQuoteLength - 1)).toBe(false);
  });
});

describe("chooseCandidate", () => {
  it("has nothing to choose from no candidates, and says so when none is supported", () => {
    expect(chooseCandidate([], shortQuote)).toEqual({ kind: "none" });
    const stray = candidate({ prefixSimilarity: 0.3, suffixSimilarity: 0.3 });
    expect(chooseCandidate([stray], shortQuote)).toEqual({ kind: "unsupported", candidates: [stray] });
  });

  it("prefers the clearly better context, even farther away", () => {
    const moved = candidate({ start: 5000, distance: 5000 });
    const lookalike = candidate({ start: 100, distance: 100, prefixSimilarity: 0.6, suffixSimilarity: 0.8 });
    expect(chooseCandidate([lookalike, moved], shortQuote)).toEqual({ kind: "match", candidate: moved });
  });

  it("keeps a nearby claim whose context was edited over a distant copy with intact context", () => {
    const inPlace = candidate({ distance: 10, suffixSimilarity: 0.8 });
    const copy = candidate({ start: 90_000, distance: 90_000 });
    expect(chooseCandidate([copy, inPlace], shortQuote)).toEqual({ kind: "match", candidate: inPlace });
  });

  it("takes the nearest of equals only when it is clearly nearest", () => {
    const near = candidate({ distance: 10 });
    const far = candidate({ start: 500, distance: 500 });
    expect(chooseCandidate([far, near], shortQuote)).toEqual({ kind: "match", candidate: near });

    const alsoNear = candidate({ start: 40, distance: 40 });
    expect(chooseCandidate([near, alsoNear], shortQuote)).toMatchObject({ kind: "ambiguous", count: 2 });
  });

  it("does not let nearness decide between equals that are all far from the hint", () => {
    const a = candidate({ start: 10_000, distance: 10_000 });
    const b = candidate({ start: 50_000, distance: 50_000 });
    expect(a.distance).toBeGreaterThan(nearbyDistance);
    expect(chooseCandidate([a, b], shortQuote)).toMatchObject({ kind: "ambiguous", count: 2 });
  });
});

describe("isConclusive", () => {
  it("lets an intact match at the hint stand without a wider search", () => {
    expect(isConclusive(candidate({ distance: 3 }), 256)).toBe(true);
  });

  it("sends a match with edited context, or one near the window's edge, to the wider search", () => {
    expect(isConclusive(candidate({ distance: 3, prefixSimilarity: 0.6 }), 256)).toBe(false);
    expect(isConclusive(candidate({ distance: 200 }), 256)).toBe(false);
  });
});
