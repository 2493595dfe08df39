import { asc, eq, type SQL, sql } from "drizzle-orm";
import { quoteContextLength } from "@/lib/selectors";
import { type Tag, tags } from "@/lib/tags";
import type { Database } from "../client";
import { annotations, type DocumentRow, documentRevisions, documents, type NewDocumentRow } from "../schema";

/** An article's metadata: everything but its text and blocks, which may weigh megabytes. */
const summaryColumns = {
  id: documents.id,
  slug: documents.slug,
  title: documents.title,
  outlet: documents.outlet,
  sourceUrl: documents.sourceUrl,
  author: documents.author,
  publishedAt: documents.publishedAt,
  revision: documents.revision,
  createdAt: documents.createdAt,
};

const countOf = (condition: SQL) => sql<number>`count(${annotations.id}) filter (where ${condition})::int`;

/** Every article, oldest first, without its text, with its live claims counted by tag and its orphans. */
export async function listDocuments(db: Database) {
  const rows = await db
    .select({
      ...summaryColumns,
      counts: sql<Record<Tag, number>>`json_build_object(${sql.join(
        tags.map((tag) => sql`${tag}::text, ${countOf(sql`${annotations.tag} = ${tag}`)}`),
        sql`, `,
      )})`,
      orphans: countOf(sql`${annotations.status} = 'orphan'`),
    })
    .from(documents)
    .leftJoin(annotations, sql`${annotations.documentId} = ${documents.id} and ${annotations.deletedAt} is null`)
    .groupBy(documents.id)
    .orderBy(asc(documents.createdAt), asc(documents.slug));
  return rows.map(({ counts, orphans, ...document }) => ({
    ...document,
    claimCounts: Object.fromEntries(tags.map((tag) => [tag, Number(counts[tag] ?? 0)])) as Record<Tag, number>,
    orphanCount: Number(orphans),
  }));
}

export async function getDocumentBySlug(db: Database, slug: string): Promise<DocumentRow | undefined> {
  const [row] = await db.select().from(documents).where(eq(documents.slug, slug)).limit(1);
  return row;
}

export async function isSlugTaken(db: Database, slug: string): Promise<boolean> {
  const [row] = await db.select({ id: documents.id }).from(documents).where(eq(documents.slug, slug)).limit(1);
  return row !== undefined;
}

/**
 * Stores a new article as its revision 1. Returns undefined when the slug is
 * taken (and stores nothing), so loading `content/` twice adds nothing.
 */
export async function createDocument(
  db: Database,
  values: Omit<NewDocumentRow, "revision">,
  publishedBy: string,
): Promise<DocumentRow | undefined> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(documents)
      .values({ ...values, revision: 1 })
      .onConflictDoNothing({ target: documents.slug })
      .returning();
    if (!row) return undefined;
    await tx.insert(documentRevisions).values({
      documentId: row.id,
      number: 1,
      text: row.text,
      blocks: row.blocks,
      publishedBy,
      publishedAt: row.createdAt,
    });
    return row;
  });
}

export async function getDocumentById(db: Database, id: string): Promise<DocumentRow | undefined> {
  const [row] = await db.select().from(documents).where(eq(documents.id, id)).limit(1);
  return row;
}

/** An article without its text and blocks, with the text's length: what most requests need. */
export async function getDocumentSummary(db: Database, slug: string) {
  const [row] = await db
    .select({
      ...summaryColumns,
      // PostgreSQL counts characters in code points, as offsets do.
      length: sql<number>`char_length(${documents.text})`,
    })
    .from(documents)
    .where(eq(documents.slug, slug))
    .limit(1);
  return row && { ...row, length: Number(row.length) };
}

/**
 * The TextQuoteSelector of [start, end) in an article's current text, cut by
 * the database (whose string functions count code points, as offsets do) so
 * the whole text never travels for one claim. The range must be valid.
 */
export async function quoteAt(db: Database, documentId: string, start: number, end: number, context = quoteContextLength) {
  const from = Math.max(0, start - context);
  const [row] = await db
    .select({
      exact: sql<string>`substr(${documents.text}, ${start + 1}::int, ${end - start}::int)`,
      prefix: sql<string>`substr(${documents.text}, ${from + 1}::int, ${start - from}::int)`,
      suffix: sql<string>`substr(${documents.text}, ${end + 1}::int, ${context}::int)`,
    })
    .from(documents)
    .where(eq(documents.id, documentId));
  return { start, end, exact: row.exact, prefix: row.prefix, suffix: row.suffix };
}
