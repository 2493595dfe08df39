/**
 * An article as a whole: archived and unarchived, deleted (with its claims,
 * revisions and history, by the foreign keys' cascade), each recorded in
 * `article_events`; and the articles a new one would duplicate.
 */
import { and, desc, eq, isNotNull, or, sql } from "drizzle-orm";
import type { Author } from "@/lib/author";
import type { Database } from "../client";
import { type ArticleAction, articleEvents, documentCounts, documents, sourceUrlKey, textHash } from "../schema";
import { hasSlug } from "./documents";

/** An article's identity and live claims, its row locked for update until `tx` ends. */
export async function lockArticle(tx: Database, slug: string) {
  const [row] = await tx
    .select({
      id: documents.id,
      slug: documents.slug,
      title: documents.title,
      archivedAt: documents.archivedAt,
      archivedBy: documents.archivedBy,
      claimCount: documentCounts.claims,
    })
    .from(documents)
    .innerJoin(documentCounts, eq(documentCounts.documentId, documents.id))
    .where(hasSlug(slug))
    .for("update", { of: documents });
  return row ? { ...row, claimCount: row.claimCount ?? 0 } : undefined;
}

/** The live claims an article has (the count a deletion confirms), or undefined for no such article. */
export async function getArticleClaimCount(db: Database, slug: string): Promise<number | undefined> {
  const [row] = await db
    .select({ claims: documentCounts.claims })
    .from(documents)
    .innerJoin(documentCounts, eq(documentCounts.documentId, documents.id))
    .where(hasSlug(slug));
  return row ? (row.claims ?? 0) : undefined;
}

/** Archives (`at` a time) or unarchives (`at` null) an article; returns its new archive fields. */
export async function setArchived(tx: Database, id: string, archived: { at: Date; by: Author } | null) {
  const [row] = await tx
    .update(documents)
    .set(
      archived
        ? { archivedAt: archived.at, archivedBy: archived.by.name, archivedById: archived.by.id }
        : { archivedAt: null, archivedBy: null, archivedById: null },
    )
    .where(eq(documents.id, id))
    .returning({ archivedAt: documents.archivedAt, archivedBy: documents.archivedBy });
  return row;
}

/** Deletes an article and, by cascade, everything of it. */
export async function deleteDocument(tx: Database, id: string): Promise<void> {
  await tx.delete(documents).where(eq(documents.id, id));
}

/** Records what was done to an article, by whom. */
export async function insertArticleEvent(
  tx: Database,
  article: { id: string; slug: string; title: string; claimCount: number },
  action: ArticleAction,
  actor: Author,
): Promise<void> {
  await tx.insert(articleEvents).values({
    documentId: article.id,
    slug: article.slug,
    title: article.title,
    claimCount: article.claimCount,
    action,
    actor: actor.name,
    actorId: actor.id,
  });
}

/** What was done to an article as a whole, the latest first. */
export async function listArticleEvents(db: Database, documentId: string) {
  return db.select().from(articleEvents).where(eq(articleEvents.documentId, documentId)).orderBy(desc(articleEvents.id));
}

/** Arbitrary key of the advisory lock under which articles are added, one at a time. */
const articleAddLockId = 4_718_207;

/**
 * Holds, until `tx` ends, the lock that adds of articles take before they
 * look for the article they repeat and store themselves: of two adds of one
 * article sent at once, the second finds the first. Articles come a few an
 * hour, so one at a time costs nothing.
 */
export async function lockArticleAdds(tx: Database): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${articleAddLockId})`);
}

/**
 * The article, archived or not, that a new one with this source URL or
 * this text would duplicate (the earliest added), and what matched.
 */
export async function findDuplicateDocument(db: Database, candidate: { sourceUrl: string | null; text: string }) {
  const byUrl = candidate.sourceUrl
    ? and(isNotNull(documents.sourceUrl), sql`${sourceUrlKey(documents)} = ${sourceUrlKey({ sourceUrl: sql`${candidate.sourceUrl}::text` })}`)
    : undefined;
  const byText = sql`${textHash(documents)} = md5(${candidate.text}::text)`;
  const [row] = await db
    .select({
      slug: documents.slug,
      title: documents.title,
      archived: sql<boolean>`${documents.archivedAt} is not null`,
      sameUrl: byUrl ? sql<boolean>`${byUrl}` : sql<boolean>`false`,
    })
    .from(documents)
    .where(byUrl ? or(byUrl, byText) : byText)
    .orderBy(documents.createdAt, documents.id)
    .limit(1);
  return row
    ? { slug: row.slug, title: row.title, matchedBy: row.sameUrl ? ("sourceUrl" as const) : ("text" as const), archived: row.archived }
    : undefined;
}
