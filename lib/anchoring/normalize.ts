/**
 * Text as the anchoring code compares it. An editor's revision often changes
 * how words are typed without changing the words: straight quotes become
 * curly, two spaces become one, a line break moves, an accent is re-encoded as
 * a letter plus a combining mark. Matching therefore runs on a normalized copy
 * of both texts, and every UTF-16 unit of the copy remembers the range of the
 * original it came from, so a match found in the copy can be reported in the
 * original text's own offsets.
 *
 * The normal form:
 * - Unicode NFC, so "é" typed either way is the same character;
 * - curly and low quotes and primes become ' and ";
 * - every run of whitespace becomes one space;
 * - invisible characters that only affect line breaking (soft hyphen, zero
 *   width space, word joiner, byte order mark) are dropped. The zero width
 *   joiner is kept: it holds emoji sequences together.
 */
export interface NormalizedText {
  /** The normalized text. */
  text: string;
  /** For each UTF-16 unit of `text`, where its source starts in the original (UTF-16). */
  starts: Uint32Array;
  /** For each UTF-16 unit of `text`, where its source ends in the original (UTF-16, exclusive). */
  ends: Uint32Array;
}

const singleQuotes = new Set([0x2018, 0x2019, 0x201a, 0x201b, 0x2032]);
const doubleQuotes = new Set([0x201c, 0x201d, 0x201e, 0x201f, 0x2033]);
const ignorable = new Set([0x00ad, 0x200b, 0x2060, 0xfeff]);

/** Whitespace as JavaScript's `\s` knows it, less U+FEFF, which is `ignorable` here. */
function isSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/** Normalizes `text` for matching and maps every unit of the result back to `text`. */
export function normalizeForMatching(text: string): NormalizedText {
  const composed = text.normalize("NFC");
  if (composed === text) return foldTypography(text);
  // Composition changes lengths, so fold the composed text and then route each
  // unit's source range through the composition's own map.
  const nfc = composeWithMap(text);
  const folded = foldTypography(nfc.text);
  const starts = new Uint32Array(folded.text.length);
  const ends = new Uint32Array(folded.text.length);
  for (let i = 0; i < folded.text.length; i++) {
    starts[i] = nfc.starts[folded.starts[i]];
    ends[i] = nfc.ends[folded.ends[i] - 1];
  }
  return { text: folded.text, starts, ends };
}

/** Characters `foldTypography` changes: whitespace other than a lone space, invisibles, curly quotes and primes. */
const needsFolding = /[^\S ]| {2}|[\u00ad\u200b\u2060\ufeff\u2018-\u201f\u2032\u2033]/;

/** The normalized form of a short string (a quote or its context), without the map. */
export function normalizeString(text: string): string {
  // Most quotes need nothing done; skipping the map saves most of the work
  // when thousands of claims are anchored at once.
  if (!needsFolding.test(text) && (/^[\x00-\x7f]*$/.test(text) || text.normalize("NFC") === text)) return text;
  return normalizeForMatching(text).text;
}

/**
 * The normalized offset where original UTF-16 offset `utf16` falls: the first
 * normalized unit whose source does not end before it.
 */
export function toNormalizedOffset(normalized: NormalizedText, utf16: number): number {
  const { ends } = normalized;
  let lo = 0;
  let hi = ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ends[mid] <= utf16) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The original UTF-16 range of the normalized range [start, end), which must not be empty. */
export function toOriginalRange(normalized: NormalizedText, start: number, end: number): { start: number; end: number } {
  return { start: normalized.starts[start], end: normalized.ends[end - 1] };
}

/** Quotes, whitespace and invisible characters; lengths change, so it keeps a map. */
function foldTypography(text: string): NormalizedText {
  const out: string[] = [];
  const starts = new Uint32Array(text.length);
  const ends = new Uint32Array(text.length);
  let n = 0;
  // Copying untouched stretches in one slice keeps this fast on long articles.
  let copyFrom = 0;
  const flush = (to: number) => {
    if (to > copyFrom) out.push(text.slice(copyFrom, to));
  };
  for (let i = 0; i < text.length;) {
    const code = text.charCodeAt(i);
    if ((code > 0x20 && code < 0xa0) || (code === 0x20 && !isSpace(text.charCodeAt(i + 1)))) {
      // Printable ASCII and single spaces, the bulk of any article: kept.
      starts[n] = i;
      ends[n++] = i + 1;
      i++;
    } else if (isSpace(code)) {
      flush(i);
      let j = i + 1;
      while (j < text.length && isSpace(text.charCodeAt(j))) j++;
      out.push(" ");
      starts[n] = i;
      ends[n++] = j;
      i = copyFrom = j;
    } else if (ignorable.has(code)) {
      flush(i);
      i = copyFrom = i + 1;
    } else if (singleQuotes.has(code) || doubleQuotes.has(code)) {
      flush(i);
      out.push(singleQuotes.has(code) ? "'" : '"');
      starts[n] = i;
      ends[n++] = i + 1;
      i = copyFrom = i + 1;
    } else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      // Both halves of a pair map to the whole pair, so no match can split it.
      starts[n] = starts[n + 1] = i;
      ends[n] = ends[n + 1] = i + 2;
      n += 2;
      i += 2;
    } else {
      starts[n] = i;
      ends[n++] = i + 1;
      i++;
    }
  }
  flush(text.length);
  return { text: out.join(""), starts: starts.slice(0, n), ends: ends.slice(0, n) };
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * NFC with a map. A starter and the combining marks after it compose only
 * with each other, so each such cluster is composed on its own and every unit
 * of its result maps to the whole cluster. (Conjoining Hangul jamo, which
 * compose across clusters, stay decomposed; both sides of a comparison go
 * through this same function, so they still agree.)
 */
function composeWithMap(text: string): NormalizedText {
  const parts: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  for (const match of text.matchAll(/\P{M}\p{M}*|\p{M}+/gsu)) {
    const from = match.index;
    const to = from + match[0].length;
    const composed = match[0].normalize("NFC");
    parts.push(composed);
    for (let k = 0; k < composed.length; k++) {
      starts.push(from);
      ends.push(to);
    }
  }
  return { text: parts.join(""), starts: Uint32Array.from(starts), ends: Uint32Array.from(ends) };
}
