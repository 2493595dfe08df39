/**
 * The review of a claim (lib/review.ts): its steps (submit, approve,
 * request changes, reopen) and the verdicts given on it. Each step is one
 * transaction that locks the claim, asks the policy, checks the version and
 * the state, writes, and appends its `claim_events` row with its comment.
 */
import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { appendClaimEvents, toClaimState } from "@/db/queries/claim-events";
import { getAnnotation, lockAnnotation, notApproved, toAnnotation, updateAnnotationRow, type ReviewColumns } from "@/db/queries/annotations";
import { verdictColumns, getVerdictOf, hasSeenVerdicts, insertVerdict, listVerdicts } from "@/db/queries/verdicts";
import type { AnnotationRow } from "@/db/schema";
import type { Annotation } from "@/lib/annotation";
import { errorCode } from "@/lib/error-codes";
import { type ClaimEventDetail, reviewStateLabels, reviewTransitions, type Verdict, whyNotFrom } from "@/lib/review";
import type { ReviewInput, VerdictInput } from "@/lib/review-input";
import { atLeast } from "@/lib/roles";
import type { Actor } from "./actor";
import type { Action } from "./policy";
import { whyNotSeeVerdicts } from "./policy";
import { forbidden, notFound, type Outcome, Refusal, refuse } from "./refusal";

const policyAction: Record<ReviewInput["action"], Action> = {
  submit: "submit_claim",
  approve: "approve_claim",
  request_changes: "request_changes",
  reopen: "reopen_claim",
};

const deletedRefusal = (row: AnnotationRow) =>
  new Refusal("conflict", errorCode.deleted, `Deleted by ${row.deletedBy ?? "someone"} at ${row.deletedAt?.toISOString()}.`, {
    annotation: toClaimState(row),
  });

/**
 * Takes one review step on a claim, if `version` is still the stored one and
 * the claim's state allows it: `403` when the person may not (the policy's
 * reason), `409 review_state` naming the state when the claim is not where
 * the step starts, `409 version_conflict` with the claim when it changed.
 */
export async function reviewClaim(actor: Actor, id: string, input: ReviewInput): Promise<Outcome<Annotation>> {
  const db = await getDb();
  return db.transaction(async (tx): Promise<Outcome<Annotation>> => {
    const before = await lockAnnotation(tx, id);
    if (!before) return notFound("Claim");
    const refused = refuse(actor, policyAction[input.action], { kind: "claim", id, createdById: before.createdById });
    if (refused) return refused;
    if (before.deletedAt) return deletedRefusal(before);
    if (before.version !== input.version) {
      return new Refusal("conflict", errorCode.versionConflict, `The claim changed since version ${input.version}.`, {
        annotation: toAnnotation(before),
      });
    }
    const wrongState = whyNotFrom(before.reviewState, input.action);
    if (wrongState) return new Refusal("conflict", errorCode.reviewState, wrongState, { reviewState: before.reviewState });
    if (input.action === "approve" && before.status === "orphan") {
      return new Refusal(
        "conflict",
        errorCode.reviewState,
        "The claim is an orphan: its words are gone from the article; re-attach it before it is approved.",
        {
          reviewState: before.reviewState,
        },
      );
    }

    const detail: ClaimEventDetail = input.comment ? { comment: input.comment } : {};
    const columns: ReviewColumns = { reviewState: reviewTransitions[input.action].to };
    if (input.action === "approve") {
      const approval = await approvalOf(tx, actor, before, input);
      if (approval instanceof Refusal) return approval;
      Object.assign(columns, approval.columns);
      Object.assign(detail, approval.detail);
    } else {
      Object.assign(columns, notApproved);
    }
    if (input.action === "submit") {
      // The author's verdict is their tag when they first submit (lib/review.ts); a later submit keeps it.
      const author = { id: before.createdById, name: before.createdBy };
      await insertVerdict(tx, { annotationId: id, kind: "first", tag: before.tag, note: before.note, by: author });
      Object.assign(columns, verdictColumns(id));
    }
    const after = await updateAnnotationRow(tx, id, columns, actor);
    const action = ({ submit: "submitted", approve: "approved", request_changes: "changes_requested", reopen: "reopened" } as const)[input.action];
    await appendClaimEvents(tx, actor, [{ action, before, after, detail: Object.keys(detail).length > 0 ? detail : undefined }]);
    return toAnnotation(after);
  });
}

/**
 * What an approval writes, or why it is refused. A reviewer approves a
 * claim others made once they gave their own verdict, and only when the
 * verdicts agree and the tag stays; an editor may settle verdicts that
 * differ, or change the tag, and then says why (`comment`).
 */
