import { isDeepStrictEqual } from "node:util";
import { getDb } from "@/db/client";
import { getDocumentBySlug, getDocumentSummary } from "@/db/queries/documents";
import { getPublishedRevision, listRevisions, publishRevision } from "@/db/queries/revisions";
import { maxArticleBodyBytes, newRevisionInput } from "@/lib/article-input";
import { handle, HttpError, notFound, otherMethods, readJson, requireReviewer } from "@/lib/http";
import { runOffThread } from "@/lib/worker/article-work";

type Context = { params: Promise<{ slug: string }> };

export const GET = handle(async (_request: Request, { params }: Context) => {
  const db = await getDb();
  const document = await getDocumentSummary(db, (await params).slug);
  if (!document) throw notFound("Article");
  return Response.json({ revisions: await listRevisions(db, document.id) });
});

export const POST = handle(async (request: Request, { params }: Context) => {
  const reviewer = requireReviewer(request);
  const { id, ...input } = await readJson(request, newRevisionInput, maxArticleBodyBytes);
  const db = await getDb();
  const document = await getDocumentBySlug(db, (await params).slug);
  if (!document) throw notFound("Article");
  // Its headline stays when the new text starts with a paragraph, as an article's title does when it is added.
  const [first] = document.blocks;
  const article = await runOffThread("articleFromInput", input, first?.type === "heading" ? first.text : document.title);
  if (!article) throw new HttpError(400, "empty_article", "The revision has no text.");
  // A retry of a publish that went through (its answer lost) gets that answer again.
  const publishedBefore = async () => {
    const published = id ? await getPublishedRevision(db, id) : undefined;
    if (!published) return undefined;
    const same = published.documentId === document.id && published.text === article.text && isDeepStrictEqual(published.blocks, article.blocks);
    if (!same) throw new HttpError(409, "id_taken", "Another revision already has this id.");
    const { number, publishedBy, publishedAt, counts } = published;
    return Response.json({ revision: { number, publishedBy, publishedAt: publishedAt.toISOString() }, ...counts });
  };
  const retried = await publishedBefore();
  if (retried) return retried;
  if (article.text === document.text && isDeepStrictEqual(article.blocks, document.blocks)) {
    throw new HttpError(409, "unchanged", "This text is the same as the latest revision's; nothing to publish.");
  }
  try {
    const result = await publishRevision(db, document.id, article, reviewer, id);
    return Response.json(result, { status: 201 });
  } catch (error) {
    // The same id sent twice at once: the other request published it (this one's insert broke the key, and rolled back).
    const raced = await publishedBefore();
    if (raced) return raced;
    throw error;
  }
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
