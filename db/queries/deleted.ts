import { type SQL, and, desc, eq, isNotNull, sql } from "drizzle-orm";
import type { Annotation } from "@/lib/annotation";
import type { Author } from "@/lib/author";
import type { Database } from "../client";
import { annotations } from "../schema";
import { restored, toAnnotation } from "./annotations";
import { appendClaimEvents } from "./claim-events";

/** A deleted claim, with who deleted it (name, and user id: null before accounts) and when (ISO text). */
export interface DeletedAnnotation extends Annotation {
  deletedBy: string;
  deletedById: string | null;
  deletedAt: string;
}

/** Which deleted claims: by one reviewer, in a time window (both ends included). */
export interface DeletedFilter {
  deletedBy?: string;
  from?: Date;
  to?: Date;
}

/** Which claims a bulk restore may bring back: those of the window, and, for a reviewer, only the ones this user created. */
export type RestoreFilter = Required<DeletedFilter> & { createdById?: string };

// Compared at the milliseconds the API gives out: a client that sends back a
// claim's `deletedAt` as `to` must find that claim, though the database keeps
// microseconds.
const deletedAtMs = sql`date_trunc('milliseconds', ${annotations.deletedAt})`;

function deletedOn(documentId: string, filter: DeletedFilter & { createdById?: string }): SQL | undefined {
  return and(
    filter.createdById === undefined ? undefined : eq(annotations.createdById, filter.createdById),
    eq(annotations.documentId, documentId),
    isNotNull(annotations.deletedAt),
    filter.deletedBy === undefined ? undefined : eq(annotations.deletedBy, filter.deletedBy),
    filter.from === undefined ? undefined : sql`${deletedAtMs} >= ${filter.from.toISOString()}::timestamptz`,
    filter.to === undefined ? undefined : sql`${deletedAtMs} <= ${filter.to.toISOString()}::timestamptz`,
  );
}

function toDeletedAnnotation(row: typeof annotations.$inferSelect): DeletedAnnotation {
  return {
    ...toAnnotation(row),
    // Rows deleted before `deleted_by` existed were given it by migration 0005.
    deletedBy: row.deletedBy ?? row.updatedBy,
    deletedById: row.deletedBy === null ? row.updatedById : row.deletedById,
    deletedAt: (row.deletedAt ?? row.updatedAt).toISOString(),
  };
}

/** The deleted claims of an article that match `filter`, the latest deletion first. */
export async function listDeletedAnnotations(db: Database, documentId: string, filter: DeletedFilter = {}): Promise<DeletedAnnotation[]> {
  const rows = await db.select().from(annotations).where(deletedOn(documentId, filter)).orderBy(desc(annotations.deletedAt), annotations.id);
  return rows.map(toDeletedAnnotation);
}

/**
 * Brings back every deleted claim of an article that one reviewer deleted in
 * a time window (and, with `createdById`, that this user created), in one
 * statement (all or none), as `restoreAnnotation` does one. Returns them in
 * reading order.
 */
export async function restoreDeletedAnnotations(db: Database, documentId: string, filter: RestoreFilter, author: Author): Promise<Annotation[]> {
  const rows = await db.transaction(async (tx) => {
    const before = await tx.select().from(annotations).where(deletedOn(documentId, filter)).for("update");
    if (before.length === 0) return [];
    // The rows just locked, by id: a claim deleted meanwhile into the window is not restored without its event.
    const ids = JSON.stringify(before.map((row) => row.id));
    const after = await tx
      .update(annotations)
      .set(restored(author))
      .where(sql`${annotations.id} in (select jsonb_array_elements_text(${ids}::jsonb)::uuid)`)
      .returning();
    const byId = new Map(before.map((row) => [row.id, row]));
    await appendClaimEvents(
      tx,
      author,
      after.map((row) => ({ action: "restored" as const, before: byId.get(row.id)!, after: row })),
    );
    return after;
  });
  return rows.map(toAnnotation).sort((a, b) => a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
