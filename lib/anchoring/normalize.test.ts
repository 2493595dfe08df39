import { describe, expect, it } from "vitest";
import { normalizeForMatching, normalizeString, toNormalizedOffset, toOriginalRange } from "./normalize";

/** The original text behind a normalized range. */
function original(text: string, start: number, end: number): string {
  const range = toOriginalRange(normalizeForMatching(text), start, end);
  return text.slice(range.start, range.end);
}

describe("normalizeForMatching", () => {
  it("makes curly quotes, low quotes and primes straight, one for one", () => {
    const text = "“They offered no proof,” he said, ‘plainly’ „here‟ 5′ 6″";
    const normalized = normalizeForMatching(text);
    expect(normalized.text).toBe('"They offered no proof," he said, \'plainly\' "here" 5\' 6"');
    expect(Array.from(normalized.starts)).toEqual(Array.from(text, (_, i) => i));
  });

  it("collapses each run of whitespace, of any kind, to one space that maps to the whole run", () => {
    const text = "spy \t chips\n\nwere\u00a0embedded\u2003 here";
    const normalized = normalizeForMatching(text);
    expect(normalized.text).toBe("spy chips were embedded here");
    expect(original(text, 3, 4)).toBe(" \t ");
    expect(original(text, 0, 9)).toBe("spy \t chips");
    expect(original(text, 4, 14)).toBe("chips\n\nwere");
  });

  it("keeps single spaces as they are", () => {
    const text = "Bloomberg should retract.";
    expect(normalizeForMatching(text).text).toBe(text);
  });

  it("drops soft hyphens and zero-width spaces but keeps the joiner inside emoji", () => {
    const text = "re\u00adtraction\u200b of 👨‍👩‍👧 stories";
    const normalized = normalizeForMatching(text);
    expect(normalized.text).toBe("retraction of 👨‍👩‍👧 stories");
    expect(original(text, 0, 10)).toBe("re\u00adtraction");
  });

  it("composes accents typed as a letter and a combining mark", () => {
    const text = "Cafe\u0301 re\u0301sume\u0301 here";
    const normalized = normalizeForMatching(text);
    expect(normalized.text).toBe("Café résumé here");
    // "é" maps back to both of the units it came from.
    expect(original(text, 3, 4)).toBe("e\u0301");
    expect(original(text, 5, 11)).toBe("re\u0301sume\u0301");
  });

  it("never splits a surrogate pair when mapping back", () => {
    const text = "a 😀 b";
    const normalized = normalizeForMatching(text);
    // A range that ends on the high surrogate still covers the whole emoji.
    expect(original(text, 2, 3)).toBe("😀");
    expect(toOriginalRange(normalized, 3, 4)).toEqual({ start: 2, end: 4 });
  });
});

describe("toNormalizedOffset", () => {
  it("maps original offsets, including those inside a collapsed run and at the end", () => {
    const text = "ab   cd";
    const normalized = normalizeForMatching(text);
    expect(normalized.text).toBe("ab cd");
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((u) => toNormalizedOffset(normalized, u))).toEqual([0, 1, 2, 2, 2, 3, 4, 5]);
  });
});

describe("normalizeString", () => {
  it("agrees with normalizeForMatching, including on strings its shortcut skips", () => {
    const samples = [
      "plain ascii words",
      "two  spaces",
      " leading and trailing ",
      "tab\there",
      "“curly”",
      "Café",
      "Cafe\u0301",
      "emoji 😀 and 🇫🇷",
      "soft\u00adhyphen",
      "",
    ];
    for (const sample of samples) expect(normalizeString(sample)).toBe(normalizeForMatching(sample).text);
  });
});
