import { type SQL, type SQLWrapper, and, asc, eq, getTableColumns, gt, max, sql } from "drizzle-orm";
import type { Author } from "@/lib/author";
import type { ClaimAction, ClaimEvent, ClaimState } from "@/lib/claim-events";
import type { CommentState } from "@/lib/comments";
import type { FeedEvent } from "@/lib/live-events";
import type { ClaimEventDetail } from "@/lib/review";
import type { Database } from "../client";
import type { WithSubqueryWithSelection } from "drizzle-orm/pg-core";
import {
  type AnnotationRow,
  type NewAnnotationRow,
  annotationAnchors,
  annotations,
  claimEvents,
  documentCounts,
  documents,
  revisionEvents,
} from "../schema";
import { type NewClaim, newClaimRow, toAnnotation } from "./annotations";
import { driverRows } from "./read-rows";

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
  const articles = [...new Set(changes.map(({ after }) => after.documentId))];
  // One statement, one round trip: a create holds its article's counts row
  // from its INSERT to its commit, so every trip made in between is waited
  // for by the next claim on that article.
  //
  // Ids in commit order, per article: a writer takes the feed's lock of each
  // article it writes events of before its ids and keeps it until it
  // commits, so no event of an article can become visible with an id below
  // one a reader of that article has seen (a reader resuming after id N
  // misses nothing; readers read one article at a time). One lock per
  // article, not one for the database: writers on different articles do not
  // wait for each other's commits. Taken in the order of the locks' keys
  // (not of the ids: two articles may share a key), so two writers of
  // several articles cannot deadlock on them. The insert
  // reads its rows joined to `feed_lock`, a materialised CTE of one row, so
  // no row (and no id from the sequence) comes before the locks.
  // `with ordinality` keeps the given order in the ids; a JSON null before is
  // no row before. The notifications (the payload is the article's id) are
  // delivered at commit, or never, on rollback, to every app instance
  // listening.
  await db.execute(sql`
    with feed_lock as materialized (
      select count(pg_advisory_xact_lock(${feedLockId}, key)) as locked
      from (select distinct ${articleFeedKey(sql`article`)} as key from jsonb_array_elements_text(${JSON.stringify(articles)}::jsonb) as article order by key) as keys
    ),
    inserted as (
      insert into ${claimEvents} (annotation_id, document_id, action, actor, actor_id, at, before, after, comment, detail)
      select (e.v->>'annotation_id')::uuid, (e.v->>'document_id')::uuid, (e.v->>'action')::claim_action, ${author.name}, ${author.id}::text, ${time},
        nullif(e.v->'before', 'null'::jsonb), e.v->'after', nullif(e.v->'comment', 'null'::jsonb), nullif(e.v->'detail', 'null'::jsonb)
      from jsonb_array_elements(${JSON.stringify(rows)}::jsonb) with ordinality as e(v, n), feed_lock
      order by e.n
      returning 1
    )
    select pg_notify(${claimEventsChannel}, article) from jsonb_array_elements_text(${JSON.stringify(articles)}::jsonb) as article`);
}

/**
 * Stores a new claim, the first entry of its anchoring history and its
 * `created` event in one statement, and notifies the article's listeners at
 * commit; nothing, and no row returned, when its id is taken. Call it in a
 * transaction, as `appendClaimEvents`.
 *
 * One statement because the INSERT locks the article's counts row (the
 * `document_counts` trigger) until the transaction ends: every round trip
 * between it and the commit is waited for by the next claim made on that
 * article. So the event's `after` is built by the database from the row it
 * stores, as `toClaimState` builds it (timestamps as `Date.toISOString`
 * writes them; a test holds the two equal).
 */
export async function insertClaimCreated(db: Database, claim: NewClaim): Promise<AnnotationRow | undefined> {
  const created = db
    .$with("created")
    .as(db.insert(annotations).values(newClaimRow(claim)).onConflictDoNothing({ target: annotations.id }).returning());
  const [row] = await withHistory(db, { name: sql`${claim.author.name}::text`, id: sql`${claim.author.id}::text` }, created);
  return row;
}

/**
 * `insertClaimCreated` in a statement of its own, outside a transaction,
 * when the article `slug` is still the one `claim.documentId` names and
 * still at `claim.revision`: the statement takes its share lock on the
 * article's row (as createClaimFromSelection's transaction does, waiting
 * for a revision being published, then checking the revision it left) and
 * commits as it ends, so the counts row it locks is held no longer than the
 * statement. Undefined when the article is gone or at another revision, or
 * the id is taken: the caller then takes the path that says which.
 *
 * A prepared statement, built once per set of columns (with or without a
 * client's id, an import's provenance): building this statement took
 * Drizzle about as long as the database takes to run it, and sending it
 * unprepared cost a parse, a plan and a round trip more on every create
 * (bench/RESULTS.md, figure 3).
 */
