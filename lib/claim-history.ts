/**
 * A claim's history as `GET /api/annotations/{id}/history` gives it: one
 * list, oldest first, of two kinds of entry. A `change` is one row of the
 * append-only `claim_events` feed (created, updated, deleted, …, with the
 * claim before and after). A `placement` is where the claim stood on one
 * revision of its article (`annotation_anchors`: made there, imported,
 * re-attached, or placed by the revision's re-anchoring), the entries this
 * route listed before changes were kept, with the same fields.
 *
 * A change and the placement it made (a claim created, moved by a revision,
 * re-attached) have the same time; the change comes first.
 */
import type { ClaimEvent } from "./claim-events";
import type { HistoryMethod } from "./history-methods";

/** Where the claim stood on one revision, who put it there (or published the revision) and when. */
export interface PlacementEntry {
  kind: "placement";
  revision: number;
  status: "anchored" | "orphan";
  start: number;
  end: number;
  exact: string;
  method: HistoryMethod;
  /** How sure a fuzzy placing or an import was, 0 to 1; null when it was not guessed. */
  score: number | null;
  actor: string;
  /** The user's id; null for what was recorded before accounts. */
  actorId: string | null;
  at: string;
}

/** One change to the claim: what it was before (null for a new claim) and after, who made it and when. */
export interface ChangeEntry extends Omit<ClaimEvent, "annotationId" | "documentId"> {
  kind: "change";
}

export type HistoryEntry = ChangeEntry | PlacementEntry;

const kindOrder = { change: 0, placement: 1 } as const;

/**
 * Changes (in the feed's order) and placements (by revision) as one list,
 * oldest first; at the same time, changes before placements. The sort is
 * stable, so entries of one kind at the same time keep their order.
 */
export function mergeHistory(changes: readonly ChangeEntry[], placements: readonly PlacementEntry[]): HistoryEntry[] {
  return [...changes, ...placements].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || kindOrder[a.kind] - kindOrder[b.kind]);
}
