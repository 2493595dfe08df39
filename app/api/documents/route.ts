import { getDb } from "@/db/client";
import { createDocument, isSlugTaken, listDocuments } from "@/db/queries/documents";
import { maxArticleBodyBytes, newArticleInput, slugify } from "@/lib/article-input";
import { handle, HttpError, otherMethods, readJson, requireReviewer } from "@/lib/http";
import { runOffThread } from "@/lib/worker/article-work";

export const GET = handle(async () => {
  const documents = await listDocuments(await getDb());
  return Response.json({ documents });
});

export const POST = handle(async (request: Request) => {
  const reviewer = requireReviewer(request);
  const { text, html, markdown, title, ...metadata } = await readJson(request, newArticleInput, maxArticleBodyBytes);
  const article = await runOffThread("articleFromInput", { text, html, markdown }, title);
  if (!article) throw new HttpError(400, "empty_article", "The article has no text.");

  const db = await getDb();
  const base = slugify(title);
  for (let attempt = 1; attempt <= 50; attempt++) {
    const slug = attempt === 1 ? base : `${base}-${attempt}`;
    if (await isSlugTaken(db, slug)) continue;
    const document = await createDocument(db, { slug, title, ...metadata, ...article }, reviewer);
    if (document) return Response.json({ document }, { status: 201 });
  }
  throw new HttpError(409, "slug_taken", "Too many articles share this title; change the title.");
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
