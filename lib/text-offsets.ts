/**
 * Offsets in this project count Unicode code points, as the W3C
 * TextPositionSelector asks, while JavaScript strings index UTF-16 code units.
 * The two differ only after an astral character (most emoji), so a
 * `CodePointIndex` remembers where those are and converts either way in
 * O(log n) instead of rescanning the text.
 */
export class CodePointIndex {
  /** UTF-16 index of the high surrogate of every astral character, ascending. */
  private readonly astral: number[] = [];
  /** Length of the text in code points. */
  readonly length: number;

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          this.astral.push(i);
          i++;
        }
      }
    }
    this.length = text.length - this.astral.length;
  }

  /** Code point offset of a UTF-16 index. An index inside a pair counts as after it. */
  toCodePoint(utf16: number): number {
    // Pairs starting before utf16 - 1 lie wholly before the index and count
    // one unit too many each; a pair starting at utf16 - 1 has the index
    // inside it, which counts as after it, so it adds nothing to subtract.
    return utf16 - countBelow(this.astral, utf16 - 1);
  }

  /** UTF-16 index of a code point offset (0..length). */
  toUtf16(codePoint: number): number {
    // Each astral character before the target adds one extra code unit.
    let lo = 0;
    let hi = this.astral.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.astral[mid] - mid < codePoint) lo = mid + 1;
      else hi = mid;
    }
    return codePoint + lo;
  }

  /** The text between two code point offsets. */
  slice(start: number, end: number): string {
    return this.text.slice(this.toUtf16(start), this.toUtf16(end));
  }
}

/** How many entries of the ascending array are strictly below `value`. */
function countBelow(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Length of a string in code points. */
export function codePointLength(text: string): number {
  return new CodePointIndex(text).length;
}
