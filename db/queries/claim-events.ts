import { and, asc, eq, gt, max, sql } from "drizzle-orm";
import type { Author } from "@/lib/author";
import type { ClaimAction, ClaimEvent, ClaimState } from "@/lib/claim-events";
import type { CommentState } from "@/lib/comments";
import type { FeedEvent } from "@/lib/live-events";
import type { ClaimEventDetail } from "@/lib/review";
import type { Database } from "../client";
import { type AnnotationRow, claimEvents, revisionEvents } from "../schema";
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
  /** The comment a `comment_*` change is about, after it. */
  comment?: CommentState;
  /** A review step's comment and decision. */
  detail?: ClaimEventDetail;
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
  const rows = changes.map(({ action, before, after, comment, detail }) => ({
    annotation_id: after.id,
    document_id: after.documentId,
    action,
    before: before && toClaimState(before),
    after: toClaimState(after),
    comment: comment ?? null,
    detail: detail ?? null,
  }));
  const time = at ? sql`${at.toISOString()}::timestamptz` : sql`now()`;
  // Ids in commit order: a writer takes the feed's lock before its ids and
  // keeps it until it commits, so no event can become visible with an id
  // below one a reader has seen (a reader resuming after id N misses nothing).
  await db.execute(sql`select pg_advisory_xact_lock(${feedLockId})`);
  // `with ordinality` keeps the given order in the ids; a JSON null before is no row before.
  await db.execute(sql`
    insert into ${claimEvents} (annotation_id, document_id, action, actor, actor_id, at, before, after, comment, detail)
    select (e.v->>'annotation_id')::uuid, (e.v->>'document_id')::uuid, (e.v->>'action')::claim_action, ${author.name}, ${author.id}::text, ${time},
      nullif(e.v->'before', 'null'::jsonb), e.v->'after', nullif(e.v->'comment', 'null'::jsonb), nullif(e.v->'detail', 'null'::jsonb)
    from jsonb_array_elements(${JSON.stringify(rows)}::jsonb) with ordinality as e(v, n)
    order by e.n`);
  // Delivered at commit (or never, on rollback), to every app instance listening.
  for (const documentId of new Set(changes.map(({ after }) => after.documentId))) {
    await db.execute(sql`select pg_notify(${claimEventsChannel}, ${documentId})`);
  }
}

/** Arbitrary key of the advisory lock that orders the feed's ids by commit. */
const feedLockId = 4_718_204;

/** The notification channel of new events; the payload is the article's id (server/live-feed.ts). */
export const claimEventsChannel = "claim_events";

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

/** Whether someone closed the claim's conflict `conflictId` by picking one of its versions. */
export async function conflictWasResolved(db: Database, annotationId: string, conflictId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: claimEvents.id })
    .from(claimEvents)
    .where(
      and(
        eq(claimEvents.annotationId, annotationId),
        eq(claimEvents.action, "conflict_resolved"),
        sql`${claimEvents.before}->'conflicts' @> ${JSON.stringify([{ id: conflictId }])}::jsonb`,
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** The id of an article's latest event (a claim's or a revision's), 0 when it has none. */
export async function latestFeedEventId(db: Database, documentId: string): Promise<number> {
  const [[claims], [revisions]] = await Promise.all([
    db
      .select({ id: max(claimEvents.id) })
      .from(claimEvents)
      .where(eq(claimEvents.documentId, documentId)),
    db
      .select({ id: max(revisionEvents.id) })
      .from(revisionEvents)
      .where(eq(revisionEvents.documentId, documentId)),
  ]);
  return Math.max(claims?.id ?? 0, revisions?.id ?? 0);
}

/**
 * Records a published revision in the feed, in the transaction that
 * publishes it and after the events of the claims it moved (under the same
 * lock, so its id is above theirs).
 */
export async function appendRevisionEvent(db: Database, author: Author, documentId: string, revision: number, at: Date): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(${feedLockId})`);
  await db.insert(revisionEvents).values({ documentId, revision, actor: author.name, actorId: author.id, at });
  await db.execute(sql`select pg_notify(${claimEventsChannel}, ${documentId})`);
}

/**
 * An article's live feed after event `after`, in id order: its claims'
 * changes, and its revisions, each with the claims it moved (their
 * `moved_by_revision` events, made in the same transaction, at its time).
 */
export async function listArticleFeed(db: Database, documentId: string, after: number): Promise<FeedEvent[]> {
  const [changes, revisions] = await Promise.all([
    listClaimEvents(db, { documentId, after }),
    db
      .select()
      .from(revisionEvents)
      .where(and(eq(revisionEvents.documentId, documentId), gt(revisionEvents.id, after)))
      .orderBy(asc(revisionEvents.id)),
  ]);
  const moves = changes.filter((change) => change.action === "moved_by_revision");
  const feed: FeedEvent[] = changes.filter((change) => change.action !== "moved_by_revision").map((change) => ({ kind: "claim", ...change }));
  for (const revision of revisions) {
    const at = revision.at.toISOString();
    feed.push({ kind: "revision", ...revision, at, moved: moves.filter((move) => move.at === at).map((move) => move.after) });
  }
  return feed.sort((a, b) => a.id - b.id);
}
