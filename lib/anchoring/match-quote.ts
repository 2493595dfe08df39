import approxSearch from "approx-string-match";
import {
  type Candidate,
  type Choice,
  type QuoteQuery,
  chooseCandidate,
  isConclusive,
  measureCandidate,
  minQuoteSimilarity,
  nearbyDistance,
  rankMargin,
  rankScore,
  topRank,
} from "./candidates";

/**
 * How far either side of the hint the exact quote is weighed first, and the
 * fuzzy search looks in a long text (normalized units): as far as nearness
 * to the hint counts. Wide enough for the drift of a claim whose neighbours
 * anchored, small enough that a fuzzy search costs well under a millisecond.
 */
export const searchRadius = nearbyDistance;

/** The first fuzzy search looks this far either side of the hint (normalized units). */
export const closeRadius = 256;

/**
 * Texts up to this length get a fuzzy search of the whole text (well under a
 * millisecond); longer ones only around the hint, so that thousands of
 * orphans in a long article cannot cost seconds. A paragraph that was both
 * moved far and reworded in a long article is therefore an orphan.
 */
export const wholeTextFuzzyLimit = 20_000;

/**
 * A quote that occurs more often than this (a word like "the") is weighed only
 * at the occurrences nearest the hint.
 */
export const maxExactCandidates = 256;

/**
 * approx-string-match returns only the matches with the fewest errors. When
 * those are in the wrong context they are blanked out and the search repeated,
 * this many times at most, so that a decoy cannot hide the real place.
 */
const fuzzySearchRounds = 3;

/** A normalized text, and every exact occurrence of a string in it (ascending). */
export interface SearchableText {
  readonly text: string;
  find(quote: string): number[];
}

/** Where the quote is found, or why not. */
export type QuoteMatch =
  | { found: true; method: "quote" | "fuzzy"; candidate: Candidate }
  | { found: false; reason: "not-found" | "context-mismatch" | "ambiguous"; count: number };

/**
 * Finds the quote in the text (both normalized): the exact quote, its
 * occurrences weighed by context and nearness to the hint; else a fuzzy
 * match around the hint (in the whole of a short text). A fuzzy match also
 * wins over an exact one that it clearly outranks: when a claim's words were
 * edited in place, an unedited copy of its sentence elsewhere is not the claim.
 */
export function matchQuote(searchable: SearchableText, query: QuoteQuery): QuoteMatch {
  const { text } = searchable;
  if (query.quote.length === 0) return { found: false, reason: "not-found", count: 0 };

  const occurrences = searchable.find(query.quote);
  const exact = weighOccurrences(text, query, occurrences);
  // Nothing can clearly outrank an exact match at the hint with its context
  // intact, the usual case, so the fuzzy search is skipped.
  if (exact.kind === "match" && rankScore(exact.candidate) >= topRank - rankMargin) {
    return { found: true, method: "quote", candidate: exact.candidate };
  }

  // Against an exact match, only words edited in place, close to the hint,
  // can stand; so the wider search is spent only when there is none.
  const fuzzy =
    exact.kind === "match" && query.hint !== null ? searchFuzzy(text, query, occurrences, closeRadius) : searchFuzzyAround(text, query, occurrences);
  const exactRank = exact.kind === "match" ? rankScore(exact.candidate) : exact.kind === "ambiguous" ? exact.rank : -1;
  if (fuzzy.kind === "match" && (exactRank < 0 || rankScore(fuzzy.candidate) > exactRank + rankMargin)) {
    return { found: true, method: "fuzzy", candidate: fuzzy.candidate };
  }
  if (exact.kind === "match") return { found: true, method: "quote", candidate: exact.candidate };
  if (exact.kind === "ambiguous") return { found: false, reason: "ambiguous", count: exact.count };
  if (fuzzy.kind === "ambiguous") return { found: false, reason: "ambiguous", count: fuzzy.count };
  const seen = occurrences.length + (fuzzy.kind === "unsupported" ? fuzzy.candidates.length : 0);
  return seen > 0 ? { found: false, reason: "context-mismatch", count: seen } : { found: false, reason: "not-found", count: 0 };
}

/**
 * Weighs the exact occurrences, those near the hint first: a conclusive
 * match among them spares measuring the context of every "AWS" in a long
 * article.
 */
