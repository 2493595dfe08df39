import { handle, otherMethods } from "@/lib/http";
import { readRevisionParam } from "@/lib/revision-param";
import { requireActor } from "@/server/actor";
import { getArticle } from "@/server/articles";
import { unwrap } from "@/server/refusal";

/** The article's latest text, or an earlier revision's with `?revision=N`. */
export const GET = handle(async (request: Request, { params }: { params: Promise<{ slug: string }> }) => {
  const actor = await requireActor(request);
  const revision = readRevisionParam(request);
  return Response.json({ document: unwrap(await getArticle(actor, (await params).slug, revision)) });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
