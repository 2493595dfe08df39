import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Annotation } from "@/lib/annotation";
import type { Author } from "@/lib/author";
import type { PlacedClaim } from "@/lib/import/plan";
import type { Database } from "../client";
import { annotationAnchors, annotations, documents } from "../schema";
import { firstAnchorRow, newClaimRow, toAnnotation } from "./annotations";
import { appendClaimEvents } from "./claim-events";

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters per statement. */
const rowsPerInsert = 500;

export type CreateManyResult = { kind: "created"; annotations: Annotation[] } | { kind: "revised" };

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
): Promise<CreateManyResult> {
  if (claims.length === 0) return { kind: "created", annotations: [] };
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
    return stored;
  });
  if (!rows) return { kind: "revised" };
  const byId = new Map(rows.map((row) => [row.id, row]));
  return { kind: "created", annotations: ids.map((id) => toAnnotation(byId.get(id)!)) };
}
