import { CodePointIndex } from "./text-offsets";

/** How much context a TextQuoteSelector keeps on each side, in code points. */
export const quoteContextLength = 32;

/** W3C TextPositionSelector: code point offsets into the document's plain text, end exclusive. */
export interface TextPositionSelector {
  type: "TextPositionSelector";
  start: number;
  end: number;
}

/** W3C TextQuoteSelector: the quoted words and a little context either side. */
export interface TextQuoteSelector {
  type: "TextQuoteSelector";
  exact: string;
  prefix: string;
  suffix: string;
}

/** A claim's place in a text, as both selectors describe it. */
export interface TextAnchor {
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
}

/**
 * Describes the span [start, end) of `text` with both selectors. Callers must
 * have checked the range (see `checkRange`).
 */
export function describeRange(text: string | CodePointIndex, start: number, end: number): TextAnchor {
  const index = typeof text === "string" ? new CodePointIndex(text) : text;
  return {
    start,
    end,
    exact: index.slice(start, end),
    prefix: index.slice(Math.max(0, start - quoteContextLength), start),
    suffix: index.slice(end, Math.min(index.length, end + quoteContextLength)),
  };
}

/** Why a range cannot be a claim on a text of `length` code points, or null when it can. */
export function checkRange(length: number, start: number, end: number): string | null {
  if (!Number.isInteger(start) || !Number.isInteger(end)) return "start and end must be integers";
  if (start < 0 || end > length) return `start and end must lie within 0..${length}`;
  if (start >= end) return "start must be less than end";
  return null;
}

export function toPositionSelector(anchor: TextAnchor): TextPositionSelector {
  return { type: "TextPositionSelector", start: anchor.start, end: anchor.end };
}

export function toQuoteSelector(anchor: TextAnchor): TextQuoteSelector {
  return { type: "TextQuoteSelector", exact: anchor.exact, prefix: anchor.prefix, suffix: anchor.suffix };
}

/**
 * Narrows [start, end) so it neither starts nor ends with whitespace, as a
 * double-click or a sloppy drag often selects; null when nothing but
 * whitespace is left.
 */
export function trimRange(index: CodePointIndex, start: number, end: number): { start: number; end: number } | null {
  const text = index.text;
  let from = index.toUtf16(start);
  let to = index.toUtf16(end);
  while (from < to && /\s/.test(text[from])) from++;
  while (to > from && /\s/.test(text[to - 1])) to--;
  return from < to ? { start: index.toCodePoint(from), end: index.toCodePoint(to) } : null;
}
