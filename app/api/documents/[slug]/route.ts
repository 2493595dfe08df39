import { errorCode } from "@/lib/error-codes";
import { handle, HttpError, otherMethods } from "@/lib/http";
import { readRevisionParam } from "@/lib/revision-param";
import { requireActor } from "@/server/actor";
import { deleteArticle } from "@/server/article-lifecycle";
import { getArticle } from "@/server/articles";
import { unwrap } from "@/server/refusal";

/** The article's latest text, or an earlier revision's with `?revision=N`. */
export const GET = handle(async (request: Request, { params }: { params: Promise<{ slug: string }> }) => {
  const actor = await requireActor(request);
  const revision = readRevisionParam(request);
  return Response.json({ document: unwrap(await getArticle(actor, (await params).slug, revision)) });
});

/** Deletes the article and everything of it (admins), when `?confirm=` is the number of its live claims. */
export const DELETE = handle(async (request: Request, { params }: { params: Promise<{ slug: string }> }) => {
  const actor = await requireActor(request);
  const confirm = new URL(request.url).searchParams.get("confirm");
  if (confirm !== null && !/^\d{1,9}$/.test(confirm))
    throw new HttpError(400, errorCode.invalidQuery, "confirm must be the number of the article's claims.");
  unwrap(await deleteArticle(actor, (await params).slug, confirm === null ? undefined : Number(confirm)));
  return new Response(null, { status: 204 });
});

export const { POST, PUT, PATCH, OPTIONS } = otherMethods("GET", "DELETE");
