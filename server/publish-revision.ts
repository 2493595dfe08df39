/**
 * Publishing a new text of an article, and placing every live claim on it,
 * in one transaction: a claim found again gets its new offsets and quote;
 * one that cannot be placed without doubt becomes an orphan, keeping its last
 * offsets and quote. Each claim's place on the new revision goes into its
 * history, and each claim the revision moved or orphaned gets one
 * `moved_by_revision` event (none for a claim left as it was).
 */
import "server-only";
import type { Database } from "@/db/client";
import { appendClaimEvents, appendRevisionEvent } from "@/db/queries/claim-events";
import { insertRevision, listLiveAnnotationRows, lockDocumentForUpdate, writePlacements } from "@/db/queries/revisions";
import type { AnnotationRow } from "@/db/schema";
import type { ArticleBlock } from "@/lib/article";
import type { Author } from "@/lib/author";
import { type RevisionSummary, summariseClaimMoves } from "@/lib/revision-summary";
import { runOffThread } from "@/lib/worker/article-work";

/** The answer to a publish: the revision, how many claims are placed and orphans on it, and the claims a reviewer must look at again. */
export interface PublishResult extends RevisionSummary {
  revision: { number: number; publishedBy: string; publishedAt: string };
  anchored: number;
  orphaned: number;
}

/** Publishes `article` as the next revision of the article `documentId`, with the client's `id` if sent. */
export async function publishRevision(
  db: Database,
  documentId: string,
  article: { text: string; blocks: ArticleBlock[] },
  publishedBy: Author,
  id?: string,
): Promise<PublishResult> {
  // Placing the claims takes the worker up to seconds. Done inside the
  // transaction, it would hold the article's row lock (claims created
  // meanwhile wait on it) and, on PGlite, the one connection every request
  // shares. So the claims are placed first, on a reading of them, and the
  // transaction checks that nothing it placed changed meanwhile; when
  // something did, the claims are placed again, and the last try places
  // them inside the transaction, as the rare race demands.
  for (let attempt = 1; attempt <= 3; attempt++) {
    const seen = attempt < 3 ? await listLiveAnnotationRows(db, documentId) : undefined;
    const placed = seen && (await place(article.text, seen));
    const result = await db.transaction(async (tx) => {
      const document = await lockDocumentForUpdate(tx, documentId);
      const before = await listLiveAnnotationRows(tx, documentId);
      if (seen && !sameClaims(seen, before)) return undefined;
      const placements = placed ?? (await place(article.text, before));
      const number = document.revision + 1;
      const revision = await insertRevision(tx, { id, documentId, number, text: article.text, blocks: article.blocks, publishedBy });
      const after = new Map(
        (await writePlacements(tx, documentId, number, before, placements, publishedBy, revision.publishedAt)).map((row) => [row.id, row]),
      );
      const moved = before.flatMap((was) => {
        const now = after.get(was.id)!;
        return placementChanged(was, now) ? [{ action: "moved_by_revision" as const, before: was, after: now }] : [];
      });
      await appendClaimEvents(tx, publishedBy, moved, revision.publishedAt);
      await appendRevisionEvent(tx, publishedBy, documentId, number, revision.publishedAt);
      const anchored = placements.filter((placement) => placement.status === "anchored").length;
      return {
        revision: { number, publishedBy: publishedBy.name, publishedAt: revision.publishedAt.toISOString() },
        anchored,
        orphaned: before.length - anchored,
        ...summariseClaimMoves(moved.map(({ before: was, after: now }) => ({ id: now.id, before: placeOf(was), after: placeOf(now) }))),
      };
    });
    if (result) return result;
  }
  throw new Error("unreachable: the last try places the claims inside the transaction");
}

/** Where each claim goes on `text`, in a worker: 5,000 claims take 200 ms, a hostile text far longer (then `422 too_complex`). */
function place(text: string, rows: AnnotationRow[]) {
  const claims = rows.map(({ id, start, end, exact, prefix, suffix }) => ({ id, start, end, exact, prefix, suffix }));
  return runOffThread("placeClaims", text, claims);
}

/**
 * Whether two readings of an article's live claims hold the same claims with
 * the same input to placing them (`place` reads nothing else), in the same order.
 */
function sameClaims(seen: AnnotationRow[], now: AnnotationRow[]): boolean {
  const keys = ["id", "start", "end", "exact", "prefix", "suffix"] as const;
  return seen.length === now.length && seen.every((claim, i) => keys.every((key) => claim[key] === now[i][key]));
}

/** Whether a claim's place changed: its words, offsets, context, status or the words its verdict was given on. */
function placementChanged(before: AnnotationRow, after: AnnotationRow): boolean {
  const keys = ["start", "end", "exact", "prefix", "suffix", "status", "previousQuote"] as const;
  return keys.some((key) => before[key] !== after[key]);
}

/** The part of a claim's row the revision summary reads. */
function placeOf({ exact, start, status }: AnnotationRow) {
  return { quote: exact, start, status };
}
