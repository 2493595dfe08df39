import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CodePointIndex, codePointLength } from "./text-offsets";

// Text a news article can hold and text it should not but might: ASCII,
// accents written as combining marks, curly quotes, astral characters
// (emoji, flags), joiners, and UTF-16 halves with no other half.
const unit = fc.oneof(
  fc.constantFrom("a", " ", "\n", "é", "e\u0301", "\u0301", "“", "”", "\u200d", "😀", "🇺🇸", "👨‍👩‍👧", "\u{10FFFF}"),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
  fc.string({ unit: "binary", maxLength: 1 }),
);
const text = fc.string({ unit, maxLength: 40 });

/** The slow and obvious reading: Array.from splits into code points, a lone surrogate counting as one. */
const codePoints = (value: string) => Array.from(value);

describe("CodePointIndex (properties)", () => {
  it("counts code points as Array.from does", () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(new CodePointIndex(value).length).toBe(codePoints(value).length);
        expect(codePointLength(value)).toBe(codePoints(value).length);
      }),
    );
  });

  it("round-trips every code point offset through UTF-16 and slices as Array.from does", () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (value, a, b) => {
        const index = new CodePointIndex(value);
        const points = codePoints(value);
        for (let offset = 0; offset <= index.length; offset++) {
          const utf16 = index.toUtf16(offset);
          expect(utf16).toBe(points.slice(0, offset).join("").length);
          expect(index.toCodePoint(utf16)).toBe(offset);
        }
        const start = a % (index.length + 1);
        const end = start + (b % (index.length - start + 1));
        expect(index.slice(start, end)).toBe(points.slice(start, end).join(""));
      }),
    );
  });

  it("maps every UTF-16 index to a code point offset that maps back to it, or just past the pair it splits", () => {
    fc.assert(
      fc.property(text, (value) => {
        const index = new CodePointIndex(value);
        for (let utf16 = 0; utf16 <= value.length; utf16++) {
          const back = index.toUtf16(index.toCodePoint(utf16));
          const insidePair = utf16 > 0 && utf16 < value.length && codePoints(value.slice(utf16 - 1, utf16 + 1)).length === 1;
          expect(back).toBe(insidePair ? utf16 + 1 : utf16);
        }
      }),
    );
  });
});
