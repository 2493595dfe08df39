import { and, asc, desc, eq, ilike, inArray, isNull, ne, or, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { type Annotation, pick } from "@/lib/annotation";
import { type ExportClaim, exportClaimKeys } from "@/lib/export/links";
import type { ReviewFilters } from "@/lib/review-filters";
import type { Tag } from "@/lib/tags";
import type { Database } from "../client";
import { annotations, claimVerdicts, documents } from "../schema";
import { annotationColumns } from "./annotations";
import { aliased, aliasedKey, readRows } from "./read-rows";

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

function conditions(filters: ReviewFilters, scope: ReviewScope): SQL[] {
  const where: SQL[] = [isNull(annotations.deletedAt)];
  if (scope.documentId) where.push(eq(annotations.documentId, scope.documentId));
  if (filters.tags.length > 0) where.push(inArray(annotations.tag, filters.tags));
  if (filters.reviewer) {
    const name = escapeLike(filters.reviewer);
    where.push(or(ilike(annotations.createdBy, name), ilike(annotations.updatedBy, name))!);
  }
  if (filters.claimant) where.push(ilike(annotations.claimant, escapeLike(filters.claimant)));
  if (filters.states?.length) where.push(inArray(annotations.reviewState, filters.states));
  if (filters.verdictsDiffer) where.push(eq(annotations.verdictsDiffer, true));
  if (filters.q) {
    const pattern = `%${escapeLike(filters.q)}%`;
    where.push(or(ilike(annotations.exact, pattern), ilike(annotations.note, pattern), ilike(annotations.claimant, pattern))!);
  }
  return where;
}

function ordering(filters: ReviewFilters) {
  return filters.sort === "updated"
    ? [desc(annotations.updatedAt), desc(annotations.id)]
    : [asc(documents.slug), asc(annotations.start), asc(annotations.end), asc(annotations.id)];
}

// Within one article the slug is the same on every row, and ordering by it
// too would stop PostgreSQL reading (document, start, end, id) in index order:
// each keyset batch would sort every claim of the article again.
const withinArticle = [asc(annotations.start), asc(annotations.end), asc(annotations.id)];

// Flat columns, not whole rows: no nested object or Date made per row.
const claimColumns = {
  ...annotationColumns,
  slug: documents.slug,
  title: documents.title,
  outlet: documents.outlet,
  sourceUrl: documents.sourceUrl,
};

function selectClaims(db: Database, where: SQL[], order: SQL[], limit: number, offset = 0) {
  return db
    .select(claimColumns)
    .from(annotations)
    .innerJoin(documents, eq(documents.id, annotations.documentId))
    .where(and(...where))
    .orderBy(...order)
    .limit(limit)
    .offset(offset);
}

type Row = Awaited<ReturnType<typeof selectClaims>>[number];
function toReviewClaim({ slug, title, outlet, sourceUrl, ...claim }: Row): ReviewClaim {
  return { ...claim, document: { slug, title, outlet, sourceUrl } };
}

/** One page of matching claims, in the filters' order (by article and position, or latest change first). */
export async function listReviewClaims(
  db: Database,
  filters: ReviewFilters,
  scope: ReviewScope = {},
  page: { limit: number; offset: number } = { limit: 500, offset: 0 },
): Promise<ReviewClaim[]> {
  const rows = await selectClaims(db, conditions(filters, scope), ordering(filters), page.limit, page.offset);
  return rows.map(toReviewClaim);
}

/** One live claim with its article; undefined for an unknown or deleted claim. */
export async function getReviewClaim(db: Database, id: string): Promise<ReviewClaim | undefined> {
  const where = [isNull(annotations.deletedAt), eq(annotations.id, id)];
  const [row] = await selectClaims(db, where, [], 1);
  return row && toReviewClaim(row);
}

/** Most names of each kind offered as suggestions in the filters. */
const namesOffered = 200;

/** The reviewers and claimants of the live claims in scope, sorted: what the filters can match. */
export async function listReviewNames(db: Database, scope: ReviewScope = {}): Promise<{ reviewers: string[]; claimants: string[] }> {
  const where = conditions({ tags: [], sort: "position" }, scope);
  const named = (column: typeof annotations.createdBy | typeof annotations.updatedBy | typeof annotations.claimant) =>
    db
      .selectDistinct({ name: sql<string>`${column}`.as("name") })
      .from(annotations)
      .where(and(...where, ne(column, "")));
  // Sorted without regard to case, whatever the database's collation.
  const sorted = (names: ReturnType<typeof named> | ReturnType<ReturnType<typeof named>["union"]>) => {
    const list = names.as("names");
    return db
      .select({ name: list.name })
      .from(list)
      .orderBy(sql`lower(${list.name})`, list.name)
      .limit(namesOffered);
  };
  const [reviewers, claimants] = await Promise.all([
    sorted(named(annotations.createdBy).union(named(annotations.updatedBy))),
    sorted(named(annotations.claimant)),
  ]);
  return { reviewers: reviewers.map((row) => row.name), claimants: claimants.map((row) => row.name) };
}

/** How many matching claims there are, by tag (tags with none are absent). */
export async function countReviewClaimsByTag(db: Database, filters: ReviewFilters, scope: ReviewScope = {}): Promise<Partial<Record<Tag, number>>> {
  const rows = await db
    .select({ tag: annotations.tag, count: sql<number>`count(*)::int` })
    .from(annotations)
    .where(and(...conditions(filters, scope)))
    .groupBy(annotations.tag);
  return Object.fromEntries(rows.map((row) => [row.tag, Number(row.count)]));
}

/** Claims in the first batch of an export: about 150 KB of W3C JSON-LD. */
const firstBatchSize = 200;

/** A claim of an export batch as read: what exports write, its article's id, and the exact time the next batch starts after. */
type BatchClaim = Omit<ExportClaim, "document"> & { documentId: string; updatedAtCursor: string };

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

/** One keyset batch of claims (see `readRows`). */
function selectBatch(db: Database, where: SQL[], sort: ReviewFilters["sort"], limit: number): Promise<BatchClaim[]> {
  const [rowOrder, keyOrder] =
    sort === "updated"
      ? [
          [desc(annotations.updatedAt), desc(annotations.id)],
          [sql`${aliasedKey("updatedAtCursor")}::timestamptz desc`, sql`${aliasedKey("id")} desc`],
        ]
      : [withinArticle, [aliasedKey("start"), aliasedKey("end"), aliasedKey("id")]];
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
 * (document, start, end, id); by last change, along (updated_at, id). The
 * next batch is asked for before this one is handed over, so that the
 * database reads it while the caller serialises this one.
 */
export async function* streamReviewClaims(
  db: Database,
  filters: ReviewFilters,
  scope: ReviewScope = {},
  batchSize = 2_000,
): AsyncGenerator<ExportClaim[]> {
  const base = conditions(filters, scope);
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
      return { size, claims: await selectBatch(db, last ? [...where, after(last)] : where, filters.sort, size) };
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

  if (filters.sort === "updated") {
    yield* batches(base, (last) => sql`(${annotations.updatedAt}, ${annotations.id}) < (${last.updatedAtCursor}::timestamptz, ${last.id})`);
    return;
  }
  for (const article of articles) {
    yield* batches(
      [...base, eq(annotations.documentId, article.id)],
      ({ start, end, id }) => sql`(${annotations.start}, ${annotations.end}, ${annotations.id}) > (${start}, ${end}, ${id})`,
    );
  }
}
