/**
 * The closed set of changes a claim can go through, as the append-only
 * `claim_events` feed records them: one event per change, in the same
 * transaction as the change. The database enum, the history the audit will
 * show and the live feed all derive from this list.
 */
import type { Annotation } from "./annotation";

export const claimActions = [
  "created",
  /** A tag, note, claimant or evidence changed (PATCH). */
  "updated",
  "deleted",
  "restored",
  /** An orphan put on words a reviewer chose. */
  "reattached",
  /** A reviewer said the verdict still holds on the changed words (PATCH previousQuote: null). */
  "verdict_confirmed",
  "imported",
  /**
   * A published revision moved the claim (its offsets, words, the words
   * around it, or the words its verdict was given on changed) or made it an
   * orphan; a claim the revision left as it was gets no event.
   */
  "moved_by_revision",
  /**
   * Someone picked one version of a field two reviewers changed at once
   * (lib/claim-conflicts.ts): the conflict leaves the claim's open ones,
   * and the field holds the picked value.
   */
  "conflict_resolved",
] as const;

export type ClaimAction = (typeof claimActions)[number];

/**
 * A claim as an event records it before and after a change: its API shape,
 * and whether and by whom it was deleted. Events recorded before accounts
 * lack `createdById` and `updatedById`.
 */
export interface ClaimState extends Annotation {
  deletedAt: string | null;
  deletedBy: string | null;
}

/** One row of the feed, as read back. */
export interface ClaimEvent {
  /** Increasing: a later change has a larger id. */
  id: number;
  annotationId: string;
  documentId: string;
  action: ClaimAction;
  /** Who made the change: the name as shown, and the user's id (null before accounts). */
  actor: string;
  actorId: string | null;
  at: string;
  /** Null for a claim that did not exist before (created, imported). */
  before: ClaimState | null;
  after: ClaimState;
}
