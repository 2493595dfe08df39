import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { Author } from "@/lib/author";
import type { ClaimAction, ClaimEvent, ClaimState } from "@/lib/claim-events";
import type { Database } from "../client";
import { type AnnotationRow, claimEvents } from "../schema";
import { toAnnotation } from "./annotations";

/** A stored claim as an event records it. */
export function toClaimState(row: AnnotationRow): ClaimState {
  return { ...toAnnotation(row), deletedAt: row.deletedAt?.toISOString() ?? null, deletedBy: row.deletedBy };
}

/** One change to append: the claim's row before it (none for a new claim) and after it. */
export interface ClaimChange {
  action: ClaimAction;
  before: AnnotationRow | null;
  after: AnnotationRow;
}

/**
 * Appends one event per change, by `author`, in one statement (the rows in one
 * JSON parameter, as a revision's 5,000 claims need). Call it in the
 * transaction that made the changes, so that the feed has a change exactly
 * when the claims do. `at` defaults to the transaction's time, which is the
 * claims' `updatedAt`.
 */
export async function appendClaimEvents(db: Database, author: Author, changes: readonly ClaimChange[], at?: Date): Promise<void> {
  if (changes.length === 0) return;
  const rows = changes.map(({ action, before, after }) => ({
    annotation_id: after.id,
    document_id: after.documentId,
    action,
    before: before && toClaimState(before),
    after: toClaimState(after),
  }));
  const time = at ? sql`${at.toISOString()}::timestamptz` : sql`now()`;
  // `with ordinality` keeps the given order in the ids; a JSON null before is no row before.
  await db.execute(sql`
    insert into ${claimEvents} (annotation_id, document_id, action, actor, actor_id, at, before, after)
    select (e.v->>'annotation_id')::uuid, (e.v->>'document_id')::uuid, (e.v->>'action')::claim_action, ${author.name}, ${author.id}::text, ${time},
      nullif(e.v->'before', 'null'::jsonb), e.v->'after'
    from jsonb_array_elements(${JSON.stringify(rows)}::jsonb) with ordinality as e(v, n)
    order by e.n`);
}

/** Which events to read: of one claim or one article, after an event id. */
export interface ClaimEventFilter {
  annotationId?: string;
  documentId?: string;
  after?: number;
}

/** The events that match `filter`, oldest first. */
export async function listClaimEvents(db: Database, filter: ClaimEventFilter): Promise<ClaimEvent[]> {
  const rows = await db
    .select()
    .from(claimEvents)
    .where(
      and(
        filter.annotationId === undefined ? undefined : eq(claimEvents.annotationId, filter.annotationId),
        filter.documentId === undefined ? undefined : eq(claimEvents.documentId, filter.documentId),
        filter.after === undefined ? undefined : gt(claimEvents.id, filter.after),
      ),
    )
    .orderBy(asc(claimEvents.id));
  return rows.map((row) => ({ ...row, at: row.at.toISOString() }));
}
