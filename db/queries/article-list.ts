/**
 * The home page's list of articles: searched, filtered, sorted and paged by
 * keyset (see lib/article-list.ts). Each sort reads an index in order
 * (`documents_created_idx`, `documents_published_idx`,
 * `document_counts_claims_idx`, `document_counts_review_idx`) from the
 * cursor on, the id breaking ties, so a page deep in the list costs what the
 * first does; a search for a rare word reads the full-text and trigram GIN
 * indexes, for a common one the sort's index (`matchesArticleSearch`).
 */
import { and, desc, eq, gt, isNotNull, isNull, ne, type SQL, sql } from "drizzle-orm";
import type { ArticleCursor, ArticleListQuery, ArticleSort } from "@/lib/article-list";
import type { Tag } from "@/lib/tags";
import type { Database } from "../client";
import { documentCounts, documents, searchMeta } from "../schema";

interface SortOrder {
  /** What the list is ordered by, descending, as its index has it. */
  order: SQL;
  /** The id that breaks ties, from the same index. */
  id: SQL;
  /** The order's value as the cursor's integer key. */
  key: SQL<string>;
  /** The order's value from a cursor's key. */
  fromKey: (key: number) => SQL;
}

const publishedOrDefault = sql`coalesce(${documents.publishedAt}, '0001-01-01'::date)`;

const sortOrders: Record<ArticleSort, SortOrder> = {
  added: {
    order: sql`${documents.createdAt}`,
    id: sql`${documents.id}`,
    key: sql<string>`(extract(epoch from ${documents.createdAt}) * 1000000)::bigint`,
    fromKey: (key) => sql`('epoch'::timestamptz + ${key}::bigint * interval '1 microsecond')`,
  },
  published: {
    // Undated articles last, as if published in year 1.
    order: publishedOrDefault,
    id: sql`${documents.id}`,
    key: sql<string>`(${publishedOrDefault} - '1970-01-01'::date)`,
    fromKey: (key) => sql`('1970-01-01'::date + ${key}::int)`,
  },
  claims: {
    order: sql`${documentCounts.claims}`,
    id: sql`${documentCounts.documentId}`,
    key: sql<string>`${documentCounts.claims}`,
    fromKey: (key) => sql`${key}::int`,
  },
  review: {
    order: sql`${documentCounts.needsReview}`,
    id: sql`${documentCounts.documentId}`,
    key: sql<string>`${documentCounts.needsReview}`,
    fromKey: (key) => sql`${key}::int`,
  },
};

/** Only articles not archived: the default list, and what "all claims" should show (the review pages add it to their filter). */
export const notArchived = isNull(documents.archivedAt);

/**
 * A search of articles: part of the title, outlet, author or URL, or words
 * of the title, outlet, author or text (full-text, English stems). One `or`,
 * so that the planner chooses by how common the word is: a rare word reads
 * the two GIN indexes (the trigrams of `searchMeta`, the stored column
 * `search_words`, see db/schema.ts) and sorts the few articles they give; a
 * common one walks the sort's index and stops at the page's last row. Gathering
 * every match first (a union of the two indexes' ids) read the stored words
 * of all 10,000 articles for a word in each of them (190 ms, against 1 ms).
 * The metadata's `ilike` comes first, as PostgreSQL tests an `or` in order:
 * an article it matches never has its words read.
 */
export function matchesArticleSearch(q: string): SQL {
  const pattern = `%${q.replace(/[\\%_]/g, "\\$&")}%`;
  return sql`(${searchMeta(documents)} ilike ${pattern} or "documents"."search_words" @@ ${allWordsQuery(q)})`;
}

/**
 * `q` as web search syntax (`websearch_to_tsquery`: words, "phrases", or,
 * -not), without accents as the stored words are (migration 0023), a phrase and a hyphenated word asking for all their words rather
 * than for them side by side: the stored words keep no positions (stripped,
 * db/schema.ts), and a phrase operator never matches words without them.
 */
const allWordsQuery = (q: string) =>
  sql`regexp_replace(websearch_to_tsquery('english', public.immutable_unaccent(${q}))::text, '<[0-9-]+>', '&', 'g')::tsquery`;

/** One page of the list, and the cursor of the page after it (undefined on the last page). */
export async function listDocumentPage(db: Database, query: ArticleListQuery) {
  const sort = sortOrders[query.sort];
  const conditions: (SQL | undefined)[] = [
    query.archived ? isNotNull(documents.archivedAt) : notArchived,
    query.q ? matchesArticleSearch(query.q) : undefined,
    query.outlet ? eq(documents.outlet, query.outlet) : undefined,
    query.orphans ? gt(documentCounts.orphans, 0) : undefined,
    query.wordsChanged ? gt(documentCounts.wordsChanged, 0) : undefined,
    query.inReview ? gt(documentCounts.inReview, 0) : undefined,
    query.after ? sql`(${sort.order}, ${sort.id}) < (${sort.fromKey(query.after.key)}, ${query.after.id}::uuid)` : undefined,
  ];
  const rows = await db
    .select({
      id: documents.id,
      slug: documents.slug,
      title: documents.title,
      outlet: documents.outlet,
      sourceUrl: documents.sourceUrl,
      author: documents.author,
      publishedAt: documents.publishedAt,
      revision: documents.revision,
      createdAt: documents.createdAt,
      archivedAt: documents.archivedAt,
      archivedBy: documents.archivedBy,
      disputed: documentCounts.disputed,
      denied: documentCounts.denied,
      unverified: documentCounts.unverified,
      orphans: documentCounts.orphans,
      wordsChanged: documentCounts.wordsChanged,
      claims: documentCounts.claims,
      sortKey: sort.key,
    })
    .from(documents)
    .innerJoin(documentCounts, eq(documentCounts.documentId, documents.id))
    .where(and(...conditions))
    .orderBy(desc(sort.order), desc(sort.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const next: ArticleCursor | undefined =
    rows.length > query.limit && last ? { sort: query.sort, key: Number(last.sortKey), id: last.id } : undefined;
  const documentsOnPage = page.map(({ disputed, denied, unverified, orphans, wordsChanged, claims, sortKey: _sortKey, ...document }) => ({
    ...document,
    claimCounts: { disputed, denied, unverified } satisfies Record<Tag, number>,
    claimCount: claims ?? 0,
    orphanCount: orphans,
    wordsChangedCount: wordsChanged,
  }));
  return { documents: documentsOnPage, next };
}

/** The outlets articles name, for the outlet filter (at most 500, in order). */
export async function listOutlets(db: Database): Promise<string[]> {
  const rows = await db
    .selectDistinct({ outlet: documents.outlet })
    .from(documents)
    // Articles added through the form stored an empty outlet for none until 5 Dec 2026; not a choice.
    .where(and(isNotNull(documents.outlet), ne(documents.outlet, "")))
    .orderBy(documents.outlet)
    .limit(500);
  return rows.map((row) => row.outlet!);
}
