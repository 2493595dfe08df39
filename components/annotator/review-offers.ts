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
import type { Tag } from "@/lib/tags";
import { type Action, can, whyNotSeeVerdicts } from "@/server/policy";

/** The verdicts as the panel has read them: not yet, hidden (`403`: give yours first), or their tags. */
export type VerdictsRead = { kind: "loading" } | { kind: "hidden" } | { kind: "shown"; tags: readonly Tag[] } | { kind: "failed" };

/**
 * Why only an editor may approve a claim in review: its verdicts differ, or
 * they agree on a tag the claim no longer has (its author retagged it after
 * submitting it; server/claim-review.ts calls this an unsupported tag).
 */
export type EditorDecides = "verdicts_differ" | "tag_changed";

export interface ReviewOffers {
  /** Hide the author's tag, note and history: the person is to give their own verdict first. */
  blind: boolean;
  /** Offer the blind verdict form. */
  giveVerdict: boolean;
  submit: boolean;
  /** Approve in one click (the verdicts agree). */
  approve: boolean;
  /** Pick the final tag and say why, then approve (an editor decides; editors). */
  settle: boolean;
  /** An editor decides, and this person is not one. */
  awaitEditor: boolean;
  /** Why an editor decides the final tag; null when the verdicts back the claim's tag. */
  editorDecides: EditorDecides | null;
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
  editorDecides: null,
  requestChanges: false,
  reopen: false,
};

/**
 * What the panel offers `person` (null: nobody changes an earlier revision)
 * on a claim in `reviewState`, made by `createdById`, with its verdicts as read.
 */
export function reviewOffers(
  person: { id: string; role: Role } | null,
  claim: { id: string; tag: Tag; reviewState?: ReviewState; createdById?: string | null },
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
  const given = new Set(shown ? verdicts.tags : []);
  const editorDecides: EditorDecides | null = given.size > 1 ? "verdicts_differ" : given.size === 1 && !given.has(claim.tag) ? "tag_changed" : null;
  // Only an editor settles either (server/claim-review.ts, `approvalOf`).
  const settles = atLeast(person.role, "editor");
  return {
    ...none,
    approve: shown && !editorDecides && may("approve_claim"),
    settle: editorDecides !== null && settles && may("approve_claim"),
    awaitEditor: editorDecides !== null && !settles,
    editorDecides,
    requestChanges: may("request_changes"),
  };
}
