import { prefixSimilarity, suffixSimilarity } from "./similarity";

/**
 * What is searched for. Quote and context are in the normal form of
 * `normalize.ts`; `hint` is the normalized offset where the quote is
 * expected, or null when nothing is known.
 */
export interface QuoteQuery {
  quote: string;
  prefix: string;
  suffix: string;
  hint: number | null;
  /**
   * The stored prefix is shorter than claims keep because the text began
   * there (and the suffix, because it ended): a place where the text goes on
   * beyond that context is less like the claim's.
   */
  prefixReachesStart?: boolean;
  suffixReachesEnd?: boolean;
}

/** A place in the normalized text where the quote may now be, with the evidence for it. */
export interface Candidate {
  start: number;
  end: number;
  /** 1 for the exact quote, down to `minQuoteSimilarity` for a fuzzy match. */
  quoteSimilarity: number;
  prefixSimilarity: number;
  suffixSimilarity: number;
  /** How far the candidate starts from the hint, in normalized units; 0 for all when there is no hint. */
  distance: number;
}

/** The outcome of weighing candidates. */
export type Choice =
  | { kind: "match"; candidate: Candidate }
  | { kind: "none" }
  | { kind: "unsupported"; candidates: Candidate[] }
  | { kind: "ambiguous"; count: number; rank: number };

/**
 * A quote that is similar but not this similar to the stored one is a
 * different claim: 0.8 lets a typo fix, a changed figure or an inserted word
 * through in a quote of a dozen characters or more, and refuses a rewrite.
 */
export const minQuoteSimilarity = 0.8;

/**
 * Context supports a candidate when one side is nearly intact (a moved
 * paragraph or an edit next to the claim keeps the other side) or when both
 * sides agree fairly well. Measured on the article in `content/`: the same
 * 1-4 word phrase found in another passage (1,108 pairs, literally repeated
 * lines left out) has a better side of 0.28 (median) and at most 0.84
 * ("Apple CEO Tim Cook, who told Buzzfeed" against "Apple CEO Tim Cook told
 * Buzzfeed"), and a mean of both sides of 0.25 and at most 0.64. The
 * thresholds sit above both, and still let a word change on each side.
 */
export const intactContextSimilarity = 0.9;
export const minContextSimilarity = 0.7;

/**
 * Two candidates whose ranks lie this close are not told apart by them
 * (about six edited characters in the 64 of context).
 */
export const rankMargin = 0.1;

/**
 * An exact quote this long (normalized UTF-16 units) is its own evidence: the
 * same 40 characters elsewhere are the same words, even with new context.
 */
export const distinctiveQuoteLength = 40;

/**
 * Where the claim was expected is evidence too. A candidate within this many
 * normalized units of the hint ranks up to `nearbyBonus` higher, the more the
 * nearer, so that a claim whose neighbouring words were edited stays put
 * rather than jump to a distant copy of its sentence whose context happens to
 * be intact (a pull quote, a repeated paragraph). A distant candidate still
 * wins when its context is clearly better, as a moved paragraph's is.
 */
export const nearbyDistance = 2048;
export const nearbyBonus = 0.15;

/**
 * Among candidates that rank alike the nearest to the hint wins only if it is
 * nearby and the next is at least twice as far plus this many units;
 * otherwise the choice is a guess and the claim is an orphan.
 */
export const proximitySlack = 32;

/** Measures a place in `text` (normalized) against the query. */
export function measureCandidate(text: string, query: QuoteQuery, start: number, end: number, quoteSimilarity: number): Candidate {
  const goesOnBefore = query.prefixReachesStart === true && start > query.prefix.length + contextEdgeSlack;
  const goesOnAfter = query.suffixReachesEnd === true && text.length - end > query.suffix.length + contextEdgeSlack;
  return {
    start,
    end,
    quoteSimilarity,
    prefixSimilarity: prefixSimilarity(text, start, query.prefix) * (goesOnBefore ? textGoesOnFactor : 1),
    suffixSimilarity: suffixSimilarity(text, end, query.suffix) * (goesOnAfter ? textGoesOnFactor : 1),
    distance: query.hint === null ? 0 : Math.abs(start - query.hint),
  };
}

/**
 * A context that ran into the start or end of the text, found where the text
 * goes on, counts this much: enough for the one copy of repeated words that
 * still ends the article (its last lines often repeat headlines above) to
 * outrank the others clearly (by more than `rankMargin`), not so little that
 * the claim is unsupported where the article has grown past it.
 */
export const textGoesOnFactor = 0.75;
/** Characters an edit near the text's edge may add beyond a cut context before it counts as going on. */
const contextEdgeSlack = 8;

/** Mean similarity of both sides of context. */
export function contextScore(candidate: Candidate): number {
  return (candidate.prefixSimilarity + candidate.suffixSimilarity) / 2;
}

/** The highest rank there is: intact context on both sides, right at the hint. */
export const topRank = 1 + nearbyBonus;

/** Context score plus the bonus for being near the hint: what candidates are ranked by. */
export function rankScore(candidate: Candidate): number {
  return contextScore(candidate) + nearbyBonus * Math.max(0, 1 - candidate.distance / nearbyDistance);
}

/**
 * Whether a match chosen among the candidates within `radius` of the hint can
 * stand without a wider search: no candidate farther off could outrank it
 * clearly, nor tie with it without being clearly farther.
 */
export function isConclusive(candidate: Candidate, radius: number): boolean {
  const bestRankOutside = topRank - nearbyBonus * Math.min(1, radius / nearbyDistance);
  return rankScore(candidate) >= bestRankOutside - rankMargin && 2 * candidate.distance + proximitySlack <= radius;
}

/** Whether the text around a candidate, or the quote's own length, makes it the claim's place. */
export function isSupported(candidate: Candidate, quoteLength: number): boolean {
  return (
    Math.max(candidate.prefixSimilarity, candidate.suffixSimilarity) >= intactContextSimilarity ||
    contextScore(candidate) >= minContextSimilarity ||
    (candidate.quoteSimilarity === 1 && quoteLength >= distinctiveQuoteLength)
  );
}

/**
 * A 0..1 summary of a candidate for display and sorting, with Hypothesis's
 * weights: the quote counts most, context next, nearness only breaks ties.
 */
export function candidateScore(candidate: Candidate, textLength: number): number {
  const proximity = 1 - Math.min(1, candidate.distance / Math.max(1, textLength));
  const raw = 50 * candidate.quoteSimilarity + 20 * candidate.prefixSimilarity + 20 * candidate.suffixSimilarity + 2 * proximity;
  return raw / 92;
}

/**
 * Picks the claim's place among candidates: only supported ones count; the
 * best rank (context, and nearness to the hint) wins when it wins clearly;
 * among equals the nearest wins when it is nearby and clearly nearest;
 * anything else is ambiguous.
 */
export function chooseCandidate(candidates: Candidate[], quoteLength: number): Choice {
  if (candidates.length === 0) return { kind: "none" };
  const supported = candidates.filter((c) => isSupported(c, quoteLength));
  if (supported.length === 0) return { kind: "unsupported", candidates };
  const top = Math.max(...supported.map(rankScore));
  const contenders = supported.filter((c) => rankScore(c) >= top - rankMargin).sort((a, b) => a.distance - b.distance);
  const [nearest, next] = contenders;
  if (!next) return { kind: "match", candidate: nearest };
  const clearlyNearest = nearest.distance <= nearbyDistance && next.distance >= 2 * nearest.distance + proximitySlack;
  return clearlyNearest ? { kind: "match", candidate: nearest } : { kind: "ambiguous", count: contenders.length, rank: top };
}
