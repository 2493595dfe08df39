import { asc, eq } from "drizzle-orm";
import type { Database } from "../client";
import { documents, type DocumentRow, type NewDocumentRow } from "../schema";

/** Every article, oldest first, without its text. */
export async function listDocuments(db: Database) {
  return db
    .select({
      id: documents.id,
      slug: documents.slug,
      title: documents.title,
      outlet: documents.outlet,
      sourceUrl: documents.sourceUrl,
      author: documents.author,
      publishedAt: documents.publishedAt,
      createdAt: documents.createdAt,
    })
    .from(documents)
    .orderBy(asc(documents.createdAt), asc(documents.slug));
}

export async function getDocumentBySlug(db: Database, slug: string): Promise<DocumentRow | undefined> {
  const [row] = await db.select().from(documents).where(eq(documents.slug, slug)).limit(1);
  return row;
}

export async function insertDocument(db: Database, values: NewDocumentRow): Promise<DocumentRow> {
  const [row] = await db.insert(documents).values(values).returning();
  return row;
}
