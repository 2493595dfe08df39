/**
 * A claim's review, from its author's first tag to a published verdict.
 *
 *     draft ──submit──▶ in_review ──approve──▶ approved
 *       ▲                  │  ▲                   │
 *       └─request_changes──┘  └──────reopen───────┘
 *
 * `draft`: its author is working on it. `in_review`: submitted for a second
 * look; other reviewers give their own verdicts (`claim_verdicts`), blind to
 * the first. `approved`: published (the ClaimReview export holds only these).
 * `reopen` takes an approved claim back to `in_review` (editors only: e.g. a
 * published verdict to withdraw and look at again); it keeps the verdicts.
 * An approval holds for the version it was given on: a change of the tag,
 * note, claimant or evidence (PATCH), or a revision that moves the claim onto
 * changed words or orphans it, takes an approved claim back to `in_review`
 * by itself (the event of that change shows it), with its verdicts kept.
 *
 * The first verdict is the author's: the claim's tag (and note) when it is
 * first submitted, stored then; submitting again after changes were
 * requested keeps it, so that agreement measures the two first, independent
 * judgements.
 */
import type { Tag } from "./tags";

export const reviewStates = ["draft", "in_review", "approved"] as const;
export type ReviewState = (typeof reviewStates)[number];

export const reviewActions = ["submit", "approve", "request_changes", "reopen"] as const;
export type ReviewAction = (typeof reviewActions)[number];

/** From which state each action may be taken, and the state it leads to. */
export const reviewTransitions: Record<ReviewAction, { from: ReviewState; to: ReviewState }> = {
  submit: { from: "draft", to: "in_review" },
  approve: { from: "in_review", to: "approved" },
  request_changes: { from: "in_review", to: "draft" },
  reopen: { from: "approved", to: "in_review" },
};

/** The state names as people read them. */
export const reviewStateLabels: Record<ReviewState, string> = {
  draft: "draft",
  in_review: "in review",
  approved: "approved",
};

/** Why `action` cannot be taken from `state`, or null when it can. */
export function whyNotFrom(state: ReviewState, action: ReviewAction): string | null {
  const { from } = reviewTransitions[action];
  if (state === from) return null;
  return `The claim is ${reviewStateLabels[state]}: only a claim ${reviewStateLabels[from]} can be ${actionPast[action]}.`;
}

const actionPast: Record<ReviewAction, string> = {
  submit: "submitted for review",
  approve: "approved",
  request_changes: "sent back with changes requested",
  reopen: "reopened",
};

/** One person's verdict on a claim, as `GET /api/annotations/{id}/verdicts` lists it. */
export interface Verdict {
  id: string;
  annotationId: string;
  /** `first`: the author's (the claim's tag when first submitted); `second`: another reviewer's. */
  kind: "first" | "second";
  tag: Tag;
  note: string;
  by: string;
  /** The user's id; null for the first verdict of a claim recorded before accounts. */
  byId: string | null;
  at: string;
}

/** Whether verdicts differ: two or more, not all of one tag. */
export const verdictsDiffer = (verdicts: readonly Pick<Verdict, "tag">[]) => new Set(verdicts.map((verdict) => verdict.tag)).size > 1;

/**
 * What a review event says beside the claim before and after it
 * (`claim_events.detail`): the comment sent with a step, and, when an
 * editor approved, whether it was their own claim and whether they settled
 * verdicts that differ. A `verdict_given` event names no tag: the history is
 * open to every reader, and a reviewer who has not given theirs must not
 * read another's there.
 */
export interface ClaimEventDetail {
  comment?: string;
  /** An editor approved a claim they made themselves (only editors may). */
  ownClaim?: true;
  /** An editor settled verdicts that differ: the tag they chose (the claim's tag after it). */
  settledTag?: Tag;
}
