/**
 * Re-anchoring claims on a revised text
 *
 * A claim is stored as the W3C TextPositionSelector and TextQuoteSelector of
 * the revision it was made on (`StoredAnchor`): code point offsets, end
 * exclusive, plus the quoted words and up to 32 code points of context on
 * each side. Once the article is revised the offsets are only a guess and the
 * quote is the truth, so anchoring looks for where the quoted words are now,
 * or reports that they are gone.
 *
 * It tries, cheapest and surest first:
 * 1. position: the text at the old offsets is still the quote (quote style
 *    and whitespace aside) and the context there agrees;
 * 2. quote: the exact quote elsewhere. Each occurrence is ranked by how well
 *    the stored prefix and suffix match around it, plus a little for being
 *    near the hint, where the claim is expected: its old offset, or in
 *    `anchorAll` its old offset moved by the shift found for the claims before
 *    it. The best wins if it wins clearly; among equals the nearest wins if it
 *    is nearby and clearly nearest; otherwise the claim is an orphan;
 * 3. fuzzy: an approximate match of the quote (approx-string-match), at least
 *    80% alike and with its context agreeing, searched close to the hint,
 *    then in a window around it (the whole text when the text is short). It
 *    also beats an exact match that it clearly outranks, so that a claim
 *    whose words were edited in place does not jump to an unedited copy of
 *    its sentence elsewhere;
 * 4. orphan, with a reason. A wrong place is worse than none: a claim shown
 *    on the wrong words misleads the reader, while an orphan is listed for a
 *    reviewer to place again. Similar words in another context do not count,
 *    and neither do the same words in a passage that says something else.
 *
 * A claim made on whole words stays on whole words: when the words found run
 * on into a longer word ("proof" now in "no proofs"), the claim takes in the
 * rest of it, so its quote shows the change and the reviewer is asked to
 * check the verdict, instead of marking part of a word.
 *
 * Matching runs on normalized copies of both texts (`normalize.ts`: curly
 * quotes, whitespace runs, composed accents), and every result is mapped back
 * to code point offsets in the new text exactly as given. The thresholds,
 * and why they are what they are, sit in `candidates.ts` and `match-quote.ts`.
 */
import { type TextAnchor, checkRange, quoteContextLength } from "../selectors";
import { codePointLength } from "../text-offsets";
import { type QuoteQuery, candidateScore, isSupported, measureCandidate, nearbyDistance } from "./candidates";
import { matchQuote } from "./match-quote";
import { normalizeString } from "./normalize";
import type { AnchorMethod, OrphanReason } from "./methods";
import { type PreparedText, prepareText } from "./prepared-text";

/** A claim's place in the revision it was made on: old offsets and quote selector, in code points. */
export type StoredAnchor = TextAnchor;

export { type AnchorMethod, anchorMethods, type OrphanReason, orphanReasons } from "./methods";

/** Where a claim is in the new text, in code points (end exclusive), or why it is nowhere. */
export type AnchorResult =
  | { status: "anchored"; start: number; end: number; method: AnchorMethod; score: number }
  | { status: "orphan"; reason: OrphanReason; message: string };

export interface AnchorOptions {
  /**
   * Code point offset in the new text where the claim is expected; the old
   * start by default. Null when nothing is known (a selector without
   * offsets): then nearness decides nothing, and in a long text only the
   * exact quote is looked for.
   */
  hint?: number | null;
}

/**
 * Finds a stored claim in a new revision's plain text. Pass a `PreparedText`
 * when anchoring several claims one by one on the same text; for a whole
 * article's claims use `anchorAll`.
 */
export function anchor(text: string | PreparedText, stored: StoredAnchor, options: AnchorOptions = {}): AnchorResult {
  const hint = options.hint === undefined ? (hasRange(stored) ? stored.start : null) : options.hint;
  return anchorPrepared(prepareText(text), stored, hint);
}

/**
 * Anchors every claim of a revision at once, results in the order given. The
 * text is prepared once, and claims are visited in their old order so that
 * each one's hint carries the shift found for the claims before it: after an
 * insertion early in the article, the later claims are looked for where they
 * moved to rather than where they were.
 */
export function anchorAll(text: string | PreparedText, stored: readonly StoredAnchor[]): AnchorResult[] {
  const prepared = prepareText(text);
  const results: AnchorResult[] = new Array(stored.length);
  const order = stored.map((_, i) => i).sort((a, b) => stored[a].start - stored[b].start);
  const shift = new ShiftTracker();
  for (const i of order) {
    const claim = stored[i];
    const result = anchorPrepared(prepared, claim, hasRange(claim) ? claim.start + shift.current : null);
    if (result.status === "anchored" && hasRange(claim)) shift.observe(claim, result.start - claim.start);
    results[i] = result;
  }
  return results;
}

/**
 * The shift of the text around the claims visited so far. One claim found
 * far from where the shift predicts may be a moved paragraph (or a copy of
 * its words elsewhere) and must not send the hints of the claims after it
 * astray; a second claim, past the first one's words, agreeing with it is a
 * real shift, such as a long insertion, and is adopted.
 */
class ShiftTracker {
  current = 0;
  private pending: { shift: number; after: number } | null = null;

  observe(claim: StoredAnchor, shift: number): void {
    const confirms = this.pending !== null && claim.start >= this.pending.after && Math.abs(shift - this.pending.shift) <= nearbyDistance;
    if (Math.abs(shift - this.current) <= nearbyDistance || confirms) {
      this.current = shift;
      this.pending = null;
    } else if (this.pending === null || claim.start >= this.pending.after) {
      this.pending = { shift, after: claim.end };
    }
  }
}

