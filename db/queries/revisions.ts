import { type SQL, and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import type { Annotation } from "@/lib/annotation";
import type { Placement } from "@/lib/anchoring/place-claims";
import type { ArticleBlock } from "@/lib/article";
import type { Author } from "@/lib/author";
import type { PlacementEntry } from "@/lib/claim-history";
import type { Database } from "../client";
import type { ClaimMove, ClaimPlace } from "@/lib/revision-summary";
import {
  annotationAnchors,
  annotations,
  claimEvents,
  type AnnotationRow,
  type DocumentRevisionRow,
  type DocumentRow,
  documentRevisions,
  documents,
} from "../schema";
import { toAnnotation } from "./annotations";

/**
 * Locks an article's row for update until the transaction `tx` ends, and
 * reads it: two revisions published at once get consecutive numbers, and a
 * claim being made (which share-locks the row) waits for the revision, or it
 * for the claim.
 */
export async function lockDocumentForUpdate(tx: Database, documentId: string): Promise<DocumentRow> {
  const [document] = await tx.select().from(documents).where(eq(documents.id, documentId)).for("update");
  return document;
}

/** Stores revision `number` of an article (with the client's id, if sent) and makes it the article's text. */
export async function insertRevision(
  tx: Database,
  values: { id?: string; documentId: string; number: number; text: string; blocks: ArticleBlock[]; publishedBy: Author },
): Promise<DocumentRevisionRow> {
  const { id, publishedBy, ...rest } = values;
  const [revision] = await tx
    .insert(documentRevisions)
    .values({ ...(id ? { id } : {}), ...rest, publishedBy: publishedBy.name, publishedById: publishedBy.id })
    .returning();
  await tx.update(documents).set({ text: rest.text, blocks: rest.blocks, revision: rest.number }).where(eq(documents.id, rest.documentId));
  return revision;
}

/** The live (not deleted) claims of an article, whole rows, by id. */
export async function listLiveAnnotationRows(db: Database, documentId: string): Promise<AnnotationRow[]> {
  return db
    .select()
    .from(annotations)
    .where(and(eq(annotations.documentId, documentId), isNull(annotations.deletedAt)))
    .orderBy(asc(annotations.id));
}

/**
 * Writes where each claim goes on revision `number` (`placements[i]` for
 * `claims[i]`): a claim found again gets its new offsets and quote (and the
 * words its verdict was given on, when they changed under it); one that was
 * not becomes an orphan, keeping its last ones. Each claim's place is added
 * to its history (`annotation_anchors`). Returns the claims after.
 */
export async function writePlacements(
  tx: Database,
  documentId: string,
  number: number,
  claims: readonly AnnotationRow[],
  placements: readonly Placement[],
  publishedBy: Author,
  publishedAt: Date,
): Promise<AnnotationRow[]> {
  const updates = placements.map((placement, i) => ({ claim: claims[i], ...placement }));
  // Each write is one statement with its rows in one JSON parameter: as
  // separate parameters, 5,000 claims cost Drizzle ~250 ms to build.
  const placed = updates
    .filter((u) => u.status === "anchored")
    .map((u) => ({
      id: u.claim.id,
      s: u.anchor.start,
      e: u.anchor.end,
      exact: u.anchor.exact,
      prefix: u.anchor.prefix,
      suffix: u.anchor.suffix,
      // Words that changed under the claim (a fuzzy match) are kept for the reviewer to check the verdict.
      was: u.anchor.exact === u.claim.exact ? null : u.claim.exact,
    }));
  if (placed.length > 0) {
    await tx.execute(sql`
      update ${annotations} as a set
        start_offset = v.s, end_offset = v.e, exact = v.exact, prefix = v.prefix, suffix = v.suffix,
        -- The words the verdict was given on stay until a reviewer checks it,
        -- through later revisions; words changed back to them need no check.
        previous_quote = nullif(coalesce(a.previous_quote, v.was), v.exact),
        status = 'anchored', anchored_revision = ${number},
        -- An approval holds for the words it was given on: new words take the claim back to review.
        ${withdrawApproval(sql`v.exact <> a.exact`)}
      from json_to_recordset(${JSON.stringify(placed)}::json) as v(id uuid, s int, e int, exact text, prefix text, suffix text, was text)
      where a.id = v.id`);
  }
  const lost = updates.filter((u) => u.status === "orphan").map((u) => u.claim.id);
  if (lost.length > 0) {
    await tx.execute(sql`
      update ${annotations} as a set status = 'orphan', ${withdrawApproval(sql`true`)}
      where id in (select json_array_elements_text(${JSON.stringify(lost)}::json)::uuid)`);
  }
  const history = updates.map((u) => ({
    id: u.claim.id,
    status: u.status,
    s: u.anchor.start,
    e: u.anchor.end,
    exact: u.anchor.exact,
    method: u.method,
    score: u.score,
  }));
  if (history.length > 0) {
    await tx.execute(sql`
      insert into ${annotationAnchors} (annotation_id, revision, status, start_offset, end_offset, exact, method, score, actor, actor_id, at)
      select v.id, ${number}, v.status::anchor_status, v.s, v.e, v.exact, v.method, v.score, ${publishedBy.name}, ${publishedBy.id}::text,
        ${publishedAt.toISOString()}::timestamptz
      from json_to_recordset(${JSON.stringify(history)}::json) as v(id uuid, status text, s int, e int, exact text, method text, score real)`);
  }
  return listLiveAnnotationRows(tx, documentId);
}

/**
 * The review columns of a claim (aliased `a`) that a revision moved: an
 * approved one goes back to review, without its approval, when `changed`.
 */
function withdrawApproval(changed: SQL) {
  const when = sql`a.review_state = 'approved' and ${changed}`;
  return sql`review_state = case when ${when} then 'in_review'::review_state else a.review_state end,
        approved_by = case when ${when} then null else a.approved_by end,
        approved_by_id = case when ${when} then null else a.approved_by_id end,
        approved_at = case when ${when} then null else a.approved_at end`;
}

/** The revisions of an article, newest first, without their texts. */
export async function listRevisions(db: Database, documentId: string) {
  const rows = await db
    .select({
      number: documentRevisions.number,
      publishedBy: documentRevisions.publishedBy,
      publishedById: documentRevisions.publishedById,
      publishedAt: documentRevisions.publishedAt,
      // What publishing it did to the claims, read from its events (they last; a re-attach rewrites its placements).
      claims: sql<{ changedWords: number; orphaned: number }>`(
        select json_build_object(
          'changedWords', count(*) filter (where e.after->>'status' = 'anchored' and e.after->>'quote' <> e.before->>'quote'),
          'orphaned', count(*) filter (where e.after->>'status' = 'orphan' and e.before->>'status' = 'anchored'))
        from ${claimEvents} e
        where ${revisionMoves(sql`e`)})`,
    })
    .from(documentRevisions)
    .where(eq(documentRevisions.documentId, documentId))
    .orderBy(desc(documentRevisions.number));
  return rows.map((row) => ({ ...row, publishedAt: row.publishedAt.toISOString() }));
}

/**
 * A revision published with this id (the client's, sent so that a retry finds
 * it), with what publishing it did to the claims: the answer its publisher got.
 */
export async function getPublishedRevision(db: Database, id: string) {
  const [row] = await db
    .select({
      documentId: documentRevisions.documentId,
      number: documentRevisions.number,
      text: documentRevisions.text,
      blocks: documentRevisions.blocks,
      publishedBy: documentRevisions.publishedBy,
      publishedAt: documentRevisions.publishedAt,
      // The history rows the publish wrote: its revision, its time to the millisecond (as the
      // publish wrote it, from JavaScript; a later re-attach changes a row's time).
      counts: sql<{ anchored: number; orphaned: number }>`(
        select json_build_object('anchored', count(*) filter (where h.status = 'anchored'), 'orphaned', count(*) filter (where h.status = 'orphan'))
        from ${annotationAnchors} h join ${annotations} a on a.id = h.annotation_id
        where a.document_id = ${documentRevisions.documentId} and h.revision = ${documentRevisions.number} and date_trunc('milliseconds', h.at) = date_trunc('milliseconds', ${documentRevisions.publishedAt}))`,
    })
    .from(documentRevisions)
    .where(eq(documentRevisions.id, id))
    .limit(1);
  return row;
}

/**
 * The claims publishing revision `number` of an article moved or orphaned,
 * with where each stood before and after: the summary its publisher saw.
 */
export async function listRevisionClaimMoves(db: Database, documentId: string, number: number): Promise<ClaimMove[]> {
  const place = (state: SQL) =>
    sql<ClaimPlace>`jsonb_build_object('quote', ${state}->'quote', 'start', ${state}->'start', 'status', ${state}->'status')`;
  return db
    .select({ id: claimEvents.annotationId, before: place(sql`${claimEvents.before}`), after: place(sql`${claimEvents.after}`) })
    .from(documentRevisions)
    .innerJoin(claimEvents, revisionMoves(claimEvents))
    .where(and(eq(documentRevisions.documentId, documentId), eq(documentRevisions.number, number)))
    .orderBy(asc(claimEvents.id));
}

/**
 * Whether a claim event (`events`, a table or its alias) is one publishing the
 * revision row in scope wrote: its `moved_by_revision` events carry the
 * revision's time, to the millisecond (JavaScript's, as the publish wrote it).
 */
function revisionMoves(events: SQL | typeof claimEvents) {
  return sql`${events}.document_id = ${documentRevisions.documentId} and ${events}.action = 'moved_by_revision'
    and date_trunc('milliseconds', ${events}.at) = date_trunc('milliseconds', ${documentRevisions.publishedAt})`;
}

export async function getRevision(db: Database, documentId: string, number: number) {
  const [row] = await db
    .select()
    .from(documentRevisions)
    .where(and(eq(documentRevisions.documentId, documentId), eq(documentRevisions.number, number)))
    .limit(1);
  return row;
}

/** The article as it read on one revision: the document with that revision's text and blocks. */
export async function getDocumentAtRevision(db: Database, document: DocumentRow, number: number) {
  if (number === document.revision) return { ...document, latestRevision: document.revision };
  const revision = await getRevision(db, document.id, number);
  if (!revision) return undefined;
  return { ...document, text: revision.text, blocks: revision.blocks, revision: number, latestRevision: document.revision };
}

/**
 * The live claims as they stood on one revision: their place and status
 * there (claims made later are absent), with their current tag and words.
 */
export async function listAnnotationsAtRevision(db: Database, documentId: string, number: number): Promise<Annotation[]> {
  const rows = await db
    .select({ annotation: annotations, anchor: annotationAnchors })
    .from(annotations)
    .innerJoin(annotationAnchors, and(eq(annotationAnchors.annotationId, annotations.id), eq(annotationAnchors.revision, number)))
    .where(and(eq(annotations.documentId, documentId), isNull(annotations.deletedAt)))
    .orderBy(asc(annotationAnchors.start), asc(annotationAnchors.end));
  return rows.map(({ annotation, anchor }) => ({
    ...toAnnotation(annotation),
    start: anchor.start,
    end: anchor.end,
    quote: anchor.exact,
    status: anchor.status,
    anchoredRevision: number,
    // What the words were before that revision is not kept per revision.
    previousQuote: null,
  }));
}

/** Where a claim stood on each revision, oldest first: its anchoring history. */
export async function listAnnotationHistory(db: Database, annotationId: string): Promise<Omit<PlacementEntry, "kind">[]> {
  const rows = await db
    .select()
    .from(annotationAnchors)
    .where(eq(annotationAnchors.annotationId, annotationId))
    .orderBy(asc(annotationAnchors.revision));
  return rows.map(({ annotationId: _id, at, ...row }) => ({ ...row, at: at.toISOString() }));
}
