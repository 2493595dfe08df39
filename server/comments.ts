/**
 * The use cases on a claim's discussion. Each change is one transaction:
 * the comment, whom it mentions, the claim's `commentCount`, and one
 * `claim_events` row (`comment_created`, `comment_updated`,
 * `comment_deleted`, carrying the comment), so the thread goes through the
 * live feed and the claim's history like any other change.
 */
import "server-only";
import type { Database } from "@/db/client";
import { getDb } from "@/db/client";
import { getAnnotation, lockAnnotation } from "@/db/queries/annotations";
import { appendClaimEvents } from "@/db/queries/claim-events";
import {
  addToCommentCount,
  getComment,
  insertComment,
  listActivePeople,
  listComments,
  lockComment,
  readCommentState,
  softDeleteComment,
  toComment,
  updateCommentBody,
} from "@/db/queries/comments";
import type { Author } from "@/lib/author";
import type { Comment } from "@/lib/comments";
import { findMentions } from "@/lib/mentions";
import type { Actor } from "./actor";
import { canForAnyone } from "./policy";
import { notFound, type Outcome, refuse } from "./refusal";

/** A claim's live comments, oldest first; a deleted claim's thread is not found, as the claim is not. */
export async function listClaimComments(actor: Actor, claimId: string): Promise<Outcome<Comment[]>> {
  const refused = refuse(actor, "read", { kind: "claim", id: claimId });
  if (refused) return refused;
  const db = await getDb();
  const claim = await getAnnotation(db, claimId);
  if (!claim || claim.deletedAt) return notFound("Claim");
  return listComments(db, claimId);
}

/** The people of the newsroom who may be mentioned: every active account, by name. */
export async function listPeopleToMention(actor: Actor): Promise<Outcome<{ id: string; name: string }[]>> {
  const refused = refuse(actor, "read", { kind: "article" });
  if (refused) return refused;
  return listActivePeople(await getDb());
}

/** The ids of the active people `body` mentions (lib/mentions.ts). */
async function mentionedIn(db: Database, body: string): Promise<string[]> {
  return body.includes("@") ? findMentions(body, await listActivePeople(db)) : [];
}

/**
 * Adds a comment to a claim's thread, by `author`, in the caller's
 * transaction: the claim's count goes up and its event is appended. The
 * claim must be locked and live. Used by the API and by an import.
 */
export async function addComment(
  tx: Database,
  author: Author,
  comment: { annotationId: string; body: string; mentionIds: readonly string[]; createdAt?: Date },
  at?: Date,
): Promise<Comment> {
  const before = await lockAnnotation(tx, comment.annotationId);
  if (!before) throw new Error(`no claim ${comment.annotationId}`);
  const row = await insertComment(tx, { ...comment, author });
  const after = await addToCommentCount(tx, comment.annotationId, 1);
  const state = await readCommentState(tx, row);
  await appendClaimEvents(tx, author, [{ action: "comment_created", before, after, comment: state }], at);
  return toComment(state);
}

/** Comments on a live claim; who may is the policy's `comment` (reviewers and up). */
export async function createComment(actor: Actor, claimId: string, body: string): Promise<Outcome<Comment>> {
  const refused = refuse(actor, "comment", { kind: "claim", id: claimId });
  if (refused) return refused;
  const db = await getDb();
  const mentionIds = await mentionedIn(db, body);
  return db.transaction(async (tx): Promise<Outcome<Comment>> => {
    const claim = await lockAnnotation(tx, claimId);
    if (!claim || claim.deletedAt) return notFound("Claim");
    return addComment(tx, actor, { annotationId: claimId, body, mentionIds });
  });
}

/** The comment, if it and its claim are live, with the policy's answer for `actor` on it. */
async function refuseOnComment(actor: Actor, action: "edit_comment" | "delete_comment", id: string) {
  const comment = await getComment(await getDb(), id);
  if (!comment || comment.deletedAt) return notFound("Comment");
  if (canForAnyone(actor.role, action)) return null;
  return refuse(actor, action, { kind: "comment", id, createdById: comment.authorId });
}

/** New words for one's own comment (no role changes another's words); mentions are found again. */
export async function editComment(actor: Actor, id: string, body: string): Promise<Outcome<Comment>> {
  const refused = await refuseOnComment(actor, "edit_comment", id);
  if (refused) return refused;
  const db = await getDb();
  const mentionIds = await mentionedIn(db, body);
  return db.transaction(async (tx): Promise<Outcome<Comment>> => {
    const current = await lockComment(tx, id);
    if (!current || current.deletedAt) return notFound("Comment");
    const claim = await lockAnnotation(tx, current.annotationId);
    if (!claim || claim.deletedAt) return notFound("Comment");
    const row = await updateCommentBody(tx, id, body, mentionIds);
    const state = await readCommentState(tx, row);
    await appendClaimEvents(tx, actor, [{ action: "comment_updated", before: claim, after: claim, comment: state }]);
    return toComment(state);
  });
}

/** Deletes a comment: its author, or an editor or admin; the claim's count goes down. */
export async function deleteComment(actor: Actor, id: string): Promise<Outcome<void>> {
  const refused = await refuseOnComment(actor, "delete_comment", id);
  if (refused) return refused;
  const db = await getDb();
  return db.transaction(async (tx): Promise<Outcome<void>> => {
    const current = await lockComment(tx, id);
    if (!current || current.deletedAt) return notFound("Comment");
    const before = await lockAnnotation(tx, current.annotationId);
    if (!before || before.deletedAt) return notFound("Comment");
    const row = await softDeleteComment(tx, id, actor);
    const after = await addToCommentCount(tx, current.annotationId, -1);
    // Its words leave with it: the event (kept, and sent live) says who deleted whose comment, not what it said.
    const deleted = { ...(await readCommentState(tx, row)), body: "" };
    await appendClaimEvents(tx, actor, [{ action: "comment_deleted", before, after, comment: deleted }]);
  });
}