function weighOccurrences(text: string, query: QuoteQuery, occurrences: number[]): Choice {
  const { hint } = query;
  if (hint !== null) {
    const near = weighExact(
      text,
      query,
      occurrences.filter((start) => Math.abs(start - hint) <= searchRadius),
    );
    if (near.kind === "match" && isConclusive(near.candidate, searchRadius)) return near;
  }
  return weighExact(text, query, nearest(occurrences, hint ?? 0, maxExactCandidates));
}

/**
 * Fuzzy search close to the hint first, where edited claims almost always
 * are and the search is cheapest, then within `searchRadius` (or the whole
 * of a short text).
 */
function searchFuzzyAround(text: string, query: QuoteQuery, occurrences: number[]): Choice {
  const short = text.length <= wholeTextFuzzyLimit;
  if (query.hint === null) return short ? searchFuzzy(text, query, occurrences, text.length) : { kind: "none" };
  const close = searchFuzzy(text, query, occurrences, closeRadius);
  if (close.kind === "match" && isConclusive(close.candidate, closeRadius)) return close;
  return searchFuzzy(text, query, occurrences, short ? text.length : searchRadius);
}

function weighExact(text: string, query: QuoteQuery, starts: number[]): Choice {
  const length = query.quote.length;
  return chooseCandidate(
    starts.map((start) => measureCandidate(text, query, start, start + length, 1)),
    length,
  );
}

function nearest(starts: number[], hint: number, limit: number): number[] {
  if (starts.length <= limit) return starts;
  return [...starts].sort((a, b) => Math.abs(a - hint) - Math.abs(b - hint)).slice(0, limit);
}

/**
 * Fuzzy search with approx-string-match for matches starting within
 * `radius` of the hint, allowing as many errors as `minQuoteSimilarity`
 * does. The exact occurrences, weighed on their own, are blanked: the library
 * reports only the matches with the fewest errors, and would report only them.
 */
function searchFuzzy(text: string, query: QuoteQuery, exactStarts: number[], radius: number): Choice {
  const { quote } = query;
  const maxErrors = Math.floor(quote.length * (1 - minQuoteSimilarity));
  if (maxErrors < 1) return { kind: "none" };

  const hint = query.hint ?? 0;
  const from = Math.max(0, hint - radius);
  const to = Math.min(text.length, hint + radius + quote.length + maxErrors);
  let window = text.slice(from, to);
  for (const start of exactStarts) window = blank(window, start - from, start - from + quote.length);

  let choice: Choice = { kind: "none" };
  for (let round = 0; round < fuzzySearchRounds; round++) {
    const matches = approxSearch(window, quote, maxErrors);
    if (matches.length === 0) return choice;
    const candidates = distinctPlaces(matches.map((m) => measureCandidate(text, query, from + m.start, from + m.end, 1 - m.errors / quote.length)));
    choice = chooseCandidate(candidates, quote.length);
    if (choice.kind !== "unsupported") return choice;
    for (const c of candidates) window = blank(window, c.start - from, c.end - from);
  }
  return choice;
}

/**
 * approx-string-match reports every end offset that reaches the lowest error
 * count, so one place can come back as several overlapping matches. Keeps the
 * best-ranked of each overlapping group, so one place is not mistaken for two
 * equally good ones.
 */
function distinctPlaces(candidates: Candidate[]): Candidate[] {
  const sorted = [...candidates].sort((a, b) => a.start - b.start);
  const places: Candidate[] = [];
  let groupEnd = -1;
  for (const c of sorted) {
    const last = places[places.length - 1];
    if (last && c.start < groupEnd) {
      if (rankScore(c) > rankScore(last)) places[places.length - 1] = c;
      groupEnd = Math.max(groupEnd, c.end);
    } else {
      places.push(c);
      groupEnd = c.end;
    }
  }
  return places;
}

/** Replaces [from, to) of `text` with a character no quote contains, keeping offsets. */
function blank(text: string, from: number, to: number): string {
  const a = Math.max(0, from);
  const b = Math.min(text.length, to);
  return a < b ? text.slice(0, a) + "\u0000".repeat(b - a) + text.slice(b) : text;
}
