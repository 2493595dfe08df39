import { and, asc, desc, eq, ilike, inArray, isNull, ne, or, type SQL, sql } from "drizzle-orm";
import type { Annotation } from "@/lib/annotation";
import type { ReviewFilters } from "@/lib/review-filters";
import type { Tag } from "@/lib/tags";
import type { Database } from "../client";
import { annotations, documents } from "../schema";
import { annotationColumns } from "./annotations";

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

// Flat columns, not whole rows: exports read 100,000 of them, and every
// nested object or Date made per row shows in their speed.
const claimColumns = {
  ...annotationColumns,
  slug: documents.slug,
  title: documents.title,
  outlet: documents.outlet,
  sourceUrl: documents.sourceUrl,
  // The exact timestamp as text: a JS Date drops the microseconds a keyset cursor needs.
  updatedAtCursor: sql<string>`${annotations.updatedAt}::text`,
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
function toReviewClaim({ slug, title, outlet, sourceUrl, updatedAtCursor: _cursor, ...claim }: Row): ReviewClaim {
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
    return db.select({ name: list.name }).from(list).orderBy(sql`lower(${list.name})`, list.name).limit(namesOffered);
  };
  const [reviewers, claimants] = await Promise.all([
    sorted(named(annotations.createdBy).union(named(annotations.updatedBy))),
    sorted(named(annotations.claimant)),
  ]);
  return { reviewers: reviewers.map((row) => row.name), claimants: claimants.map((row) => row.name) };
}

/** How many matching claims there are, by tag (tags with none are absent). */
export async function countReviewClaimsByTag(
  db: Database,
  filters: ReviewFilters,
  scope: ReviewScope = {},
): Promise<Partial<Record<Tag, number>>> {
  const rows = await db
    .select({ tag: annotations.tag, count: sql<number>`count(*)::int` })
    .from(annotations)
    .where(and(...conditions(filters, scope)))
    .groupBy(annotations.tag);
  return Object.fromEntries(rows.map((row) => [row.tag, Number(row.count)]));
}

/**
 * Every matching claim in the filters' order, fetched in batches so memory
 * stays flat however many there are (exports of 100,000 claims). Batches use
 * keyset pagination (a WHERE on the last row's sort key, not a growing
 * OFFSET), so each is an index range scan: by position, one article after
 * another in slug order, each read along (document, start, end, id); by last
 * change, along (updated_at, id).
 */
export async function* streamReviewClaims(
  db: Database,
  filters: ReviewFilters,
  scope: ReviewScope = {},
  batchSize = 2_000,
): AsyncGenerator<ReviewClaim> {
  const base = conditions(filters, scope);
  if (filters.sort === "updated") {
    let after: Row | undefined;
    for (;;) {
      const where = after
        ? [...base, sql`(${annotations.updatedAt}, ${annotations.id}) < (${after.updatedAtCursor}::timestamptz, ${after.id})`]
        : base;
      const rows = await selectClaims(db, where, ordering(filters), batchSize);
      yield* rows.map(toReviewClaim);
      if (rows.length < batchSize) return;
      after = rows[rows.length - 1];
    }
  }

  const articles = await db
    .select({ id: documents.id })
    .from(documents)
    .where(scope.documentId ? eq(documents.id, scope.documentId) : undefined)
    .orderBy(asc(documents.slug));
  for (const article of articles) {
    let after: Row | undefined;
    for (;;) {
      const where = [...base, eq(annotations.documentId, article.id)];
      if (after) {
        const { start, end, id } = after;
        where.push(sql`(${annotations.start}, ${annotations.end}, ${annotations.id}) > (${start}, ${end}, ${id})`);
      }
      const rows = await selectClaims(db, where, withinArticle, batchSize);
      yield* rows.map(toReviewClaim);
      if (rows.length < batchSize) break;
      after = rows[rows.length - 1];
    }
  }
}