/** Whether the stored offsets describe a range at all (an import may carry none: 0..0). */
function hasRange(stored: StoredAnchor): boolean {
  return Number.isInteger(stored.start) && stored.start >= 0 && stored.start < stored.end;
}

function anchorPrepared(prepared: PreparedText, stored: StoredAnchor, hint: number | null): AnchorResult {
  const quote = normalizeString(stored.exact);
  if (quote.trim() === "") return orphan("empty-quote", 0);
  const query: QuoteQuery = {
    quote,
    prefix: normalizeString(stored.prefix),
    suffix: normalizeString(stored.suffix),
    hint: hint === null ? null : prepared.toNormalized(hint),
    prefixReachesStart:
      stored.prefix !== "" && codePointLength(stored.prefix) < quoteContextLength && stored.start === codePointLength(stored.prefix),
    suffixReachesEnd: stored.suffix !== "" && codePointLength(stored.suffix) < quoteContextLength,
  };

  const atPosition = matchAtPosition(prepared, stored, query);
  if (atPosition) return toWholeWords(prepared, stored, atPosition);
  // Where the edits before it moved it: after an insertion early in the
  // article, most claims sit exactly `shift` further on. Checked with the same
  // context test, this spares the search below for nearly every claim.
  if (hint !== null && hint !== stored.start) {
    const shifted = matchAtPosition(prepared, { ...stored, start: hint, end: hint + stored.end - stored.start }, query);
    if (shifted) return toWholeWords(prepared, stored, { ...shifted, method: "quote" });
  }

  const match = matchQuote(prepared.searchable, query);
  if (!match.found) return orphan(match.reason, match.count);
  const range = prepared.toCodePointRange(match.candidate.start, match.candidate.end);
  if (!range) return orphan("not-found", 0);
  const score = candidateScore(match.candidate, prepared.normalized.text.length);
  return toWholeWords(prepared, stored, { status: "anchored", ...range, method: match.method, score });
}

type Anchored = Extract<AnchorResult, { status: "anchored" }>;

const wordCharacter = /^[\p{L}\p{N}\p{M}]$/u;
/** How far a claim may grow to take in the rest of a word. */
const maxRunOn = 32;

/**
 * Widens a found range to whole words where the claim had whole words: its
 * stored context says a word boundary was there (a claim with no context,
 * as an import may bring, is left as found).
 */
function toWholeWords(prepared: PreparedText, stored: StoredAnchor, found: Anchored): Anchored {
  const { index } = prepared;
  const isWord = (character: string | undefined) => character !== undefined && wordCharacter.test(character);
  const at = (offset: number) => (offset >= 0 && offset < index.length ? index.slice(offset, offset + 1) : undefined);
  const quote = [...stored.exact];
  const startedWord = isWord(quote[0]) && (stored.prefix === "" ? stored.start === 0 : !isWord([...stored.prefix].at(-1)));
  const endedWord = isWord(quote.at(-1)) && stored.suffix !== "" && !isWord([...stored.suffix][0]);
  let { start, end } = found;
  if (startedWord) while (found.start - start < maxRunOn && isWord(at(start - 1))) start--;
  if (endedWord) while (end - found.end < maxRunOn && isWord(at(end))) end++;
  return start === found.start && end === found.end ? found : { ...found, start, end };
}

/** Step 1: the old offsets, if the quote is still there and its context agrees. */
function matchAtPosition(prepared: PreparedText, stored: StoredAnchor, query: QuoteQuery): Anchored | null {
  const { start, end } = stored;
  if (checkRange(prepared.length, start, end) !== null) return null;
  const actual = prepared.index.slice(start, end);
  if (actual !== stored.exact && normalizeString(actual) !== query.quote) return null;
  // The very words and context, where they were: the claim, whatever the
  // normalized copy makes of them (a quote that starts on a combining
  // accent, as "\u0301 e" in "e\u0301 e", has no place of its own there).
  if (actual === stored.exact && sameContextAt(prepared, stored)) return { status: "anchored", start, end, method: "position", score: 1 };
  // The same short words can land on the old offsets by chance after an edit
  // before them; context tells that apart, and the later steps weigh all
  // occurrences when it disagrees.
  const normalizedStart = prepared.toNormalized(start);
  const normalizedEnd = prepared.toNormalized(end);
  const text = prepared.normalized.text;
  const candidate = measureCandidate(text, query, normalizedStart, normalizedEnd, 1);
  if (!isSupported(candidate, query.quote.length)) return null;
  return { status: "anchored", start, end, method: "position", score: candidateScore(candidate, text.length) };
}

function sameContextAt({ index }: PreparedText, { start, end, prefix, suffix }: StoredAnchor): boolean {
  const before = codePointLength(prefix);
  const after = codePointLength(suffix);
  return start >= before && index.slice(start - before, start) === prefix && index.slice(end, Math.min(index.length, end + after)) === suffix;
}

const orphanMessages: Record<OrphanReason, (count: number) => string> = {
  "empty-quote": () => "The claim has no quoted words to look for.",
  "not-found": () => "The quoted words, or words close to them, are not in the text.",
  "context-mismatch": (count) =>
    `The quoted words appear only in other passages (${count} ${count === 1 ? "place" : "places"}), not where the claim was.`,
  ambiguous: (count) => `The quoted words appear in ${count} places that their context cannot tell apart.`,
};

function orphan(reason: OrphanReason, count: number): AnchorResult {
  return { status: "orphan", reason, message: orphanMessages[reason](count) };
}
