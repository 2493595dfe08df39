import { describe, expect, it } from "vitest";
import { checkRange, describeRange, quoteContextLength, toPositionSelector, toQuoteSelector, trimRange } from "./selectors";
import { CodePointIndex } from "./text-offsets";

const sentence =
  "Apple CEO Tim Cook told Buzzfeed on Friday that the scenario Bloomberg reported never happened and that the story should be retracted.";

/** Offsets, in code points, of the first occurrence of `words` in `text`. */
function rangeOf(text: string, words: string): { start: number; end: number } {
  const at = text.indexOf(words);
  if (at < 0) throw new Error(`"${words}" is not in the text`);
  const start = Array.from(text.slice(0, at)).length;
  return { start, end: start + Array.from(words).length };
}

describe("describeRange", () => {
  it("quotes the exact words with 32 code points of context either side", () => {
    const { start, end } = rangeOf(sentence, "never happened");
    const anchor = describeRange(sentence, start, end);
    expect(quoteContextLength).toBe(32);
    expect(anchor).toEqual({
      start,
      end,
      exact: "never happened",
      prefix: "the scenario Bloomberg reported ",
      suffix: " and that the story should be re",
    });
    expect(anchor.prefix).toHaveLength(32);
    expect(anchor.suffix).toHaveLength(32);
    expect(sentence).toContain(anchor.prefix + anchor.exact + anchor.suffix);
  });

  it("has an empty prefix at the start of the text and a short one near it", () => {
    expect(describeRange(sentence, 0, 5)).toMatchObject({ exact: "Apple", prefix: "", suffix: sentence.slice(5, 37) });
    expect(describeRange(sentence, 6, 9)).toMatchObject({ exact: "CEO", prefix: "Apple " });
  });

  it("has an empty suffix at the end of the text and a short one near it", () => {
    const length = sentence.length;
    expect(describeRange(sentence, length - 10, length)).toMatchObject({ exact: "retracted.", suffix: "" });
    expect(describeRange(sentence, length - 10, length - 1)).toMatchObject({ exact: "retracted", suffix: "." });
  });

  it("counts the context in code points, so emoji context keeps 32 characters, not 32 UTF-16 units", () => {
    const emoji = "😀".repeat(40);
    const text = `${emoji}claim${emoji}`;
    const anchor = describeRange(text, 40, 45);
    expect(anchor.exact).toBe("claim");
    expect(anchor.prefix).toBe("😀".repeat(32));
    expect(anchor.suffix).toBe("😀".repeat(32));
    expect(anchor.prefix.length).toBe(64);
  });

  it("uses code point offsets for the quote when emoji come before it", () => {
    const text = "😀 🇺🇸 “Bloomberg should retract.”";
    const { start, end } = rangeOf(text, "Bloomberg");
    expect(start).toBe(6);
    const anchor = describeRange(text, start, end);
    expect(anchor.exact).toBe("Bloomberg");
    expect(anchor.prefix).toBe("😀 🇺🇸 “");
    expect(anchor.suffix).toBe(" should retract.”");
  });

  it("gives the same answer for a string and its CodePointIndex", () => {
    const text = "Café e\u0301 😀 “quoted” claim here, and more words after it";
    const { start, end } = rangeOf(text, "claim here");
    expect(describeRange(new CodePointIndex(text), start, end)).toEqual(describeRange(text, start, end));
  });

  it("converts to W3C selectors", () => {
    const anchor = describeRange(sentence, 6, 9);
    expect(toPositionSelector(anchor)).toEqual({ type: "TextPositionSelector", start: 6, end: 9 });
    expect(toQuoteSelector(anchor)).toEqual({ type: "TextQuoteSelector", exact: "CEO", prefix: "Apple ", suffix: sentence.slice(9, 41) });
  });
});

describe("checkRange", () => {
  it("accepts a non-empty range inside the text, including one ending at its end", () => {
    expect(checkRange(10, 0, 1)).toBeNull();
    expect(checkRange(10, 0, 10)).toBeNull();
    expect(checkRange(10, 9, 10)).toBeNull();
  });

  it("refuses offsets that are not integers", () => {
    expect(checkRange(10, 1.5, 3)).toBe("start and end must be integers");
    expect(checkRange(10, 1, Number.NaN)).toBe("start and end must be integers");
    expect(checkRange(10, 1, Number.POSITIVE_INFINITY)).toBe("start and end must be integers");
  });

  it("refuses a range that leaves the text", () => {
    expect(checkRange(10, -1, 3)).toBe("start and end must lie within 0..10");
    expect(checkRange(10, 3, 11)).toBe("start and end must lie within 0..10");
  });

  it("refuses an empty or reversed range", () => {
    expect(checkRange(10, 4, 4)).toBe("start must be less than end");
    expect(checkRange(10, 5, 4)).toBe("start must be less than end");
    expect(checkRange(0, 0, 0)).toBe("start must be less than end");
  });
});

describe("trimRange", () => {
  const trim = (text: string, start: number, end: number) => trimRange(new CodePointIndex(text), start, end);

  it("drops spaces, tabs and newlines on both ends", () => {
    const text = "one  \t two\n three";
    expect(trim(text, 3, 12)).toEqual({ start: 7, end: 10 });
    expect(new CodePointIndex(text).slice(7, 10)).toBe("two");
  });

  it("keeps whitespace inside the range", () => {
    expect(trim("a b c", 0, 5)).toEqual({ start: 0, end: 5 });
  });

  it("leaves a range without surrounding whitespace as it is", () => {
    expect(trim("claim", 1, 4)).toEqual({ start: 1, end: 4 });
  });

  it("treats a no-break space as whitespace", () => {
    expect(trim("a\u00a0word\u00a0b", 1, 7)).toEqual({ start: 2, end: 6 });
  });

  it("is null when only whitespace is selected, or nothing", () => {
    expect(trim("a \n\t b", 1, 5)).toBeNull();
    expect(trim("abc", 2, 2)).toBeNull();
  });

  it("returns code point offsets when emoji come before or inside the range", () => {
    const text = "😀😀 😀 claim 😀 ";
    // Code points: 😀 😀 ␠ 😀 ␠ c l a i m ␠ 😀 ␠
    expect(trim(text, 2, 13)).toEqual({ start: 3, end: 12 });
    expect(new CodePointIndex(text).slice(3, 12)).toBe("😀 claim 😀");
  });

  it("does not treat combining accents or curly quotes as whitespace", () => {
    const text = " “e\u0301” ";
    expect(trim(text, 0, 6)).toEqual({ start: 1, end: 5 });
  });
});
