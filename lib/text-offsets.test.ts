import { describe, expect, it } from "vitest";
import { CodePointIndex, codePointLength } from "./text-offsets";

// Reference conversions, written the slow and obvious way: Array.from splits a
// string into code points (a lone surrogate counts as one).
const codePoints = (text: string) => Array.from(text);
function referenceUtf16(text: string, codePoint: number): number {
  return codePoints(text).slice(0, codePoint).join("").length;
}

const samples = {
  ascii: "Bloomberg should retract.",
  emoji: "Jassy 😀 wrote 😀😀 twice",
  // Regional indicator pairs: one flag on screen, two astral code points.
  flags: "Flags 🇺🇸 and 🇨🇳 here",
  // Man, ZWJ, woman, ZWJ, girl: one glyph, five code points, eight UTF-16 units.
  zwj: "family 👨‍👩‍👧 end",
  precomposed: "Café résumé",
  combining: "Cafe\u0301 re\u0301sume\u0301",
  curlyQuotes: "“They offered no proof,” he said, ‘plainly’.",
  mixed: "“Café” 😀 e\u0301 🇫🇷 👨‍👩‍👧 ‘ok’",
};

describe("CodePointIndex length", () => {
  it("equals the UTF-16 length for text without astral characters", () => {
    for (const text of [samples.ascii, samples.precomposed, samples.combining, samples.curlyQuotes]) {
      expect(new CodePointIndex(text).length).toBe(text.length);
    }
  });

  it("counts an emoji as one code point although it takes two UTF-16 units", () => {
    const index = new CodePointIndex("😀");
    expect("😀".length).toBe(2);
    expect(index.length).toBe(1);
  });

  it("counts a flag as its two regional indicators", () => {
    expect("🇺🇸".length).toBe(4);
    expect(codePointLength("🇺🇸")).toBe(2);
  });

  it("counts a ZWJ sequence as each emoji plus each joiner", () => {
    expect("👨‍👩‍👧".length).toBe(8);
    expect(codePointLength("👨‍👩‍👧")).toBe(5);
  });

  it("counts a precomposed é as one code point and e + combining accent as two", () => {
    expect(codePointLength("é")).toBe(1);
    expect(codePointLength("e\u0301")).toBe(2);
  });

  it("counts curly quotes as one code point each", () => {
    expect(codePointLength("“ ” ‘ ’")).toBe(7);
  });

  it("agrees with Array.from on every sample", () => {
    for (const text of Object.values(samples)) expect(codePointLength(text), text).toBe(codePoints(text).length);
  });

  it("counts a lone surrogate as one code point, as Array.from does", () => {
    for (const text of ["\uD83D", "a\uDE00b", "\uD83Dx", "x\uD83D"]) {
      expect(codePointLength(text), JSON.stringify(text)).toBe(codePoints(text).length);
    }
  });

  it("is zero for the empty text", () => {
    const index = new CodePointIndex("");
    expect(index.length).toBe(0);
    expect(index.toUtf16(0)).toBe(0);
    expect(index.toCodePoint(0)).toBe(0);
    expect(index.slice(0, 0)).toBe("");
  });
});

describe("CodePointIndex conversions", () => {
  it("shifts UTF-16 indexes by one after each emoji", () => {
    const index = new CodePointIndex("a😀b😀c");
    expect([0, 1, 2, 3, 4, 5].map((cp) => index.toUtf16(cp))).toEqual([0, 1, 3, 4, 6, 7]);
    expect([0, 1, 3, 4, 6, 7].map((u) => index.toCodePoint(u))).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("converts every code point offset to the same UTF-16 index as the reference", () => {
    for (const text of Object.values(samples)) {
      const index = new CodePointIndex(text);
      for (let cp = 0; cp <= index.length; cp++) expect(index.toUtf16(cp), `${text} @${cp}`).toBe(referenceUtf16(text, cp));
    }
  });

  it("round-trips every code point offset through UTF-16", () => {
    for (const text of Object.values(samples)) {
      const index = new CodePointIndex(text);
      for (let cp = 0; cp <= index.length; cp++) expect(index.toCodePoint(index.toUtf16(cp)), `${text} @${cp}`).toBe(cp);
    }
  });

  it("round-trips every UTF-16 index that is not inside a surrogate pair", () => {
    for (const text of Object.values(samples)) {
      const index = new CodePointIndex(text);
      const boundaries = new Set(Array.from({ length: index.length + 1 }, (_, cp) => referenceUtf16(text, cp)));
      for (let u = 0; u <= text.length; u++) {
        if (boundaries.has(u)) expect(index.toUtf16(index.toCodePoint(u)), `${text} @${u}`).toBe(u);
      }
    }
  });

  it("counts a UTF-16 index inside a surrogate pair as after the pair, as documented", () => {
    // "a😀b": index 2 falls between the emoji's high and low surrogate.
    const index = new CodePointIndex("a😀b");
    expect(index.toCodePoint(2)).toBe(2);
  });

  it("treats the high surrogate at the very end of the text as a character of its own", () => {
    const index = new CodePointIndex("ab\uD83D");
    expect(index.length).toBe(3);
    expect(index.toUtf16(3)).toBe(3);
    expect(index.toCodePoint(3)).toBe(3);
  });
});

describe("CodePointIndex.slice", () => {
  it("slices by code points, never splitting an emoji", () => {
    const index = new CodePointIndex("a😀b😀c");
    expect(index.slice(1, 2)).toBe("😀");
    expect(index.slice(2, 4)).toBe("b😀");
    expect(index.slice(0, 5)).toBe("a😀b😀c");
  });

  it("equals the code-point slice of every sample for every range", () => {
    for (const text of Object.values(samples)) {
      const index = new CodePointIndex(text);
      const points = codePoints(text);
      for (let start = 0; start <= points.length; start++) {
        for (let end = start; end <= points.length; end++) {
          expect(index.slice(start, end), `${text} [${start}, ${end})`).toBe(points.slice(start, end).join(""));
        }
      }
    }
  });

  it("can cut between a base letter and its combining accent, since each is a code point", () => {
    const index = new CodePointIndex("Cafe\u0301");
    expect(index.slice(0, 4)).toBe("Cafe");
    expect(index.slice(4, 5)).toBe("\u0301");
  });

  it("keeps curly quotes whole", () => {
    const index = new CodePointIndex(samples.curlyQuotes);
    expect(index.slice(0, 1)).toBe("“");
    expect(index.slice(1, 5)).toBe("They");
  });
});
