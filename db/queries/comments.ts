import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Author } from "@/lib/author";
import type { Comment, CommentState } from "@/lib/comments";
import type { Provenance } from "@/lib/provenance";
import type { Database } from "../client";
import { type AnnotationRow, annotations, type CommentRow, commentMentions, comments, documents, users } from "../schema";

/** The API shape of a stored comment, with the people it mentions. */
export function toCommentState(row: CommentRow, mentions: Comment["mentions"]): CommentState {
  return {
    id: row.id,
    annotationId: row.annotationId,
    author: { id: row.authorId, name: row.author },
    body: row.body,
    mentions,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    deletedAt: row.deletedAt?.toISOString() ?? null,
    ...(row.provenance ? { provenance: row.provenance } : {}),
  };
}

/** Without `deletedAt`: a live comment as the API lists it. */
export function toComment(state: CommentState): Comment {
  const { deletedAt: _deleted, ...comment } = state;
  return comment;
}

/** The people mentioned by each of `commentIds`, by name. */
async function mentionsOf(db: Database, commentIds: readonly string[]): Promise<Map<string, Comment["mentions"]>> {
  const byComment = new Map<string, Comment["mentions"]>(commentIds.map((id) => [id, []]));
  if (commentIds.length === 0) return byComment;
  const rows = await db
    .select({ commentId: commentMentions.commentId, id: users.id, name: users.name })
    .from(commentMentions)
    .innerJoin(users, eq(users.id, commentMentions.userId))
    .where(inArray(commentMentions.commentId, [...commentIds]))
    .orderBy(asc(users.name), asc(users.id));
  for (const { commentId, id, name } of rows) byComment.get(commentId)?.push({ id, name });
  return byComment;
}

/** A comment as it is stored now, deleted or not, with its mentions. */
export async function readCommentState(db: Database, row: CommentRow): Promise<CommentState> {
  return toCommentState(row, (await mentionsOf(db, [row.id])).get(row.id) ?? []);
}

/** A claim's live comments, oldest first. */
export async function listComments(db: Database, annotationId: string): Promise<Comment[]> {
  const rows = await db
    .select()
    .from(comments)
    .where(and(eq(comments.annotationId, annotationId), isNull(comments.deletedAt)))
    .orderBy(asc(comments.createdAt), asc(comments.id));
  const mentions = await mentionsOf(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => toComment(toCommentState(row, mentions.get(row.id) ?? [])));
}

/** The live comments of many claims (an export), oldest first within each claim. */
export async function listCommentsOfClaims(db: Database, annotationIds: readonly string[]): Promise<Map<string, Comment[]>> {
  const byClaim = new Map<string, Comment[]>();
  // Chunked: an article may have thousands of claims, and a statement's parameters are bounded.
  for (let i = 0; i < annotationIds.length; i += 5_000) {
    const rows = await db
      .select()
      .from(comments)
      .where(and(inArray(comments.annotationId, annotationIds.slice(i, i + 5_000)), isNull(comments.deletedAt)))
      .orderBy(asc(comments.createdAt), asc(comments.id));
    const mentions = await mentionsOf(
      db,
      rows.map((row) => row.id),
    );
    for (const row of rows) {
      const list = byClaim.get(row.annotationId) ?? [];
      list.push(toComment(toCommentState(row, mentions.get(row.id) ?? [])));
      byClaim.set(row.annotationId, list);
    }
  }
  return byClaim;
}

export async function getComment(db: Database, id: string): Promise<CommentRow | undefined> {
  const [row] = await db.select().from(comments).where(eq(comments.id, id)).limit(1);
  return row;
}

/** Reads a comment and locks its row until `tx` ends. */
export async function lockComment(tx: Database, id: string): Promise<CommentRow | undefined> {
  const [row] = await tx.select().from(comments).where(eq(comments.id, id)).for("update");
  return row;
}

export interface NewComment {
  id?: string;
  annotationId: string;
  author: Author;
  body: string;
  mentionIds: readonly string[];
  /** When it was written (an import keeps the file's time); now when absent. */
  createdAt?: Date;
  /** For an imported comment, who wrote the original, in which tool and when. */
  provenance?: Provenance;
}

