/**
 * The closed set of changes a claim can go through, as the append-only
 * `claim_events` feed records them: one event per change, in the same
 * transaction as the change. The database enum, the history the audit will
 * show and the live feed all derive from this list.
 */
import type { Annotation } from "./annotation";
import type { CommentState } from "./comments";
import type { ClaimEventDetail } from "./review";

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
  /** A comment was added to, edited in or deleted from the claim's thread (the event's `comment`; the claim's `commentCount`). */
  "comment_created",
  "comment_updated",
  "comment_deleted",
  /** Review steps (lib/review.ts), each with its comment in the event's `detail`. */
  "submitted",
  "approved",
  "changes_requested",
  "reopened",
  /** Someone gave their own verdict (which one is read from the verdicts, not the history). */
  "verdict_given",
  /** Someone read the claim's verdicts for the first time: who saw the others' verdicts, and when. */
  "verdicts_seen",
  /**
   * Someone picked one version of a field two reviewers changed at once
   * (lib/claim-conflicts.ts): the conflict leaves the claim's open ones,
   * and the field holds the picked value.
   */
  "conflict_resolved",
] as const;

/** The actions that are review steps, and what they record. */
export const reviewClaimActions = [
  "submitted",
  "approved",
  "changes_requested",
  "reopened",
  "verdict_given",
  "verdicts_seen",
] as const satisfies readonly ClaimAction[];

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
  /** The comment a `comment_*` event is about, after the change; absent (null) on the claim's own changes. */
  comment?: CommentState | null;
  /** A review step's comment and decision (lib/review.ts); null for other changes. */
  detail: ClaimEventDetail | null;
}