export async function insertClaimAtRevision(db: Database, slug: string, claim: NewClaim): Promise<AnnotationRow | undefined> {
  const row = newClaimRow(claim);
  const keys = Object.keys(row) as (keyof NewAnnotationRow)[];
  const columns = getTableColumns(annotations);
  const values: Record<string, unknown> = { slug, actor: claim.author.name, actorId: claim.author.id };
  for (const key of keys) values[key] = columns[key].mapToDriverValue(row[key]);
  const [created] = await preparedInsertAtRevision(db, keys).execute(values);
  return created;
}

type PreparedInsert = ReturnType<typeof prepareInsertAtRevision>;
const preparedInserts = new WeakMap<Database, Map<string, PreparedInsert>>();

function preparedInsertAtRevision(db: Database, keys: readonly (keyof NewAnnotationRow)[]): PreparedInsert {
  let byKeys = preparedInserts.get(db);
  if (!byKeys) preparedInserts.set(db, (byKeys = new Map()));
  const name = `insert_claim_at_revision(${keys.join(",")})`;
  let prepared = byKeys.get(name);
  if (!prepared) byKeys.set(name, (prepared = prepareInsertAtRevision(db, keys, name)));
  return prepared;
}

/** The statement of `insertClaimAtRevision`: each value a placeholder named as its key, then `slug`, `actor` and `actorId`. */
function prepareInsertAtRevision(db: Database, keys: readonly (keyof NewAnnotationRow)[], name: string) {
  const columns = getTableColumns(annotations);
  const value = (key: keyof NewAnnotationRow) => sql`${sql.placeholder(key)}::${sql.raw(columns[key].getSQLType())}`;
  const created = db.$with("created", columns).as(sql`
    insert into ${annotations} (${sql.join(
      keys.map((key) => sql.identifier(columns[key].name)),
      sql`, `,
    )})
    select ${sql.join(keys.map(value), sql`, `)}
    from (
      select 1 from ${documents}
      where ${documents.slug} = ${sql.placeholder("slug")}::text and ${documents.id} = ${value("documentId")}
        and ${documents.revision} = ${value("createdRevision")}
      for share
    ) as article
    on conflict (id) do nothing
    returning *`);
  const actor = { name: sql`${sql.placeholder("actor")}::text`, id: sql`${sql.placeholder("actorId")}::text` };
  return withHistory(db, actor, created).prepare(name);
}

/**
 * The rest of both: the claim's first anchor row and its `created` event, from
 * the row `created` stores, by `actor` (SQL text values); selects the row.
 */
function withHistory(db: Database, actor: { name: SQL; id: SQL }, created: WithSubqueryWithSelection<typeof annotations._.columns, "created">) {
  // Drizzle wants every column of the table, in its order.
  const anchored = db.$with("anchored").as(
    db
      .insert(annotationAnchors)
      .select(
        db
          .select({
            annotationId: created.id,
            revision: created.createdRevision,
            status: created.status,
            start: created.start,
            end: created.end,
            exact: created.exact,
            method: sql<string>`'created'`.as("method"),
            score: sql<null>`null::real`.as("score"),
            actor: created.createdBy,
            actorId: created.createdById,
            at: created.createdAt,
          })
          .from(created),
      )
      .returning({ revision: annotationAnchors.revision }),
  );
  // The article's feed lock before the event's id, as appendClaimEvents takes it (a
  // CTE with a volatile function is evaluated once, before the rows joined to it).
  // And the article's counts row first, locked as the counts trigger will lock
  // it at the statement's end: every other writer (a retag, a review step, a
  // delete) locks the counts row with its UPDATE and then the feed in a later
  // statement, so a create that took the feed first and then waited for the
  // counts row would deadlock with them. The lateral join locks it, row by
  // row, before the lock is taken in the select list.
  const feedLock = db.$with("feed_lock", { locked: sql<string>`locked` }).as(sql`
    select ${articleFeedLock(created.documentId)}::text as locked
    from ${created}
    left join lateral (
      select 1 from ${documentCounts} counts where counts.document_id = ${created.documentId} for no key update
    ) as counts_locked on true`);
  // Raw SQL: Drizzle's insert from a select names every column, and the
  // feed's ids are an identity column that takes no value.
  const logged = db.$with("logged", { notified: sql<string>`notified` }).as(sql`
    insert into ${claimEvents} (annotation_id, document_id, action, actor, actor_id, at, before, after)
    select ${created.id}, ${created.documentId}, 'created', ${actor.name}, ${actor.id}, ${created.createdAt},
      null, ${claimStateJson(created)}
    from ${created}, ${feedLock}
    returning pg_notify(${claimEventsChannel}, document_id::text)::text as notified`);
  return db.with(created, anchored, feedLock, logged).select().from(created);
}

