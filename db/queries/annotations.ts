import { type SQL, type SQLWrapper, and, eq, isNull, sql } from "drizzle-orm";
import { type Annotation, type ClaimFields, type EditableField, editorAnnotationKeys, pick } from "@/lib/annotation";
import type { ClaimConflict } from "@/lib/claim-conflicts";
import type { Author } from "@/lib/author";
import type { TextAnchor } from "@/lib/selectors";
import type { HistoryMethod } from "@/lib/history-methods";
import type { ReviewState } from "@/lib/review";
import type { Tag } from "@/lib/tags";
import type { Provenance } from "@/lib/provenance";
import type { Database } from "../client";
import { annotationAnchors, annotations, type AnnotationRow, documents, type NewAnnotationRow } from "../schema";
import { aliased, aliasedKey, rowsJson } from "./read-rows";

/** The API shape of a stored row. */
export function toAnnotation(row: AnnotationRow): Annotation {
  return {
    id: row.id,
    documentId: row.documentId,
    start: row.start,
    end: row.end,
    quote: row.exact,
    prefix: row.prefix,
    suffix: row.suffix,
    tag: row.tag,
    note: row.note,
    claimant: row.claimant,
    evidence: row.evidence,
    createdBy: row.createdBy,
    updatedBy: row.updatedBy,
    createdById: row.createdById,
    updatedById: row.updatedById,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
    status: row.status,
    previousQuote: row.previousQuote,
    createdRevision: row.createdRevision,
    anchoredRevision: row.anchoredRevision,
    commentCount: row.commentCount,
    reviewState: row.reviewState,
    approvedBy: row.approvedBy,
    approvedById: row.approvedById,
    approvedAt: row.approvedAt?.toISOString() ?? null,
    verdictCount: row.verdictCount,
    verdictsDiffer: row.verdictsDiffer,
    conflicts: row.conflicts,
    provenance: row.provenance ?? null,
  };
}

/** A timestamp as the ISO text `Date.toISOString` writes, made by the database: no Date per row. */
const isoTime = (column: typeof annotations.createdAt | typeof annotations.updatedAt | typeof annotations.approvedAt) =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The columns of a claim in its API shape, for lists that read thousands of
 * rows: flat, with timestamps as ISO text made by the database.
 */
export const annotationColumns = {
  id: annotations.id,
  documentId: annotations.documentId,
  start: annotations.start,
  end: annotations.end,
  quote: annotations.exact,
  prefix: annotations.prefix,
  suffix: annotations.suffix,
  tag: annotations.tag,
  note: annotations.note,
  claimant: annotations.claimant,
  evidence: annotations.evidence,
  createdBy: annotations.createdBy,
  updatedBy: annotations.updatedBy,
  createdById: annotations.createdById,
  updatedById: annotations.updatedById,
  createdAt: isoTime(annotations.createdAt),
  updatedAt: isoTime(annotations.updatedAt),
  version: annotations.version,
  status: annotations.status,
  previousQuote: annotations.previousQuote,
  createdRevision: annotations.createdRevision,
  anchoredRevision: annotations.anchoredRevision,
  commentCount: annotations.commentCount,
  reviewState: annotations.reviewState,
  approvedBy: annotations.approvedBy,
  approvedById: annotations.approvedById,
  approvedAt: isoTime(annotations.approvedAt),
  verdictCount: annotations.verdictCount,
  verdictsDiffer: annotations.verdictsDiffer,
  conflicts: annotations.conflicts,
  provenance: annotations.provenance,
} satisfies Record<keyof Annotation, SQLWrapper>;

/** What the editor reads of each claim (`EditorAnnotation`). */
export const editorAnnotationColumns = pick(annotationColumns, editorAnnotationKeys);

const liveOn = (documentId: string) => and(eq(annotations.documentId, documentId), isNull(annotations.deletedAt));

/** The live (not deleted) claims of an article, in reading order. */
export async function listAnnotations(db: Database, documentId: string): Promise<Annotation[]> {
  return JSON.parse(await listAnnotationsJson(db, documentId)) as Annotation[];
}

/**
 * The live claims of an article, in reading order (start, end, then id, as
 * exports), as the text of a JSON array (of `Annotation`s, or the keys of
 * `columns`, which must include `start`, `end` and `id`), read with no
 * decoding or object per row in Drizzle (see `rowsJson`).
 */
export async function listAnnotationsJson(
  db: Database,
  documentId: string,
  columns: Record<string, SQLWrapper> = annotationColumns,
): Promise<string> {
  const rows = db.select(aliased(columns)).from(annotations).where(liveOn(documentId));
  return rowsJson(db, rows, [aliasedKey("start"), aliasedKey("end"), aliasedKey("id")]);
}

