import { maxArticleBodyBytes, newArticleInput } from "@/lib/article-input";
import { encodeArticleCursor, parseArticleListQuery } from "@/lib/article-list";
import { errorCode } from "@/lib/error-codes";
import { handle, HttpError, otherMethods, readJson } from "@/lib/http";
import { requireActor } from "@/server/actor";
import { addArticle, listArticles } from "@/server/articles";
import { unwrap } from "@/server/refusal";

/** A page of articles (`q`, `sort`, filters, `after`: see lib/article-list.ts), and the cursor of the next page, or null. */
export const GET = handle(async (request: Request) => {
  const actor = await requireActor(request);
  const parsed = parseArticleListQuery(new URL(request.url).searchParams);
  if ("error" in parsed) throw new HttpError(400, errorCode.invalidQuery, parsed.error);
  const { documents, next } = unwrap(await listArticles(actor, parsed.query));
  return Response.json({ documents, next: next ? encodeArticleCursor(next) : null });
});

export const POST = handle(async (request: Request) => {
  const actor = await requireActor(request);
  const input = await readJson(request, newArticleInput, maxArticleBodyBytes);
  const { created, document, duplicateOf } = unwrap(await addArticle(actor, input));
  return Response.json({ document, ...(duplicateOf ? { duplicateOf } : {}) }, { status: created ? 201 : 200 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
