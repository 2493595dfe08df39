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

let previous = new Int32Array(maxContextLength + 1);
let current = new Int32Array(maxContextLength + 1);

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
 * variant. Both strings are at most a few dozen characters.
 */
function pinnedSimilarity(expected: string, actual: string, fromEnd: boolean): number {
  const m = expected.length;
  const n = actual.length;
  if (m === 0) return 1;
  if (fromEnd ? actual.endsWith(expected) : actual.startsWith(expected)) return 1;
  // Reading both strings from their pinned edge makes the two cases one.
  const expectedAt = (i: number) => expected.charCodeAt(fromEnd ? m - i : i - 1);
  const actualAt = (j: number) => actual.charCodeAt(fromEnd ? n - j : j - 1);

  for (let i = 0; i <= m; i++) previous[i] = i;
  let best = m;
  for (let j = 1; j <= n; j++) {
    current[0] = j;
    const c = actualAt(j);
    for (let i = 1; i <= m; i++) {
      const substitute = previous[i - 1] + (expectedAt(i) === c ? 0 : 1);
      current[i] = Math.min(substitute, previous[i] + 1, current[i - 1] + 1);
    }
    best = Math.min(best, current[m]);
    [previous, current] = [current, previous];
  }
  return 1 - best / m;
}
