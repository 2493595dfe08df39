/**
 * What the open claim's panel offers a person at each point of the claim's
 * review (lib/review.ts), and what it hides from them. The server's policy
 * alone decides: this asks the same rules (server/policy.ts) so that the
 * panel shows only what may work, and keeps a second reviewer blind: until
 * they have given their own verdict, the panel shows neither the author's
 * tag nor their note.
 */
import type { ReviewState } from "@/lib/review";
import { atLeast, type Role } from "@/lib/roles";
import { type Action, can, whyNotSeeVerdicts } from "@/server/policy";

/** The verdicts as the panel has read them: not yet, hidden (`403`: give yours first), or the list. */
export type VerdictsRead = { kind: "loading" } | { kind: "hidden" } | { kind: "shown"; differ: boolean } | { kind: "failed" };

export interface ReviewOffers {
  /** Hide the author's tag, note and history: the person is to give their own verdict first. */
  blind: boolean;
  /** Offer the blind verdict form. */
  giveVerdict: boolean;
  submit: boolean;
  /** Approve in one click (the verdicts agree). */
  approve: boolean;
  /** Pick the final tag and say why, then approve (the verdicts differ; editors). */
  settle: boolean;
  /** The verdicts differ and the person cannot settle them: an editor decides. */
  awaitEditor: boolean;
  requestChanges: boolean;
  reopen: boolean;
}

const none: ReviewOffers = {
  blind: false,
  giveVerdict: false,
  submit: false,
  approve: false,
  settle: false,
  awaitEditor: false,
  requestChanges: false,
  reopen: false,
};

/**
 * What the panel offers `person` (null: nobody changes an earlier revision)
 * on a claim in `reviewState`, made by `createdById`, with its verdicts as read.
 */
export function reviewOffers(
  person: { id: string; role: Role } | null,
  claim: { id: string; reviewState?: ReviewState; createdById?: string | null },
  verdicts: VerdictsRead,
): ReviewOffers {
  if (!person) return none;
  const may = (action: Action) => can(person, action, { kind: "claim", id: claim.id, createdById: claim.createdById });
  const state = claim.reviewState ?? "draft";
  if (state === "draft") return { ...none, submit: may("submit_claim") };
  if (state === "approved") return { ...none, reopen: may("reopen_claim") };
  // In review. Whoever must give their own verdict before reading the others' sees neither tag nor note meanwhile.
  const mustGiveFirst = whyNotSeeVerdicts(person, { createdById: claim.createdById ?? null, gaveVerdict: false }) !== null;
  if (verdicts.kind === "hidden" || (verdicts.kind === "loading" && mustGiveFirst)) {
    return { ...none, blind: true, giveVerdict: verdicts.kind === "hidden" && may("give_verdict") };
  }
  const shown = verdicts.kind === "shown";
  const differ = shown && verdicts.differ;
  // Only an editor settles differing verdicts (server/claim-review.ts, `approvalOf`).
  const settles = atLeast(person.role, "editor");
  return {
    ...none,
    approve: shown && !differ && may("approve_claim"),
    settle: differ && settles && may("approve_claim"),
    awaitEditor: differ && !settles,
    requestChanges: may("request_changes"),
  };
}