/** `toClaimState` of a row of `source` (the table's columns), made by the database, as JSON. */
function claimStateJson(source: Record<keyof AnnotationRow, unknown>) {
  const time = (column: unknown) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const state: Record<keyof ClaimState, unknown> = {
    id: source.id,
    documentId: source.documentId,
    start: source.start,
    end: source.end,
    quote: source.exact,
    prefix: source.prefix,
    suffix: source.suffix,
    tag: source.tag,
    note: source.note,
    claimant: source.claimant,
    evidence: source.evidence,
    createdBy: source.createdBy,
    updatedBy: source.updatedBy,
    createdById: source.createdById,
    updatedById: source.updatedById,
    createdAt: time(source.createdAt),
    updatedAt: time(source.updatedAt),
    version: source.version,
    status: source.status,
    previousQuote: source.previousQuote,
    createdRevision: source.createdRevision,
    anchoredRevision: source.anchoredRevision,
    commentCount: source.commentCount,
    reviewState: source.reviewState,
    approvedBy: source.approvedBy,
    approvedById: source.approvedById,
    approvedAt: time(source.approvedAt),
    verdictCount: source.verdictCount,
    verdictsDiffer: source.verdictsDiffer,
    conflicts: source.conflicts,
    provenance: source.provenance,
    deletedAt: time(source.deletedAt),
    deletedBy: source.deletedBy,
  };
  return sql<ClaimState>`jsonb_build_object(${sql.join(
    Object.entries(state).map(([key, value]) => sql`${key}::text, ${value}`),
    sql`, `,
  )})`;
}

/** Arbitrary first key of the advisory locks that order each article's feed ids by commit. */
const feedLockId = 4_718_204;

/**
 * The live feed's lock of the article `documentId` (SQL of its id), to take
 * before appending its events, held to the end of the transaction: an
 * advisory lock whose second key is the id's hash (two articles that share a
 * hash only wait for each other).
 */
export function articleFeedLock(documentId: SQLWrapper | string): SQL {
  return sql`pg_advisory_xact_lock(${feedLockId}, ${articleFeedKey(documentId)})`;
}

/** The second key of an article's feed lock: its id's hash, from the id as a uuid spells it. */
function articleFeedKey(documentId: SQLWrapper | string): SQL {
  return sql`hashtext(${documentId}::uuid::text)`;
}

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
  // One statement, one snapshot (as listArticleFeed reads).
  const claims = db
    .select({ id: max(claimEvents.id).as("id") })
    .from(claimEvents)
    .where(eq(claimEvents.documentId, documentId));
  const [row] = await db
    .select({ claims: sql<number | null>`(${claims})`.mapWith(Number), revisions: max(revisionEvents.id) })
    .from(revisionEvents)
    .where(eq(revisionEvents.documentId, documentId));
  return Math.max(row?.claims ?? 0, row?.revisions ?? 0);
}

/**
 * An article's latest event (a claim's or a revision's) as an entity tag's
 * part: its id and its time, or "0" when it has none. The time tells apart
 * two events with the same id, as a database restored from a backup issues
 * the ids issued after the backup again.
 */
export async function latestFeedEventMark(db: Database, documentId: string): Promise<string> {
  const latestOf = (table: typeof claimEvents | typeof revisionEvents) =>
    sql`(select ${table.id} as id, ${table.at} as at from ${table} where ${table.documentId} = ${documentId} order by ${table.id} desc limit 1)`;
  // One statement, one snapshot; each part the last entry of its (document_id, id) index.
  const rows = await db.execute<{ mark: string }>(
    sql`select id || '-' || (extract(epoch from at) * 1000000)::bigint as mark from (${latestOf(claimEvents)} union all ${latestOf(revisionEvents)}) latest order by id desc limit 1`,
  );
  return driverRows<{ mark: string }>(rows)[0]?.mark ?? "0";
}

/**
 * Records a published revision in the feed, in the transaction that
 * publishes it and after the events of the claims it moved (under the same
 * lock, the article's, so its id is above theirs).
 */
export async function appendRevisionEvent(db: Database, author: Author, documentId: string, revision: number, at: Date): Promise<void> {
  await db.execute(sql`select ${articleFeedLock(documentId)}`);
  await db.insert(revisionEvents).values({ documentId, revision, actor: author.name, actorId: author.id, at });
  await db.execute(sql`select pg_notify(${claimEventsChannel}, ${documentId})`);
}

/**
 * An article's live feed after event `after`, in id order: its claims'
 * changes, and its revisions, each with the claims it moved (their
 * `moved_by_revision` events, made in the same transaction, at its time).
 */
export async function listArticleFeed(db: Database, documentId: string, after: number): Promise<FeedEvent[]> {
  // One snapshot for both reads: a revision and the moves it made commit
  // together, and two reads (two pool connections) could see one and not the other.
  const [changes, revisions] = await db.transaction(
    async (tx) => [
      await listClaimEvents(tx, { documentId, after }),
      await tx
        .select()
        .from(revisionEvents)
        .where(and(eq(revisionEvents.documentId, documentId), gt(revisionEvents.id, after)))
        .orderBy(asc(revisionEvents.id)),
    ],
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  const moves = changes.filter((change) => change.action === "moved_by_revision");
  const feed: FeedEvent[] = changes.filter((change) => change.action !== "moved_by_revision").map((change) => ({ kind: "claim", ...change }));
  for (const revision of revisions) {
    const at = revision.at.toISOString();
    feed.push({ kind: "revision", ...revision, at, moved: moves.filter((move) => move.at === at).map((move) => move.after) });
  }
  return feed.sort((a, b) => a.id - b.id);
}