export async function getAnnotation(db: Database, id: string): Promise<AnnotationRow | undefined> {
  const [row] = await db.select().from(annotations).where(eq(annotations.id, id)).limit(1);
  return row;
}

export interface NewClaim extends Partial<ClaimFields> {
  id?: string;
  documentId: string;
  /** The article's current revision, which the anchor's offsets count in. */
  revision: number;
  anchor: TextAnchor;
  tag: Tag;
  /** Who makes it: recorded as its creator and last changer. */
  author: Author;
  /** Who wrote the original, for an imported claim. */
  provenance?: Provenance;
}

/** The row of a new claim placed on `revision` of its article. */
export function newClaimRow(claim: NewClaim): NewAnnotationRow {
  return {
    ...(claim.id ? { id: claim.id } : {}),
    documentId: claim.documentId,
    start: claim.anchor.start,
    end: claim.anchor.end,
    exact: claim.anchor.exact,
    prefix: claim.anchor.prefix,
    suffix: claim.anchor.suffix,
    tag: claim.tag,
    note: claim.note ?? "",
    claimant: claim.claimant ?? "",
    evidence: claim.evidence ?? [],
    createdBy: claim.author.name,
    updatedBy: claim.author.name,
    createdById: claim.author.id,
    updatedById: claim.author.id,
    createdRevision: claim.revision,
    anchoredRevision: claim.revision,
    ...(claim.provenance ? { provenance: claim.provenance } : {}),
  };
}

/** The first entry of a claim's anchoring history: where it was placed, and how. */
export function firstAnchorRow(
  annotationId: string,
  claim: Pick<NewClaim, "revision" | "anchor" | "author">,
  method: HistoryMethod,
  score: number | null = null,
): typeof annotationAnchors.$inferInsert {
  const { start, end, exact } = claim.anchor;
  return {
    annotationId,
    revision: claim.revision,
    status: "anchored",
    start,
    end,
    exact,
    method,
    score,
    actor: claim.author.name,
    actorId: claim.author.id,
  };
}

/** Reads a claim and locks its row until the transaction `tx` ends, so that what an event says it was is what was changed. */
export async function lockAnnotation(tx: Database, id: string): Promise<AnnotationRow | undefined> {
  const [row] = await tx.select().from(annotations).where(eq(annotations.id, id)).for("update");
  return row;
}

/**
 * A live claim on exactly these words of the article's latest text, other
 * than `except`; the words are locked (an advisory lock until `tx` ends) so
 * that two reviewers tagging them at once cannot both find none.
 */