async function approvalOf(
  tx: Awaited<ReturnType<typeof getDb>>,
  actor: Actor,
  claim: AnnotationRow,
  input: ReviewInput,
): Promise<Refusal | { columns: ReviewColumns; detail: ClaimEventDetail }> {
  const editor = atLeast(actor.role, "editor");
  const tag = input.tag ?? claim.tag;
  const retagged = tag !== claim.tag;
  // Read under the claim's lock, as verdicts are written. The tag published must be one the verdicts
  // gave: the author may have retagged their claim since they submitted it (their verdict stays).
  const verdicts = await listVerdicts(tx, claim.id);
  const unsupported = verdicts.length > 0 && !verdicts.some((verdict) => verdict.tag === tag);
  if (!editor) {
    if (retagged) return forbidden("Reviewers cannot change the tag as they approve: an editor settles a claim's final tag.");
    const own = verdicts.find((verdict) => verdict.byId === actor.id);
    if (!own) return new Refusal("conflict", errorCode.verdictNeeded, "Give your own verdict on this claim before you approve it.");
    if (claim.verdictsDiffer) {
      return new Refusal("conflict", errorCode.verdictsDiffer, "The verdicts on this claim differ: an editor decides its final tag.");
    }
    if (own.tag !== claim.tag) {
      return new Refusal(
        "conflict",
        errorCode.verdictsDiffer,
        `The claim is tagged ${claim.tag} now, and the verdicts say ${own.tag}: an editor decides its final tag.`,
      );
    }
  }
  const settles = claim.verdictsDiffer || retagged || unsupported;
  if (settles && !input.comment?.trim()) {
    const why = claim.verdictsDiffer
      ? "settling verdicts that differ"
      : retagged
        ? "changing the tag as you approve"
        : "approving a tag no verdict gave";
    return new Refusal("invalid", errorCode.commentRequired, `comment: say why, when ${why}.`);
  }
  const detail: ClaimEventDetail = {};
  if (claim.createdById !== null && claim.createdById === actor.id) detail.ownClaim = true;
  if (settles) detail.settledTag = tag;
  return {
    columns: { tag, approvedBy: actor.name, approvedById: actor.id, approvedAt: sql`now()` },
    detail,
  };
}

/**
 * A second verdict on a claim in review, by someone who did not make it:
 * one per person (`409 verdict_given` with theirs the second time).
 */
export async function giveVerdict(actor: Actor, id: string, input: VerdictInput): Promise<Outcome<{ verdict: Verdict; annotation: Annotation }>> {
  const db = await getDb();
  return db.transaction(async (tx): Promise<Outcome<{ verdict: Verdict; annotation: Annotation }>> => {
    const before = await lockAnnotation(tx, id);
    if (!before) return notFound("Claim");
    const refused = refuse(actor, "give_verdict", { kind: "claim", id, createdById: before.createdById });
    if (refused) return refused;
    if (before.deletedAt) return deletedRefusal(before);
    if (before.reviewState !== "in_review") {
      return new Refusal(
        "conflict",
        errorCode.reviewState,
        `The claim is ${reviewStateLabels[before.reviewState]}: verdicts are given on claims in review.`,
        { reviewState: before.reviewState },
      );
    }
    const verdict = await insertVerdict(tx, { annotationId: id, kind: "second", tag: input.tag, note: input.note ?? "", by: actor });
    if (!verdict) {
      const given = await getVerdictOf(tx, id, actor.id);
      return new Refusal("conflict", errorCode.verdictGiven, "You gave your verdict on this claim already.", { verdict: given });
    }
    const after = await updateAnnotationRow(tx, id, verdictColumns(id), actor);
    await appendClaimEvents(tx, actor, [{ action: "verdict_given", before, after }]);
    return { verdict, annotation: toAnnotation(after) };
  });
}

/**
 * A claim's verdicts, the author's first: `403` to a reviewer who has not
 * given theirs (see `whyNotSeeVerdicts`). The first time each person reads
 * them is recorded (`verdicts_seen`), so that the history shows who saw the
 * verdicts before giving their own.
 */
export async function listClaimVerdicts(actor: Actor, id: string): Promise<Outcome<Verdict[]>> {
  const refused = refuse(actor, "read", { kind: "claim", id });
  if (refused) return refused;
  const db = await getDb();
  const claim = await getAnnotation(db, id);
  if (!claim || claim.deletedAt) return notFound("Claim");
  const gaveVerdict = (await getVerdictOf(db, id, actor.id)) !== undefined;
  const hidden = whyNotSeeVerdicts(actor, { createdById: claim.createdById, gaveVerdict });
  if (hidden) return forbidden(hidden);
  const verdicts = await listVerdicts(db, id);
  if (verdicts.length > 0 && !(await hasSeenVerdicts(db, id, actor.id))) {
    await db.transaction(async (tx) => {
      const row = await lockAnnotation(tx, id);
      if (row && !(await hasSeenVerdicts(tx, id, actor.id)))
        await appendClaimEvents(tx, actor, [{ action: "verdicts_seen", before: row, after: row }]);
    });
  }
  return verdicts;
}
