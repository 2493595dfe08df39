import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Annotation } from "@/lib/annotation";
import type { Author } from "@/lib/author";
import type { PlacedClaim } from "@/lib/import/plan";
import type { Provenance } from "@/lib/provenance";
import type { Database } from "../client";
import { annotationAnchors, annotations, documents } from "../schema";
import { firstAnchorRow, newClaimRow, toAnnotation } from "./annotations";
import { appendClaimEvents } from "./claim-events";
import { addToCommentCount, insertComment, readCommentState } from "./comments";

/** A comment an import adds to the claim at `claim` (an index into its claims), as its author wrote it. */
export interface ImportedComment {
  claim: number;
  body: string;
  /** The name it was written under in the file (no user here); the importer's when absent. */
  author?: string;
  created?: string;
  provenance?: Provenance;
  mentionIds: readonly string[];
}

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters per statement. */
const rowsPerInsert = 500;

export type CreateManyResult = { kind: "created"; annotations: Annotation[]; comments: number } | { kind: "revised" };

/**
 * Stores the claims of an import, placed on revision `article.revision` of
 * the article, all or none: one transaction, so a failure half-way leaves
 * nothing behind. Each claim's anchoring history starts with its import and
 * how sure its placing was. Returns the claims in the order given, or
 * `revised` (storing nothing) when the article has a newer revision than the
 * one they were placed on.
 */
export async function createAnnotations(
  db: Database,
  article: { id: string; revision: number },
  claims: readonly PlacedClaim[],
  author: Author,
  comments: readonly ImportedComment[] = [],
): Promise<CreateManyResult> {
  if (claims.length === 0) return { kind: "created", annotations: [], comments: 0 };
  // Ids are chosen here so that the answer keeps the file's order whatever
  // order RETURNING gives rows in.
  const ids = claims.map(() => randomUUID());
  const rows = await db.transaction(async (tx) => {
    // A share lock waits for a revision being published (which locks the row
    // for update) and holds the next one off until these claims are in, so
    // that it re-anchors them with the others.
    const [current] = await tx.select({ revision: documents.revision }).from(documents).where(eq(documents.id, article.id)).for("share");
    if (current?.revision !== article.revision) return null;
    const stored = [];
    for (let from = 0; from < claims.length; from += rowsPerInsert) {
      const chunk = claims
        .slice(from, from + rowsPerInsert)
        .map((claim, i) => ({ ...claim, id: ids[from + i], documentId: article.id, revision: article.revision, author }));
      const rows = await tx.insert(annotations).values(chunk.map(newClaimRow)).returning();
      stored.push(...rows);
      await appendClaimEvents(
        tx,
        author,
        rows.map((row) => ({ action: "imported" as const, before: null, after: row })),
      );
      // How sure the placing was is in `score`; `method` says where the claim came from.
      await tx.insert(annotationAnchors).values(chunk.map((claim) => firstAnchorRow(claim.id, claim, "imported", claim.score)));
    }
    // Each claim's discussion, after it: a comment with its event, recorded as done by the importer.
    const latest = new Map(stored.map((row) => [row.id, row]));
    for (const comment of comments) {
      const annotationId = ids[comment.claim];
      const written = await insertComment(tx, {
        annotationId,
        author: { id: null, name: comment.author ?? author.name },
        body: comment.body,
        mentionIds: comment.mentionIds,
        ...(comment.created ? { createdAt: new Date(comment.created) } : {}),
        ...(comment.provenance ? { provenance: comment.provenance } : {}),
      });
      const after = await addToCommentCount(tx, annotationId, 1);
      const state = await readCommentState(tx, written);
      await appendClaimEvents(tx, author, [{ action: "comment_created", before: latest.get(annotationId)!, after, comment: state }]);
      latest.set(annotationId, after);
    }
    return [...latest.values()];
  });
  if (!rows) return { kind: "revised" };
  const byId = new Map(rows.map((row) => [row.id, row]));
  return { kind: "created", annotations: ids.map((id) => toAnnotation(byId.get(id)!)), comments: comments.length };
}
