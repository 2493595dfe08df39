import { maxArticleBodyBytes, newRevisionInput } from "@/lib/article-input";
import { handle, otherMethods, readJson } from "@/lib/http";
import { requireActor } from "@/server/actor";
import { listArticleRevisions, publishArticleRevision } from "@/server/articles";
import { unwrap } from "@/server/refusal";

type Context = { params: Promise<{ slug: string }> };

export const GET = handle(async (request: Request, { params }: Context) => {
  return Response.json({ revisions: unwrap(await listArticleRevisions(await requireActor(request), (await params).slug)) });
});

export const POST = handle(async (request: Request, { params }: Context) => {
  const actor = await requireActor(request);
  const input = await readJson(request, newRevisionInput, maxArticleBodyBytes);
  const { created, ...result } = unwrap(await publishArticleRevision(actor, (await params).slug, input));
  return Response.json(result, { status: created ? 201 : 200 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
