import { and, eq, type SQL, sql } from "drizzle-orm";
import { CodePointIndex } from "@/lib/text-offsets";
import { hasLoneSurrogate } from "@/lib/validation";
import type { Author } from "@/lib/author";
import type { Database } from "../client";
import { type DocumentRow, documentRevisions, documents, type NewDocumentRow } from "../schema";

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

/**
 * The article whose slug this is. A slug from an address may hold what no
 * stored slug can (a NUL, from `%00`, which PostgreSQL cannot even compare;
 * half of a surrogate pair, which PGlite sends as bytes that are not UTF-8):
 * it matches nothing, without asking the database.
 */
export function hasSlug(slug: string): SQL {
  return slug.includes("\u0000") || hasLoneSurrogate(slug) ? sql`false` : eq(documents.slug, slug);
}

export async function getDocumentBySlug(db: Database, slug: string): Promise<DocumentRow | undefined> {
  const [row] = await db.select().from(documents).where(hasSlug(slug)).limit(1);
  return row;
}

export async function isSlugTaken(db: Database, slug: string): Promise<boolean> {
  const [row] = await db.select({ id: documents.id }).from(documents).where(hasSlug(slug)).limit(1);
  return row !== undefined;
}

/**
 * Stores a new article as its revision 1. Returns undefined when the slug (or
 * the id) is taken, and stores nothing, so loading `content/` twice adds nothing.
 */
export async function createDocument(db: Database, values: Omit<NewDocumentRow, "revision">, publishedBy: Author): Promise<DocumentRow | undefined> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(documents)
      .values({ ...values, revision: 1 })
      // A slug or an id (a client's, sent again) that is taken: nothing stored.
      .onConflictDoNothing()
      .returning();
    if (!row) return undefined;
    await tx.insert(documentRevisions).values({
      documentId: row.id,
      number: 1,
      text: row.text,
      blocks: row.blocks,
      publishedBy: publishedBy.name,
      publishedById: publishedBy.id,
      publishedAt: row.createdAt,
    });
    return row;
  });
}

export async function getDocumentById(db: Database, id: string): Promise<DocumentRow | undefined> {
  const [row] = await db.select().from(documents).where(eq(documents.id, id)).limit(1);
  return row;
}

/**
 * The id and latest revision of the article `slug`, its row share-locked
 * until the transaction `tx` ends: a revision being published (which locks
 * it for update) waits for it, and it for the revision.
 */
export async function lockDocumentForShare(tx: Database, slug: string): Promise<{ id: string; revision: number } | undefined> {
  const [row] = await tx.select({ id: documents.id, revision: documents.revision }).from(documents).where(hasSlug(slug)).for("share");
  return row;
}

/** An article without its text and blocks: what most requests need. */
export async function getDocumentSummary(db: Database, slug: string) {
  const [row] = await db.select(summaryColumns).from(documents).where(hasSlug(slug)).limit(1);
  return row;
}

/** Texts indexed lately, by article and revision; the oldest goes past this many. */
const indexedTextsKept = 16;
const indexedTexts = new Map<string, CodePointIndex>();

/**
 * The text of an article's revision, indexed by code point, to check and
 * describe the ranges of new claims. A published text never changes (a
 * revision is a new text), so the index is kept per article and revision:
 * creating a claim then reads no text at all, where asking the database to cut
 * the quote would make it decompress and walk the text on every claim.
 */
export async function indexedText(db: Database, document: { id: string; revision: number }): Promise<CodePointIndex> {
  const key = `${document.id}@${document.revision}`;
  let index = indexedTexts.get(key);
  if (index) {
    indexedTexts.delete(key); // Kept as the newest.
  } else {
    const [row] = await db
      .select({ text: documentRevisions.text })
      .from(documentRevisions)
      .where(and(eq(documentRevisions.documentId, document.id), eq(documentRevisions.number, document.revision)));
    if (!row) throw new Error(`article ${document.id} has no revision ${document.revision}`);
    index = new CodePointIndex(row.text);
  }
  indexedTexts.set(key, index);
  if (indexedTexts.size > indexedTextsKept) indexedTexts.delete(indexedTexts.keys().next().value!);
  return index;
}
