import { getDb } from "@/db/client";
import { isDeepStrictEqual } from "node:util";
import { createDocument, getDocumentById, isSlugTaken, listDocuments } from "@/db/queries/documents";
import { maxArticleBodyBytes, newArticleInput, slugify } from "@/lib/article-input";
import { handle, HttpError, otherMethods, readJson, requireReviewer } from "@/lib/http";
import { runOffThread } from "@/lib/worker/article-work";

export const GET = handle(async () => {
  const documents = await listDocuments(await getDb());
  return Response.json({ documents });
});

export const POST = handle(async (request: Request) => {
  const reviewer = requireReviewer(request);
  const { id, text, html, markdown, title, outlet, author, sourceUrl, publishedAt } = await readJson(request, newArticleInput, maxArticleBodyBytes);
  const article = await runOffThread("articleFromInput", { text, html, markdown }, title);
  if (!article) throw new HttpError(400, "empty_article", "The article has no text.");
  const metadata = { outlet: outlet ?? null, author: author ?? null, sourceUrl: sourceUrl ?? null, publishedAt: publishedAt ?? null };
  const values = { title, ...metadata, ...article };

  const db = await getDb();
  // A retry of a create that went through (its answer lost) gets that article, not a second one.
  const existing = async () => {
    const stored = id ? await getDocumentById(db, id) : undefined;
    if (!stored) return undefined;
    const same = (Object.keys(values) as (keyof typeof values)[]).every((key) => isDeepStrictEqual(stored[key], values[key]));
    if (!same) throw new HttpError(409, "id_taken", "Another article already has this id.");
    return Response.json({ document: stored }, { status: 200 });
  };
  const found = await existing();
  if (found) return found;
  const base = slugify(title);
  for (let attempt = 1; attempt <= 50; attempt++) {
    const slug = attempt === 1 ? base : `${base}-${attempt}`;
    if (await isSlugTaken(db, slug)) continue;
    const document = await createDocument(db, { ...(id ? { id } : {}), slug, ...values }, reviewer);
    if (document) return Response.json({ document }, { status: 201 });
    // The same id sent twice at once: the other request stored it.
    const raced = await existing();
    if (raced) return raced;
  }
  throw new HttpError(409, "slug_taken", "Too many articles share this title; change the title.");
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
