import { articlePreviewInput, maxArticleBodyBytes } from "@/lib/article-input";
import { handle, otherMethods, readJson } from "@/lib/http";
import { requireActor } from "@/server/actor";
import { previewArticle } from "@/server/articles";
import { unwrap } from "@/server/refusal";

/** The blocks an article would be added as, and its page-furniture lines; stores nothing. */
export const POST = handle(async (request: Request) => {
  const actor = await requireActor(request);
  const input = await readJson(request, articlePreviewInput, maxArticleBodyBytes);
  return Response.json(unwrap(await previewArticle(actor, input)));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
