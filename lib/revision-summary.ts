/**
 * What publishing a revision did to the claims a reviewer must look at again:
 * the claims it placed on words that changed (a fuzzy match, with the words
 * before and after) and the claims it made orphans. A claim only moved, its
 * words the same, is left out: its verdict still reads as it did.
 */

/** A claim's place before or after a revision, as much as the summary reads of it. */
export interface ClaimPlace {
  quote: string;
  start: number;
  status: "anchored" | "orphan";
}

/** One claim the revision moved or orphaned. */
export interface ClaimMove {
  id: string;
  before: ClaimPlace;
  after: ClaimPlace;
}

/** A claim placed on changed words: the words its verdict was given on (`before`) and the words now (`after`). */
export interface ChangedWords {
  id: string;
  before: string;
  after: string;
}

/** A claim the revision could not place, with the words it had. */
export interface MadeOrphan {
  id: string;
  quote: string;
}

export interface RevisionSummary {
  changedWords: ChangedWords[];
  orphans: MadeOrphan[];
}

/** The summary of a revision's moves, in the order of the new text (an orphan at its last place). */
export function summariseClaimMoves(moves: readonly ClaimMove[]): RevisionSummary {
  const ordered = [...moves].sort((a, b) => a.after.start - b.after.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    changedWords: ordered
      .filter(({ after, before }) => after.status === "anchored" && after.quote !== before.quote)
      .map(({ id, before, after }) => ({ id, before: before.quote, after: after.quote })),
    orphans: ordered
      .filter(({ after, before }) => after.status === "orphan" && before.status === "anchored")
      .map(({ id, before }) => ({ id, quote: before.quote })),
  };
}
