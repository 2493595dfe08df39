/**
 * How often two reviewers agree on a claim's tag: observed agreement and
 * Cohen's κ over pairs of verdicts, with the confusion table by tag.
 *
 * κ = (pₒ − pₑ) / (1 − pₑ), where pₒ is the share of pairs that agree and
 * pₑ the agreement expected by chance, Σ over tags of (the share of first
 * verdicts with the tag × the share of second verdicts with it). κ is null
 * when it is undefined: with no pairs, and when pₑ = 1 (both reviewers gave
 * one and the same tag to every claim, so chance explains everything and
 * there is nothing left to measure). Plain arithmetic on tags: no database.
 */
import { type Tag, tags } from "./tags";

/** Rows: the first verdict's tag; columns: the second's. */
export type Confusion = Record<Tag, Record<Tag, number>>;

export interface Agreement {
  /** How many pairs (claims with two verdicts compared). */
  claims: number;
  /** The share of pairs whose tags agree, 0 to 1; null with no pairs. */
  observed: number | null;
  /** Cohen's κ, −1 to 1; null when undefined (no pairs, or pₑ = 1). */
  kappa: number | null;
  confusion: Confusion;
}

const emptyConfusion = (): Confusion =>
  Object.fromEntries(tags.map((row) => [row, Object.fromEntries(tags.map((column) => [column, 0]))])) as Confusion;

/** Agreement over pairs of tags, `[first, second]` each. */
export function agreementOf(pairs: readonly (readonly [Tag, Tag])[]): Agreement {
  const confusion = emptyConfusion();
  for (const [first, second] of pairs) confusion[first][second] += 1;
  const n = pairs.length;
  if (n === 0) return { claims: 0, observed: null, kappa: null, confusion };
  const observed = tags.reduce((sum, tag) => sum + confusion[tag][tag], 0) / n;
  const firstShare = (tag: Tag) => tags.reduce((sum, column) => sum + confusion[tag][column], 0) / n;
  const secondShare = (tag: Tag) => tags.reduce((sum, row) => sum + confusion[row][tag], 0) / n;
  const expected = tags.reduce((sum, tag) => sum + firstShare(tag) * secondShare(tag), 0);
  // Compared with a margin: shares of n summed can miss 1 by a rounding error.
  const kappa = Math.abs(1 - expected) < 1e-12 ? null : (observed - expected) / (1 - expected);
  return { claims: n, observed, kappa, confusion };
}
