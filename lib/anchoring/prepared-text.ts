import { trimRange } from "../selectors";
import { CodePointIndex } from "../text-offsets";
import { type NormalizedText, normalizeForMatching, toNormalizedOffset, toOriginalRange } from "./normalize";
import { OccurrenceIndex } from "./occurrence-index";

/**
 * A revision's text made ready for anchoring many claims: its code point
 * index, its normalized form and an index of the normalized text's exact
 * strings are built once and shared.
 */
export class PreparedText {
  readonly index: CodePointIndex;
  readonly normalized: NormalizedText;
  /** The normalized text, searchable for exact quotes. */
  readonly searchable: OccurrenceIndex;

  constructor(readonly text: string) {
    this.index = new CodePointIndex(text);
    this.normalized = normalizeForMatching(text);
    this.searchable = new OccurrenceIndex(this.normalized.text);
  }

  /** Length of the text in code points. */
  get length(): number {
    return this.index.length;
  }

  /** The normalized offset of a code point offset (clamped to the text). */
  toNormalized(codePoint: number): number {
    const clamped = Math.min(Math.max(0, codePoint), this.index.length);
    return toNormalizedOffset(this.normalized, this.index.toUtf16(clamped));
  }

  /**
   * The code point range of a non-empty normalized range, narrowed so it
   * neither starts nor ends with whitespace; null if only whitespace is left.
   */
  toCodePointRange(start: number, end: number): { start: number; end: number } | null {
    const utf16 = toOriginalRange(this.normalized, start, end);
    const index = this.index;
    return trimRange(index, index.toCodePoint(utf16.start), index.toCodePoint(utf16.end));
  }
}

/** Prepares `text` unless it already is. */
export function prepareText(text: string | PreparedText): PreparedText {
  return typeof text === "string" ? new PreparedText(text) : text;
}