export async function claimOnSameWords(
  tx: Database,
  { documentId, start, end, except }: { documentId: string; start: number; end: number; except?: string },
): Promise<AnnotationRow | undefined> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`${documentId}:${start}:${end}`}))`);
  const [row] = await tx
    .select()
    .from(annotations)
    .where(
      and(
        eq(annotations.documentId, documentId),
        eq(annotations.start, start),
        eq(annotations.end, end),
        eq(annotations.status, "anchored"),
        isNull(annotations.deletedAt),
        except === undefined ? undefined : sql`${annotations.id} <> ${except}`,
      ),
    )
    .limit(1);
  return row;
}

/** The latest revision of a claim's article, share-locked until `tx` ends so that no revision is published meanwhile. */
export async function lockArticleOfAnnotation(tx: Database, id: string): Promise<number | undefined> {
  const [article] = await tx
    .select({ revision: documents.revision })
    .from(documents)
    .innerJoin(annotations, eq(annotations.documentId, documents.id))
    .where(eq(annotations.id, id))
    .for("share", { of: documents });
  return article?.revision;
}

/** What a claim's review columns become when it leaves `approved` (or is sent back): no approval. */
export const notApproved = { approvedBy: null, approvedById: null, approvedAt: null } as const;

/** What a claim's review columns are set to by a change: back to review when it was approved. */
export function withdrawnApproval(row: Pick<AnnotationRow, "reviewState">) {
  return row.reviewState === "approved" ? { reviewState: "in_review" as const, ...notApproved } : {};
}

/** The review columns a review step writes (server/claim-review.ts). */
export type ReviewColumns = Partial<Pick<AnnotationRow, "reviewState" | "approvedBy" | "approvedById" | "tag">> & {
  approvedAt?: SQL | null;
  verdictCount?: SQL<number>;
  verdictsDiffer?: SQL<boolean>;
};

/** Writes a reviewer's change to a claim, with a new version: returns the row as it now is. */
export async function updateAnnotationRow(
  tx: Database,
  id: string,
  changes: Partial<ClaimFields> & { previousQuote?: null } & ReviewColumns,
  author: Author,
): Promise<AnnotationRow> {
  const [row] = await tx
    .update(annotations)
    .set({ ...changes, ...bump(author) })
    .where(eq(annotations.id, id))
    .returning();
  return row;
}

/** Sets a claim's open conflicts, within the change that opened them (its version is already new). */
export async function setAnnotationConflicts(tx: Database, id: string, conflicts: ClaimConflict[]): Promise<AnnotationRow> {
  const [row] = await tx.update(annotations).set({ conflicts }).where(eq(annotations.id, id)).returning();
  return row;
}

/** Closes one of a claim's open conflicts, setting its field to the picked value: a change, with a new version. */
export async function resolveConflictRow(
  tx: Database,
  id: string,
  { conflicts, field, value }: { conflicts: ClaimConflict[]; field: EditableField; value: ClaimFields[EditableField] },
  author: Author,
  review: ReturnType<typeof withdrawnApproval> = {},
): Promise<AnnotationRow> {
  const [row] = await tx
    .update(annotations)
    .set({ [field]: value, conflicts, ...review, ...bump(author) })
    .where(eq(annotations.id, id))
    .returning();
  return row;
}

/** Marks a claim deleted by `author` (softly: it can be restored). */
export async function softDeleteAnnotationRow(tx: Database, id: string, author: Author): Promise<AnnotationRow> {
  const [row] = await tx
    .update(annotations)
    .set({ deletedAt: sql`now()`, deletedBy: author.name, deletedById: author.id, ...bump(author) })
    .where(eq(annotations.id, id))
    .returning();
  return row;
}

/** Brings back a soft-deleted claim (see `restored`). */
export async function restoreAnnotationRow(tx: Database, id: string, author: Author): Promise<AnnotationRow> {
  const [row] = await tx.update(annotations).set(restored(author)).where(eq(annotations.id, id)).returning();
  return row;
}

/**
 * What restoring changes. A revision published while the claim was deleted
 * did not re-anchor it (only live claims are), so its offsets count in an
 * older text: it comes back an orphan, listed for a reviewer to re-attach,
 * rather than on whatever words of the new text sit at those offsets. The
 * article's row is share-locked, as a create does, so that a revision being
 * published either sees the claim live or is seen by the restore.
 */
export function restored(author: Author) {
  const onLatest = sql`${sql.identifier("anchored_revision")} = (select d.revision from ${documents} d where d.id = ${sql.identifier("document_id")} for share)`;
  // An approved claim that comes back an orphan goes back to review, as one a revision orphans does.
  const withdrawn = sql`not (${onLatest}) and ${sql.identifier("review_state")} = 'approved'`;
  return {
    deletedAt: null,
    deletedBy: null,
    deletedById: null,
    status: sql<"anchored" | "orphan">`case when ${onLatest} then ${sql.identifier("status")} else 'orphan'::anchor_status end`,
    reviewState: sql<ReviewState>`case when ${withdrawn} then 'in_review'::review_state else ${sql.identifier("review_state")} end`,
    approvedBy: sql<string | null>`case when ${withdrawn} then null else ${sql.identifier("approved_by")} end`,
    approvedById: sql<string | null>`case when ${withdrawn} then null else ${sql.identifier("approved_by_id")} end`,
    approvedAt: sql<Date | null>`case when ${withdrawn} then null else ${sql.identifier("approved_at")} end`,
    ...bump(author),
  };
}

function bump(author: Author) {
  return { version: sql`${annotations.version} + 1`, updatedBy: author.name, updatedById: author.id, updatedAt: sql`now()` };
}

/**
 * Puts a claim on `anchor` in the text of the article's revision `revision`,
 * as a reviewer chose, and records that place in its history.
 */
export async function reattachAnnotationRow(
  tx: Database,
  id: string,
  anchor: TextAnchor,
  revision: number,
  author: Author,
  review: ReturnType<typeof withdrawnApproval> = {},
): Promise<AnnotationRow> {
  const [row] = await tx
    .update(annotations)
    .set({
      start: anchor.start,
      end: anchor.end,
      exact: anchor.exact,
      prefix: anchor.prefix,
      suffix: anchor.suffix,
      status: "anchored",
      anchoredRevision: revision,
      // A reviewer chose these words: nothing changed under the claim behind their back.
      previousQuote: null,
      ...review,
      ...bump(author),
    })
    .where(eq(annotations.id, id))
    .returning();
  const place = {
    status: "anchored" as const,
    start: anchor.start,
    end: anchor.end,
    exact: anchor.exact,
    method: "reattached" as const,
    score: null,
    actor: author.name,
    actorId: author.id,
    at: row.updatedAt,
  };
  await tx
    .insert(annotationAnchors)
    .values({ annotationId: id, revision, ...place })
    .onConflictDoUpdate({ target: [annotationAnchors.annotationId, annotationAnchors.revision], set: place });
  return row;
}
