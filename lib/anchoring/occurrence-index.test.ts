import { describe, expect, it } from "vitest";
import { OccurrenceIndex } from "./occurrence-index";

/** Every occurrence, the slow and obvious way. */
function naive(text: string, pattern: string): number[] {
  const found: number[] = [];
  for (let i = 0; i + pattern.length <= text.length; i++) if (text.startsWith(pattern, i)) found.push(i);
  return found;
}

const words = ["Bloomberg", "should", "retract", "the", "story", "Super", "Micro", "😀", "café", "AWS", "aaaa"];
// A deterministic, repetitive text of about 60,000 units.
const text = Array.from({ length: 9000 }, (_, i) => words[(i * 7 + (i >> 3)) % words.length]).join(" ");

const patterns = [
  "Bloomberg should",
  "story Super Micro",
  "the",
  "aaaa",
  "aa aaaa",
  "café AWS aaaa",
  "😀 café",
  "not in the text at all",
  text.slice(text.length - 20),
  text.slice(0, 12),
];

describe("OccurrenceIndex", () => {
  it("finds what a scan finds, before and after it builds its index", () => {
    const index = new OccurrenceIndex(text);
    // Enough rounds that later lookups go through the built index.
    for (let round = 0; round < 4; round++) {
      for (const pattern of patterns) expect(index.find(pattern), pattern).toEqual(naive(text, pattern));
    }
  });

  it("finds overlapping occurrences", () => {
    const index = new OccurrenceIndex("aaaaaaaaaaaa");
    for (let round = 0; round < 25; round++) expect(index.find("aaaaaaaaa")).toEqual([0, 1, 2, 3]);
  });

  it("finds nothing for an empty pattern or in an empty text", () => {
    expect(new OccurrenceIndex(text).find("")).toEqual([]);
    const empty = new OccurrenceIndex("");
    for (let round = 0; round < 25; round++) expect(empty.find("Bloomberg should")).toEqual([]);
  });
});
