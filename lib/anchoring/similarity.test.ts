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
