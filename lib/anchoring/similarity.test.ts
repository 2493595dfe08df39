import { describe, expect, it } from "vitest";
import { prefixSimilarity, suffixSimilarity } from "./similarity";

/** The similarity of `stored` to the text right after the "|" in `text`. */
function suffixAt(text: string, stored: string): number {
  const at = text.indexOf("|");
  return suffixSimilarity(text.replace("|", ""), at, stored);
}

/** The similarity of `stored` to the text right before the "|" in `text`. */
function prefixAt(text: string, stored: string): number {
  const at = text.indexOf("|");
  return prefixSimilarity(text.replace("|", ""), at, stored);
}

describe("context similarity", () => {
  it("is 1 for intact context and 0 for none where some was expected", () => {
    expect(suffixAt("claim| told Buzzfeed on Friday", " told Buzzfeed on Friday")).toBe(1);
    expect(prefixAt("Apple CEO |Tim Cook", "Apple CEO ")).toBe(1);
    expect(suffixAt("claim|", " told Buzzfeed")).toBe(0);
  });

  it("costs one edit per changed character near the claim", () => {
    const stored = " told Buzzfeed on Friday that th"; // 32 units
    expect(suffixAt("claim| told BuzzFeed on Friday that th", stored)).toBeCloseTo(1 - 1 / 32);
    expect(suffixAt("claim|, told Buzzfeed on Friday that th", stored)).toBeCloseTo(1 - 1 / 32);
  });

  it("costs little for a change at the far end, where the stored context was only cut off", () => {
    const stored = "the scenario Bloomberg reported "; // 32 units
    expect(prefixAt("And the scenario Bloomberg reported |never happened", stored)).toBe(1);
    expect(prefixAt("so the scenario Bloomberg reported |never happened", stored)).toBeGreaterThanOrEqual(1 - 2 / 32);
  });

  it("scores the same words read a few characters off as different", () => {
    // Another "the" a word later in the same line: its context is the stored
    // context shifted by 8 characters, which a loose alignment would forgive.
    const text = "followed Apple's lead in calling the for |the retraction of Bloomberg";
    expect(prefixAt(text, "ollowed Apple's lead in calling ")).toBeCloseTo(0.75);
  });

  it("keeps a parallel sentence below the one-sided threshold", () => {
    // The claim "Apple" in "Apple CEO Tim Cook told Buzzfeed on Friday", deleted;
    // the bullet "Apple CEO Tim Cook, who told Buzzfeed last week" remains.
    const similarity = suffixAt("the lead of Apple| CEO Tim Cook, who told Buzzfeed", " CEO Tim Cook told Buzzfeed on F");
    expect(similarity).toBeGreaterThan(0.6);
    expect(similarity).toBeLessThan(0.9);
  });

  it("treats an empty stored context as the edge of the text", () => {
    expect(prefixSimilarity("Amazon cloud chief", 0, "")).toBe(1);
    expect(prefixSimilarity("UPDATE: Amazon cloud chief", 8, "")).toBe(0);
    expect(suffixSimilarity("in US", 5, "")).toBe(1);
    expect(suffixSimilarity("in US. Correction", 5, "")).toBe(0);
  });

  it("reads only the nearest 64 units of a long imported context", () => {
    const near = "x".repeat(64);
    expect(prefixAt(`${near}|claim`, `${"y".repeat(500)}${near}`)).toBe(1);
    expect(suffixAt(`claim|${near}`, `${near}${"y".repeat(500)}`)).toBe(1);
  });
});

describe("context similarity against a plain edit distance", () => {
  /** The fewest edits turning `expected` into some beginning of `actual`, the textbook way: a full table, nothing reused. */
  function pinnedEdits(expected: string, actual: string): number {
    const table = Array.from({ length: expected.length + 1 }, (_, i) =>
      Array.from({ length: actual.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
    );
    for (let i = 1; i <= expected.length; i++) {
      for (let j = 1; j <= actual.length; j++) {
        const substitute = table[i - 1][j - 1] + (expected[i - 1] === actual[j - 1] ? 0 : 1);
        table[i][j] = Math.min(substitute, table[i - 1][j] + 1, table[i][j - 1] + 1);
      }
    }
    return Math.min(...table[expected.length]);
  }

  const reverse = (s: string) => [...s].reverse().join("");
  // A small alphabet, so that strings share runs and edits, as neighbouring words do.
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const word = (length: number) => Array.from({ length }, () => "ab c"[Math.floor(random() * 4)]).join("");

  it("agrees on 2,000 random contexts, read from either side", () => {
    for (let run = 0; run < 2_000; run++) {
      const stored = word(1 + Math.floor(random() * 70));
      const text = word(Math.floor(random() * 90));
      const at = Math.floor(random() * (text.length + 1));
      const expected = stored.slice(0, 64);
      const after = text.slice(at, at + expected.length + 8);
      expect(suffixSimilarity(text, at, stored)).toBeCloseTo(1 - pinnedEdits(expected, after) / expected.length, 10);
      const last = stored.slice(-64);
      const before = text.slice(Math.max(0, at - last.length - 8), at);
      expect(prefixSimilarity(text, at, stored)).toBeCloseTo(1 - pinnedEdits(reverse(last), reverse(before)) / last.length, 10);
    }
  });
});