/** Stores a comment and whom it mentions. */
export async function insertComment(tx: Database, comment: NewComment): Promise<CommentRow> {
  const [row] = await tx
    .insert(comments)
    .values({
      ...(comment.id ? { id: comment.id } : {}),
      annotationId: comment.annotationId,
      author: comment.author.name,
      authorId: comment.author.id,
      body: comment.body,
      ...(comment.createdAt ? { createdAt: comment.createdAt, updatedAt: comment.createdAt } : {}),
      ...(comment.provenance ? { provenance: comment.provenance } : {}),
    })
    .returning();
  await setMentions(tx, row.id, comment.mentionIds);
  return row;
}

async function setMentions(tx: Database, commentId: string, userIds: readonly string[]): Promise<void> {
  await tx.delete(commentMentions).where(eq(commentMentions.commentId, commentId));
  if (userIds.length > 0) {
    await tx
      .insert(commentMentions)
      .values(userIds.map((userId) => ({ commentId, userId })))
      .onConflictDoNothing();
  }
}

/** New words for a comment, marked edited, and whom they now mention. */
export async function updateCommentBody(tx: Database, id: string, body: string, mentionIds: readonly string[]): Promise<CommentRow> {
  const [row] = await tx
    .update(comments)
    .set({ body, updatedAt: sql`now()`, editedAt: sql`now()` })
    .where(eq(comments.id, id))
    .returning();
  await setMentions(tx, id, mentionIds);
  return row;
}

/** Marks a comment deleted by `author` (the row stays, for the claim's history). */
export async function softDeleteComment(tx: Database, id: string, author: Author): Promise<CommentRow> {
  const [row] = await tx
    .update(comments)
    .set({ deletedAt: sql`now()`, deletedById: author.id, updatedAt: sql`now()` })
    .where(eq(comments.id, id))
    .returning();
  return row;
}

/**
 * Adds `delta` to a claim's comment count; returns the claim as it now is.
 * The claim's version and last change stay: a comment is no change to the
 * claim's verdict, and an editor's open form must not conflict because of it.
 */
export async function addToCommentCount(tx: Database, annotationId: string, delta: number): Promise<AnnotationRow> {
  const [row] = await tx
    .update(annotations)
    .set({ commentCount: sql`greatest(${annotations.commentCount} + ${delta}, 0)` })
    .where(eq(annotations.id, annotationId))
    .returning();
  return row;
}

/** The active people of the newsroom, by name: who a comment may mention. */
export async function listActivePeople(db: Database): Promise<{ id: string; name: string }[]> {
  return db.select({ id: users.id, name: users.name }).from(users).where(eq(users.active, true)).orderBy(asc(users.name), asc(users.id));
}

/** A live claim where someone was mentioned: the claim, the article, and the comment that named them. */
export interface MentionEntry {
  commentId: string;
  annotationId: string;
  quote: string;
  tag: string;
  document: { slug: string; title: string };
  /** Who mentioned them, and when. */
  by: { id: string | null; name: string };
  at: string;
  body: string;
}

/**
 * The live comments on live claims that mention `userId`, newest first
 * (at most `limit`); a comment deleted or edited to drop the name no longer
 * counts.
 */
export async function listMentionsOf(db: Database, userId: string, limit = 200): Promise<MentionEntry[]> {
  const rows = await db
    .select({
      commentId: comments.id,
      annotationId: annotations.id,
      quote: annotations.exact,
      tag: annotations.tag,
      slug: documents.slug,
      title: documents.title,
      authorId: comments.authorId,
      author: comments.author,
      createdAt: comments.createdAt,
      body: comments.body,
    })
    .from(commentMentions)
    .innerJoin(comments, eq(comments.id, commentMentions.commentId))
    .innerJoin(annotations, eq(annotations.id, comments.annotationId))
    .innerJoin(documents, eq(documents.id, annotations.documentId))
    .where(and(eq(commentMentions.userId, userId), isNull(comments.deletedAt), isNull(annotations.deletedAt)))
    .orderBy(desc(comments.createdAt), desc(comments.id))
    .limit(limit);
  return rows.map((row) => ({
    commentId: row.commentId,
    annotationId: row.annotationId,
    quote: row.quote,
    tag: row.tag,
    document: { slug: row.slug, title: row.title },
    by: { id: row.authorId, name: row.author },
    at: row.createdAt.toISOString(),
    body: row.body,
  }));
}
