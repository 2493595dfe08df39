import { type AnyColumn, and, asc, desc, eq, inArray, isNull, ne, or, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { type Annotation, pick } from "@/lib/annotation";
import { type ExportClaim, exportClaimKeys } from "@/lib/export/links";
import type { ReviewCursor, ReviewSortKey } from "@/lib/review-cursor";
import { type ReviewFilters, type ReviewSort, searchWords, type SortDirection } from "@/lib/review-filters";
import { type Tag, tags } from "@/lib/tags";
import type { Database } from "../client";
import { annotations, claimNames, type ClaimNameKind, claimVerdicts, comments, documentCounts, documents } from "../schema";
import { annotationColumns } from "./annotations";
import { aliased, aliasedKey, driverRows, readRows } from "./read-rows";

/** A claim with the article it belongs to, as review pages and exports list it. */
export interface ReviewClaim extends Annotation {
  document: { slug: string; title: string; outlet: string | null; sourceUrl: string | null };
}

export interface ReviewScope {
  /** Only this article's claims; all articles when absent. */
  documentId?: string;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * A name containing `part`, in any case and with or without accents ("sam"
 * finds "Sam Ortiz", "jose" finds "José"): read in `claim_names`, whose
 * trigram index on the unaccented name serves parts of 3 letters or more
 * (migration 0018).
 */
function namePart(column: AnyColumn, part: string): SQL {
  return sql`immutable_unaccent(${column}) ilike '%' || immutable_unaccent(${escapeLike(part)}) || '%'`;
}

/** Most names a filter hands the database as a list; past it, as a subquery. */
const namesListed = 5_000;

/**
 * Claims whose `columns` (any of them) hold a name of `kind` containing
 * `part`. The names are matched first, in `claim_names` (a few hundred rows,
 * not every claim, and without unaccenting each claim's name again), then the
 * claims are found by exact name in their btree indexes: as a list of
 * values, so that the planner weighs how many claims they name (a common
 * name: read the list's order and keep the matching rows; a rare one: the
 * names' index). Beyond `namesListed` names, the match goes in as a subquery.
 */
async function hasNamePart(db: Database, kind: ClaimNameKind, part: string, columns: AnyColumn[]): Promise<SQL> {
  const matching = and(eq(claimNames.kind, kind), namePart(claimNames.name, part));
  const rows = await db
    .select({ name: claimNames.name })
    .from(claimNames)
    .where(matching)
    .limit(namesListed + 1);
  if (rows.length === 0) return sql`false`;
  const names = rows.length > namesListed ? db.select({ name: claimNames.name }).from(claimNames).where(matching) : rows.map((row) => row.name);
  return or(...columns.map((column) => inArray(column, names)))!;
}

/**
 * The words a search looks in: quote, note and claimant, without accents, as
 * `simple` words (no stemming and no stop words, so that any word typed can
 * be found), stored with each claim in `search_words` (migration 0021, left
 * out of the Drizzle table so that no select of whole rows carries it).
 */
const searchDocument = sql`"annotations"."search_words"`;

/**
 * The words of `q` as one full-text query: every word, each as a word or
 * the start of one (`bloom` finds "Bloomberg"), so that a search narrows as
 * it is typed. Undefined when `q` holds no word.
 */
function searchQuery(q: string): SQL | undefined {
  const words = searchWords(q);
  if (words.length === 0) return undefined;
  // quote_literal keeps each word one lexeme whatever unaccent makes of it.
  return sql.join(
    words.map((word) => sql`to_tsquery('simple'::regconfig, quote_literal(immutable_unaccent(${word})) || ':*')`),
    sql` && `,
  );
}

/** Live comments holding the words of `query` (their stored `search_words`, migration 0021): their claims' ids. */
const commentsMatching = (query: SQL) => sql`select c.annotation_id from ${comments} c where c.deleted_at is null and c.search_words @@ (${query})`;

/**
 * Claims holding every word of `q` in their quote, note and claimant, or in
 * one live comment of their thread, as one condition: the ids of either
 * half, each read from its own GIN index, gathered once (an array made
 * before the rows are read), which is what an export reads in batches. A
 * page and its count split the search in two instead (`searchHalves`).
 */
function matchesSearch(q: string): SQL {
  const query = searchQuery(q);
  if (!query) return sql`false`;
  // As one `or` with an `exists` on comments, no index serves it; as `in
  // (…)`, a database without statistics (PGlite) may read the union again
  // for every claim.
  return sql`${annotations.id} = any(array(
    select ${annotations.id} from ${annotations} where ${annotations.deletedAt} is null and ${searchDocument} @@ (${query})
    union all
    ${commentsMatching(query)}
  ))`;
}

/**
 * A search as two conditions that no claim meets both of: its own words
 * hold `q`, or only a comment of its thread does. Each is planned on its own
 * with the column's statistics: a word in few claims is read from the GIN
 * index and the matches sorted; a word in many is tested row by row in the
 * page's own order (the stored words, not computed again), which stops at
 * the page's last row, where gathering and sorting every match took seconds
 * at a million claims.
 */
function searchHalves(q: string): [SQL, SQL] {
  const query = searchQuery(q);
  if (!query) return [sql`false`, sql`false`];
  const inWords = sql`${searchDocument} @@ (${query})`;
  return [inWords, sql`${annotations.id} in (${commentsMatching(query)}) and not (${inWords})`];
}

async function conditions(db: Database, filters: ReviewFilters, scope: ReviewScope): Promise<SQL[]> {
  const where: SQL[] = [isNull(annotations.deletedAt)];
  if (scope.documentId) where.push(eq(annotations.documentId, scope.documentId));
  // "All claims" leaves archived articles out (their own review page and export still hold theirs).
  else
    where.push(sql`not exists (select 1 from ${documents} d where d.id = ${sql.raw('"annotations"."document_id"')} and d.archived_at is not null)`);
  if (filters.tags.length > 0) where.push(inArray(annotations.tag, filters.tags));
  if (filters.reviewer) where.push(await hasNamePart(db, "reviewer", filters.reviewer, [annotations.createdBy, annotations.updatedBy]));
  if (filters.claimant) where.push(await hasNamePart(db, "claimant", filters.claimant, [annotations.claimant]));
  if (filters.states?.length) where.push(inArray(annotations.reviewState, filters.states));
  if (filters.verdictsDiffer) where.push(eq(annotations.verdictsDiffer, true));
  if (filters.q) where.push(matchesSearch(filters.q));
  return where;
}

/**
 * The sorts by one column (then id), each read in the order of an index on
 * (column, id) across articles: the column, its type for a cursor's value,
 * and the key it has in a cursor, a page's rows and an export batch.
 */
const columnSorts = {
  tag: { column: annotations.tag, type: "claim_tag", key: "tag", batchKey: "tag" },
  claimant: { column: annotations.claimant, type: "text", key: "claimant", batchKey: "claimant" },
  reviewer: { column: annotations.createdBy, type: "text", key: "createdBy", batchKey: "createdBy" },
  // The exact timestamp as text: a JS Date drops the microseconds a keyset cursor needs.
  updated: { column: annotations.updatedAt, type: "timestamptz", key: "updatedAt", batchKey: "updatedAtCursor" },
  // The enum's own order, the workflow's: draft, in_review, approved (lib/review.ts).
  state: { column: annotations.reviewState, type: "review_state", key: "reviewState", batchKey: "reviewState" },
  comments: { column: annotations.commentCount, type: "int", key: "commentCount", batchKey: "commentCount" },
} as const;

const direction = (dir: SortDirection) => (dir === "asc" ? asc : desc);
/** The comparison that keeps what comes after a key in this direction. */
const after = (dir: SortDirection) => sql.raw(dir === "asc" ? ">" : "<");
const atOrAfter = (dir: SortDirection) => sql.raw(dir === "asc" ? ">=" : "<=");

function ordering(filters: ReviewFilters, scope: ReviewScope): SQL[] {
  const by = direction(filters.dir);
  if (filters.sort !== "position") return [by(columnSorts[filters.sort].column), by(annotations.id)];
  // Within one article the slug is the same on every row, and ordering by it
  // too would stop PostgreSQL reading (document, start, end, id) in index order.
  const position = [by(annotations.start), by(annotations.end), by(annotations.id)];
  return scope.documentId ? position : [by(documents.slug), ...position];
}

/** The value of a cursor's key in its column's sort. */
function columnValue(key: Exclude<ReviewSortKey, { sort: "position" }>): string | number {
  switch (key.sort) {
    case "tag":
      return key.tag;
    case "claimant":
      return key.claimant;
    case "reviewer":
      return key.createdBy;
    case "updated":
      return key.updatedAt;
    case "state":
      return key.reviewState;
    case "comments":
      return key.commentCount;
  }
}

/** The claims that come after `cursor` in the filters' order (keyset pagination). */
function afterCursor({ dir, key }: ReviewCursor, scope: ReviewScope): SQL {
  const op = after(dir);
  if (key.sort !== "position") {
    const { column, type } = columnSorts[key.sort];
    const value = columnValue(key);
    return sql`(${column}, ${annotations.id}) ${op} (${value}::${sql.raw(type)}, ${key.id}::uuid)`;
  }
  const position = sql`(${annotations.start}, ${annotations.end}, ${annotations.id}) ${op} (${key.start}::int, ${key.end}::int, ${key.id}::uuid)`;
  if (scope.documentId) return position;
  // Across articles: a later article, or later in the same one. The first
  // clause alone is what lets PostgreSQL start the articles' index at the slug.
  return sql`${documents.slug} ${atOrAfter(dir)} ${key.slug} and (${documents.slug} ${op} ${key.slug} or (${documents.slug} = ${key.slug} and ${position}))`;
}

// Flat columns, not whole rows: no nested object or Date made per row.
const claimColumns = {
  ...annotationColumns,
  slug: documents.slug,
  title: documents.title,
  outlet: documents.outlet,
  sourceUrl: documents.sourceUrl,
  updatedAtCursor: sql<string>`${annotations.updatedAt}::text`,
};

function selectClaims(db: Database, where: SQL[], order: SQL[], limit: number) {
  return db
    .select(claimColumns)
    .from(annotations)
    .innerJoin(documents, eq(documents.id, annotations.documentId))
    .where(and(...where))
    .orderBy(...order)
    .limit(limit);
}

type Row = Awaited<ReturnType<typeof selectClaims>>[number];
function toReviewClaim({ slug, title, outlet, sourceUrl, updatedAtCursor: _, ...claim }: Row): ReviewClaim {
  return { ...claim, document: { slug, title, outlet, sourceUrl } };
}

/** A row's key in a sort, for the cursor of the page after it. */
function sortKeyOf(
  row: Pick<Row, "id" | "slug" | "start" | "end" | "tag" | "claimant" | "createdBy" | "updatedAtCursor" | "reviewState" | "commentCount">,
  sort: ReviewSort,
): ReviewSortKey {
  switch (sort) {
    case "position":
      return { sort, slug: row.slug, start: row.start, end: row.end, id: row.id };
    case "tag":
      return { sort, tag: row.tag, id: row.id };
    case "claimant":
      return { sort, claimant: row.claimant, id: row.id };
    case "reviewer":
      return { sort, createdBy: row.createdBy, id: row.id };
    case "updated":
      return { sort, updatedAt: row.updatedAtCursor, id: row.id };
    case "state":
      return { sort, reviewState: row.reviewState, id: row.id };
    case "comments":
      return { sort, commentCount: row.commentCount, id: row.id };
  }
}

/** A page of the review list: its claims, and where the next page starts (null on the last). */
export interface ReviewPage {
  claims: ReviewClaim[];
  next: ReviewCursor | null;
}

/**
 * One page of matching claims in the filters' order, after `page.after`
 * (from the first when absent). Every order ends in the claim's id, so it is
 * total and stable: paging on meets every claim once, however many there are.
 */
export async function listReviewPage(
  db: Database,
  filters: ReviewFilters,
  scope: ReviewScope = {},
  page: { limit: number; after?: ReviewCursor } = { limit: 100 },
): Promise<ReviewPage> {
  const where = await conditions(db, { ...filters, q: undefined }, scope);
  if (page.after) where.push(afterCursor(page.after, scope));
  // One more than shown: whether there is a next page, without counting.
  const limit = page.limit + 1;
  let rows: Row[];
  if (filters.q) {
    // Each half's first rows in the page's order, then the first of both (the
    // order's columns by their names in the union; a fresh ordering each,
    // as Drizzle rewrites a union's order in place).
    const [inWords, inComments] = searchHalves(filters.q);
    rows = await db.transaction(async (tx) => {
      // Without parallel workers: a half walked in the page's order stops after a few thousand
      // rows, and starting workers for it cost more than they saved (a common word's comments
      // by last change at a million claims: 40-70 ms with them, 15-35 ms without, under load).
      await tx.execute(sql`set local max_parallel_workers_per_gather = 0`);
      const half = (match: SQL) => selectClaims(tx, [...where, match], ordering(filters, scope), limit);
      return half(inWords)
        .unionAll(half(inComments))
        .orderBy(...ordering(filters, scope))
        .limit(limit);
    });
  } else rows = await selectClaims(db, where, ordering(filters, scope), limit);
  const shown = rows.slice(0, page.limit);
  const last = shown[shown.length - 1];
  const next = rows.length > page.limit ? { dir: filters.dir, key: sortKeyOf(last, filters.sort) } : null;
  return { claims: shown.map(toReviewClaim), next };
}

/** The first `limit` matching claims, in the filters' order. */
export async function listReviewClaims(db: Database, filters: ReviewFilters, scope: ReviewScope = {}, limit = 500): Promise<ReviewClaim[]> {
  return (await listReviewPage(db, filters, scope, { limit })).claims;
}

/** One live claim with its article; undefined for an unknown or deleted claim. */
export async function getReviewClaim(db: Database, id: string): Promise<ReviewClaim | undefined> {
  const where = [isNull(annotations.deletedAt), eq(annotations.id, id)];
  const [row] = await selectClaims(db, where, [], 1);
  return row && toReviewClaim(row);
}

/** Most names of each kind offered as suggestions in the filters. */
const namesOffered = 200;

type NameColumn = typeof annotations.createdBy | typeof annotations.updatedBy | typeof annotations.claimant;

/**
 * The first `namesOffered` distinct non-empty values of a name column among
 * every live claim, in the column's index order, read as a loose index scan
 * (a recursive query that jumps from one name to the next in the
 * (name, id) index of live claims): as many index probes as names, however
 * many claims there are, where `select distinct` would read every claim.
 */
async function firstNames(db: Database, column: NameColumn): Promise<string[]> {
  const name = sql.identifier(column.name);
  const rows = await db.execute<{ name: string }>(sql`
    with recursive names(name) as (
      (select ${name} from annotations where deleted_at is null and ${name} > '' order by ${name} limit 1)
      union all
      select (select ${name} from annotations where deleted_at is null and ${name} > names.name order by ${name} limit 1)
      from names where names.name is not null
    )
    select name from names where name is not null limit ${namesOffered}`);
  return driverRows<{ name: string }>(rows).map((row) => row.name);
}

/** Names sorted without regard to case, whatever the database's collation, at most `namesOffered`. */
function sortedNames(names: Iterable<string>): string[] {
  const byLower = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...new Set(names)].toSorted((a, b) => byLower(a.toLowerCase(), b.toLowerCase()) || byLower(a, b)).slice(0, namesOffered);
}

/** The reviewers and claimants of the live claims in scope, sorted: what the filters can match. */
export async function listReviewNames(db: Database, scope: ReviewScope = {}): Promise<{ reviewers: string[]; claimants: string[] }> {
  if (!scope.documentId) {
    const [creators, editors, claimants] = await Promise.all([
      firstNames(db, annotations.createdBy),
      firstNames(db, annotations.updatedBy),
      firstNames(db, annotations.claimant),
    ]);
    return { reviewers: sortedNames([...creators, ...editors]), claimants: sortedNames(claimants) };
  }
  // One article's claims are few enough to read whole.
  const where = await conditions(db, { tags: [], sort: "position", dir: "asc" }, scope);
  const named = (column: NameColumn) =>
    db
      .selectDistinct({ name: sql<string>`${column}`.as("name") })
      .from(annotations)
      .where(and(...where, ne(column, "")));
  const [creators, editors, claimants] = await Promise.all([named(annotations.createdBy), named(annotations.updatedBy), named(annotations.claimant)]);
  const names = (rows: { name: string }[]) => rows.map((row) => row.name);
  return { reviewers: sortedNames([...names(creators), ...names(editors)]), claimants: sortedNames(names(claimants)) };
}

/** Whether the filters keep every live claim of the scope of some tags: then `document_counts` has counted them. */
function onlyTagsFiltered(filters: ReviewFilters): boolean {
  return !filters.reviewer && !filters.claimant && !filters.q && !filters.states?.length && !filters.verdictsDiffer;
}

/** How many claims match, by tag (tags with none are absent), or that more than `cap` do. */
export type ReviewCount = { capped: false; byTag: Partial<Record<Tag, number>> } | { capped: true; cap: number };

/** Most claims a review page counts, past which it says "more than" (`countReviewClaims`). */
export const reviewCountCap = 1_000;

/**
 * How many matching claims there are, by tag, exact up to `cap`: filtered
 * by tag at most, they are the articles' kept counts added up (a row per
 * article, not a count of every claim, so always exact); otherwise at most
 * `cap + 1` matching claims are read, along the index of the most
 * selective filter, and past `cap` the count says only that there are more
 * (a common word or name matches a hundred thousand claims at a million,
 * and counting them all took longer than the page may).
 */
export async function countReviewClaims(db: Database, filters: ReviewFilters, scope: ReviewScope = {}, cap = reviewCountCap): Promise<ReviewCount> {
  if (onlyTagsFiltered(filters)) {
    const total = (column: AnyColumn) => sql<number>`coalesce(sum(${column}), 0)::int`;
    const [counted] = await db
      .select({ disputed: total(documentCounts.disputed), denied: total(documentCounts.denied), unverified: total(documentCounts.unverified) })
      .from(documentCounts)
      .innerJoin(documents, eq(documents.id, documentCounts.documentId))
      .where(scope.documentId ? eq(documentCounts.documentId, scope.documentId) : isNull(documents.archivedAt));
    const shown = tags.filter((tag) => (filters.tags.length === 0 || filters.tags.includes(tag)) && Number(counted[tag]) > 0);
    return { capped: false, byTag: Object.fromEntries(shown.map((tag) => [tag, Number(counted[tag])])) };
  }
  const where = await conditions(db, { ...filters, q: undefined }, scope);
  const read = Number.isFinite(cap) ? cap + 1 : null;
  const matching = (match?: SQL) => {
    const rows = db
      .select({ tag: annotations.tag })
      .from(annotations)
      .where(and(...where, match));
    return read === null ? rows : rows.limit(read);
  };
  // A search's two halves hold no claim twice: each read with its own plan, one after the other,
  // and the second not at all once the first has passed the cap.
  const halves = filters.q ? searchHalves(filters.q).map((match) => sql`(${matching(match)})`) : [sql`(${matching()})`];
  const limit = read === null ? sql`` : sql` limit ${read}`;
  const result = await db.execute<{ tag: Tag; count: number }>(
    sql`select tag, count(*)::int as count from (select tag from (${sql.join(halves, sql` union all `)}) halves${limit}) matching group by tag`,
  );
  const rows = driverRows<{ tag: Tag; count: number }>(result);
  if (read !== null && rows.reduce((sum, row) => sum + Number(row.count), 0) >= read) return { capped: true, cap };
  return { capped: false, byTag: Object.fromEntries(rows.map((row) => [row.tag, Number(row.count)])) };
}

/** How many matching claims there are, by tag (tags with none are absent), every one counted. */
export async function countReviewClaimsByTag(db: Database, filters: ReviewFilters, scope: ReviewScope = {}): Promise<Partial<Record<Tag, number>>> {
  const counted = await countReviewClaims(db, filters, scope, Infinity);
  return counted.capped ? {} : counted.byTag;
}

/** Claims in the first batch of an export: about 150 KB of W3C JSON-LD. */
const firstBatchSize = 200;

/** A claim of an export batch as read: what exports write, its article's id, and the exact time the next batch starts after. */
type BatchClaim = Omit<ExportClaim, "document" | "comments"> & { documentId: string; updatedAtCursor: string };

/** Who reviewed an approved claim (`ExportClaim.reviewers`): its verdicts' givers, its author first, then its approver. */
const reviewersColumn = sql<string[]>`case when ${annotations.reviewState} = 'approved' then (
  select coalesce(json_agg(r.name order by r.n), '[]'::json) from (
    select name, min(n) as n from (
      select v.by_name as name, row_number() over (order by v.kind, v.at, v.id) as n from ${claimVerdicts} v where v.annotation_id = ${annotations.id}
      union all select ${annotations.approvedBy}, 1000000
    ) named where name is not null group by name
  ) r) else '[]'::json end`;

const batchColumns = {
  ...pick(annotationColumns, exportClaimKeys),
  reviewers: reviewersColumn,
  documentId: annotations.documentId,
  // The exact timestamp as text: a JS Date drops the microseconds a keyset cursor needs.
  updatedAtCursor: sql<string>`${annotations.updatedAt}::text`,
} satisfies Record<keyof BatchClaim, SQLWrapper>;

/** An article's id and what exports name of it (`ExportArticle`). */
const exportArticleColumns = {
  id: documents.id,
  slug: documents.slug,
  title: documents.title,
  outlet: documents.outlet,
  sourceUrl: documents.sourceUrl,
};

/** One keyset batch of claims (see `readRows`), in the filters' order within an article (by position) or across them. */
function selectBatch(db: Database, where: SQL[], filters: ReviewFilters, limit: number): Promise<BatchClaim[]> {
  const by = direction(filters.dir);
  const dir = sql.raw(filters.dir);
  let rowOrder: SQL[];
  let keyOrder: SQL[];
  if (filters.sort === "position") {
    rowOrder = [by(annotations.start), by(annotations.end), by(annotations.id)];
    keyOrder = ["start", "end", "id"].map((key) => sql`${aliasedKey(key)} ${dir}`);
  } else {
    const { column, type, batchKey } = columnSorts[filters.sort];
    rowOrder = [by(column), by(annotations.id)];
    keyOrder = [sql`${aliasedKey(batchKey)}::${sql.raw(type)} ${dir}`, sql`${aliasedKey("id")} ${dir}`];
  }
  const rows = db
    .select(aliased(batchColumns))
    .from(annotations)
    .where(and(...where))
    .orderBy(...rowOrder)
    .limit(limit);
  return readRows<BatchClaim>(db, rows, keyOrder);
}

/**
 * Every matching claim in the filters' order, as exports read them
 * (`ExportClaim`), in batches, so memory stays flat however many there are
 * (exports of 100,000 claims). Batches use keyset pagination (a WHERE on the
 * last row's sort key, not a growing OFFSET), so each is an index range scan:
 * by position, one article after another in slug order, each read along
 * (document, start, end, id); by a column, along (column, id). The
 * next batch is asked for before this one is handed over, so that the
 * database reads it while the caller serialises this one.
 */
export async function* streamReviewClaims(
  db: Database,
  filters: ReviewFilters,
  scope: ReviewScope = {},
  batchSize = 2_000,
): AsyncGenerator<ExportClaim[]> {
  const base = await conditions(db, filters, scope);
  const articles = await db
    .select(exportArticleColumns)
    .from(documents)
    .where(scope.documentId ? eq(documents.id, scope.documentId) : undefined)
    .orderBy(asc(documents.slug));
  const articleById = new Map(articles.map(({ id, ...article }) => [id, article]));
  /** Claims of an article stored after the list above was read (by last change, all articles are read) get it here. */
  const addArticles = async (claims: BatchClaim[]) => {
    const missing = [...new Set(claims.map((claim) => claim.documentId).filter((id) => !articleById.has(id)))];
    if (missing.length === 0) return;
    const found = await db.select(exportArticleColumns).from(documents).where(inArray(documents.id, missing));
    for (const { id, ...article } of found) articleById.set(id, article);
  };

  // The very first batch is small, so that the download starts at once; the
  // others are large, to amortise each query.
  let nextSize = Math.min(batchSize, firstBatchSize);

  /** Batches of `where` in turn, each keyed on the last claim of the one before. */
  async function* batches(where: SQL[], after: (last: BatchClaim) => SQL): AsyncGenerator<ExportClaim[]> {
    const read = async (last?: BatchClaim) => {
      const size = nextSize;
      nextSize = batchSize;
      return { size, claims: await selectBatch(db, last ? [...where, after(last)] : where, filters, size) };
    };
    let pending = read();
    for (;;) {
      const { size, claims } = await pending;
      const full = claims.length === size;
      if (full) {
        pending = read(claims[claims.length - 1]);
        // Marked handled: if the client goes away, nobody awaits the prefetched batch.
        pending.catch(() => undefined);
      }
      await addArticles(claims);
      // Every claim's article exists: claims reference it, and articles are never deleted.
      for (const claim of claims) (claim as BatchClaim & ExportClaim).document = articleById.get(claim.documentId)!;
      if (claims.length > 0) yield claims as (BatchClaim & ExportClaim)[];
      if (!full) return;
    }
  }

  const keyOf = (claim: BatchClaim): ReviewCursor => ({
    dir: filters.dir,
    key: sortKeyOf({ ...claim, slug: "", updatedAtCursor: claim.updatedAtCursor }, filters.sort),
  });
  if (filters.sort !== "position") {
    yield* batches(base, (last) => afterCursor(keyOf(last), scope));
    return;
  }
  for (const article of filters.dir === "asc" ? articles : articles.toReversed()) {
    const inArticle = { documentId: article.id };
    yield* batches([...base, eq(annotations.documentId, article.id)], (last) => afterCursor(keyOf(last), inArticle));
  }
}
