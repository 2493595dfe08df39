/**
 * The review sections of a person's queue (`/queue`): claims in review that
 * wait for their own verdict, and their claims sent back with changes
 * requested. Each reads the review columns kept on the claim
 * (`review_state`), its verdicts (`claim_verdicts`) and its history
 * (`claim_events`), and counts every match beside the first `limit`.
 */
import { and, asc, desc, eq, isNull, ne, or, type SQL, sql } from "drizzle-orm";
import type { Database } from "../client";
import { annotations, claimEvents, claimVerdicts, commentMentions, comments, documents } from "../schema";

/** A claim as a queue lists it: where it is, whose it is, and since when it waits. */
export interface QueueClaim {
  id: string;
  quote: string;
  createdBy: string;
  document: { slug: string; title: string };
  /** When it came into this section: submitted for review, or sent back. */
  since: string;
}

/** A claim sent back to its author: who asked for changes, and what they wrote. */
export interface ReturnedClaim extends QueueClaim {
  requestedBy: string;
  comment: string | null;
}

/** The first claims of a section, and how many there are. */
export interface QueueSection<T> {
  claims: T[];
  count: number;
}

/** A timestamp as the ISO text the API gives everywhere (`Date.toISOString`'s). */
const isoTime = (time: SQL) => sql<string>`to_char(${time} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const claimColumns = {
  id: annotations.id,
  quote: annotations.exact,
  createdBy: annotations.createdBy,
  slug: documents.slug,
  title: documents.title,
  total: sql<number>`count(*) over ()`.as("total"),
};

/**
 * Claims in review, made by someone else, on which `userId` has given no
 * verdict yet: the ones waiting for their second verdict, the longest waiting first.
 */
export async function listAwaitingVerdict(db: Database, userId: string, limit: number): Promise<QueueSection<QueueClaim>> {
  const submitted = db
    .select({ at: sql`max(${claimEvents.at})`.as("submitted_at") })
    .from(claimEvents)
    .where(and(eq(claimEvents.annotationId, annotations.id), eq(claimEvents.action, "submitted")))
    .as("submitted");
  const rows = await db
    .select({ ...claimColumns, since: isoTime(sql`coalesce(${submitted.at}, ${annotations.updatedAt})`) })
    .from(annotations)
    .innerJoin(documents, eq(documents.id, annotations.documentId))
    .leftJoinLateral(submitted, sql`true`)
    .where(
      and(
        isNull(annotations.deletedAt),
        eq(annotations.reviewState, "in_review"),
        // A claim recorded before accounts (no author id) is nobody's own: anyone may give it a second verdict.
        or(isNull(annotations.createdById), ne(annotations.createdById, userId)),
        sql`not exists (select 1 from ${claimVerdicts} where ${claimVerdicts.annotationId} = ${annotations.id} and ${claimVerdicts.byId} = ${userId})`,
      ),
    )
    .orderBy(asc(sql`coalesce(${submitted.at}, ${annotations.updatedAt})`), asc(annotations.id))
    .limit(limit);
  return { claims: rows.map(({ slug, title, total: _, ...claim }) => ({ ...claim, document: { slug, title } })), count: countOf(rows) };
}

/**
 * Claims `userId` made that are drafts again because a reviewer asked for
 * changes (a draft with a `changes_requested` step in its history), with the
 * latest request's author and comment; the latest returned first.
 */
export async function listReturnedToAuthor(db: Database, userId: string, limit: number): Promise<QueueSection<ReturnedClaim>> {
  const request = db
    .select({ actor: claimEvents.actor, at: claimEvents.at, comment: sql<string | null>`${claimEvents.detail}->>'comment'`.as("comment") })
    .from(claimEvents)
    .where(and(eq(claimEvents.annotationId, annotations.id), eq(claimEvents.action, "changes_requested")))
    .orderBy(desc(claimEvents.id))
    .limit(1)
    .as("request");
  const rows = await db
    .select({ ...claimColumns, since: isoTime(sql`${request.at}`), requestedBy: request.actor, comment: request.comment })
    .from(annotations)
    .innerJoin(documents, eq(documents.id, annotations.documentId))
    .innerJoinLateral(request, sql`true`)
    .where(and(isNull(annotations.deletedAt), eq(annotations.reviewState, "draft"), eq(annotations.createdById, userId)))
    .orderBy(desc(request.at), asc(annotations.id))
    .limit(limit);
  return { claims: rows.map(({ slug, title, total: _, ...claim }) => ({ ...claim, document: { slug, title } })), count: countOf(rows) };
}

/** Every row carries the count of all matches (a window over them, before the limit); none: none match. */
const countOf = (rows: readonly { total: number }[]) => Number(rows[0]?.total ?? 0);

/** How many claims wait in each section of `userId`'s queue: counts only, for the header on every page. */
export interface QueueCounts {
  waiting: number;
  returned: number;
  mentioned: number;
}

/**
 * The counts of `listAwaitingVerdict`, `listReturnedToAuthor` and the
 * mentioned claims in one round trip, without ordering or reading the
 * claims: each is an index-backed count (claims in review, the person's own
 * claims, the person's mentions) that stops at `cap`, so that a desk with
 * thousands of claims in review pays for `cap` rows, not all of them.
 * `waiting` is 0 when `mayGiveVerdict` is false.
 */
export async function countQueueOf(db: Database, userId: string, mayGiveVerdict: boolean, cap: number): Promise<QueueCounts> {
  const capped = (rows: SQL) => sql`(select count(*) from (${rows} limit ${cap}) capped)`;
  // Written against the tables by name: every subquery names its own rows (a, v, e, m, c).
  const waiting = mayGiveVerdict
    ? capped(sql`select 1 from ${annotations} a
        where a.deleted_at is null and a.review_state = 'in_review'
          and (a.created_by_id is null or a.created_by_id <> ${userId})
          and not exists (select 1 from ${claimVerdicts} v where v.annotation_id = a.id and v.by_id = ${userId})`)
    : sql`0`;
  const returned = capped(sql`select 1 from ${annotations} a
      where a.created_by_id = ${userId} and a.deleted_at is null and a.review_state = 'draft'
        and exists (select 1 from ${claimEvents} e where e.annotation_id = a.id and e.action = 'changes_requested')`);
  const mentioned = capped(sql`select distinct c.annotation_id from ${commentMentions} m
      join ${comments} c on c.id = m.comment_id and c.deleted_at is null
      join ${annotations} a on a.id = c.annotation_id and a.deleted_at is null
      where m.user_id = ${userId}`);
  const [row] = await db
    .select({
      waiting: sql`${waiting}`.mapWith(Number),
      returned: sql`${returned}`.mapWith(Number),
      mentioned: sql`${mentioned}`.mapWith(Number),
    })
    .from(sql`(select 1) as one`);
  return row!;
}
