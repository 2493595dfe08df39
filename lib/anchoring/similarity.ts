/**
 * How well the text right after `end` in `text` matches a stored suffix, from
 * 0 to 1. An empty suffix means the claim ended the text, which only a
 * candidate at the end of the text repeats; elsewhere it is no evidence.
 */
export function suffixSimilarity(text: string, end: number, suffix: string): number {
  if (suffix.length === 0) return end === text.length ? 1 : 0;
  const expected = suffix.slice(0, maxContextLength);
  return pinnedSimilarity(expected, text.slice(end, end + expected.length + slack), false);
}

/** How well the text right before `start` in `text` matches a stored prefix; see `suffixSimilarity`. */
export function prefixSimilarity(text: string, start: number, prefix: string): number {
  if (prefix.length === 0) return start === 0 ? 1 : 0;
  const expected = prefix.slice(-maxContextLength);
  return pinnedSimilarity(expected, text.slice(Math.max(0, start - expected.length - slack), start), true);
}

/**
 * Context beyond this many units is ignored. Claims made here keep 32 code
 * points; an imported selector may carry far more, and the comparison costs
 * the square of the length.
 */
const maxContextLength = 64;

/** How many more characters than the context to read, so insertions near its far end cost only themselves. */
const slack = 8;

/** The DP's two rows and `expected`'s code units in reading order from the pinned edge (a claim's anchoring compares thousands of contexts). */
const rowA = new Int32Array(maxContextLength + 1);
const rowB = new Int32Array(maxContextLength + 1);
const expectedCodes = new Int32Array(maxContextLength);

/**
 * One minus the fewest edits (insertions, deletions, substitutions) that turn
 * `expected` into some beginning of `actual` (some end, when `fromEnd`),
 * relative to the length of `expected`. The alignment is pinned at the edge of
 * the candidate and free at the far end, where the stored context was merely
 * cut off.
 *
 * approx-string-match, used for the quote, aligns its pattern anywhere in the
 * text; for context that scored the same sentence read a few characters off
 * (another "the" in the same line) at 0.8, so context gets this pinned
 * variant. Both strings are at most a few dozen characters; `expected` at
 * most `maxContextLength`.
 */
function pinnedSimilarity(expected: string, actual: string, fromEnd: boolean): number {
  const m = expected.length;
  const n = actual.length;
  if (m === 0) return 1;
  if (fromEnd ? actual.endsWith(expected) : actual.startsWith(expected)) return 1;
  // Both strings are read from their pinned edge, which makes the two cases one.
  for (let i = 0; i < m; i++) expectedCodes[i] = expected.charCodeAt(fromEnd ? m - 1 - i : i);

  let previous = rowA;
  let current = rowB;
  for (let i = 0; i <= m; i++) previous[i] = i;
  let best = m;
  for (let j = 1; j <= n; j++) {
    const c = actual.charCodeAt(fromEnd ? n - j : j - 1);
    // Row j of the edit distances: `diagonal` is row j-1 at i-1, `left` is row j at i-1.
    let diagonal = previous[0];
    let left = j;
    current[0] = j;
    for (let i = 1; i <= m; i++) {
      const above = previous[i];
      let cost = diagonal + (expectedCodes[i - 1] === c ? 0 : 1);
      if (above + 1 < cost) cost = above + 1;
      if (left + 1 < cost) cost = left + 1;
      current[i] = cost;
      left = cost;
      diagonal = above;
    }
    if (left < best) best = left;
    const done = previous;
    previous = current;
    current = done;
  }
  return 1 - best / m;
}
