import { maxArticleBodyBytes, newArticleInput } from "@/lib/article-input";
import { handle, otherMethods, readJson } from "@/lib/http";
import { requireActor } from "@/server/actor";
import { addArticle, listArticles } from "@/server/articles";
import { unwrap } from "@/server/refusal";

export const GET = handle(async (request: Request) => {
  return Response.json({ documents: unwrap(await listArticles(await requireActor(request))) });
});

export const POST = handle(async (request: Request) => {
  const actor = await requireActor(request);
  const input = await readJson(request, newArticleInput, maxArticleBodyBytes);
  const { created, document } = unwrap(await addArticle(actor, input));
  return Response.json({ document }, { status: created ? 201 : 200 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
