/**
 * What the open claim's panel offers a person at each point of the claim's
 * review (lib/review.ts), and what it hides from them. The server's policy
 * alone decides; this mirrors it so that the panel shows only what may work,
 * and keeps a second reviewer blind: until they have given their own
 * verdict, the panel shows neither the author's tag nor their note.
 */
import type { ReviewState } from "@/lib/review";
import { atLeast, type Role } from "@/lib/roles";

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
 * on a claim in `state`, made by `createdById`, with its verdicts as read.
 */
export function reviewOffers(
  person: { id: string; role: Role } | null,
  claim: { reviewState?: ReviewState; createdById?: string | null },
  verdicts: VerdictsRead,
): ReviewOffers {
  if (!person || !atLeast(person.role, "reviewer")) return none;
  const state = claim.reviewState ?? "draft";
  const editor = atLeast(person.role, "editor");
  // A claim recorded before accounts is nobody's: no author to submit it but an editor.
  const author = claim.createdById === person.id;
  if (state === "draft") return { ...none, submit: author || (editor && !claim.createdById) };
  if (state === "approved") return { ...none, reopen: editor };
  // In review. Its author waits for others; anyone else gives their own verdict first, blind.
  if (author)
    return {
      ...none,
      approve: editor && verdicts.kind === "shown" && !verdicts.differ,
      settle: editor && verdicts.kind === "shown" && verdicts.differ,
    };
  if (verdicts.kind === "loading" || verdicts.kind === "hidden") return { ...none, blind: true, giveVerdict: verdicts.kind === "hidden" };
  const differ = verdicts.kind === "shown" && verdicts.differ;
  return {
    ...none,
    approve: !differ,
    settle: differ && editor,
    awaitEditor: differ && !editor,
    requestChanges: true,
  };
}
