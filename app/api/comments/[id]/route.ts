import { handle, notFound, otherMethods, readJson } from "@/lib/http";
import { commentId, commentInput, maxBodyBytes } from "@/lib/validation";
import { requireActor } from "@/server/actor";
import { deleteComment, editComment } from "@/server/comments";
import { unwrap } from "@/server/refusal";

type Context = { params: Promise<{ id: string }> };

/** The comment id from the path, or 404: an id that is not a UUID names no comment. */
async function commentIdFrom({ params }: Context): Promise<string> {
  const parsed = commentId.safeParse((await params).id);
  if (!parsed.success) throw notFound("Comment");
  return parsed.data;
}

/** New words for one's own comment, `{ body }`: `200 { comment }`. */
export const PATCH = handle(async (request: Request, context: Context) => {
  const actor = await requireActor(request);
  const id = await commentIdFrom(context);
  const { body } = await readJson(request, commentInput, maxBodyBytes);
  return Response.json({ comment: unwrap(await editComment(actor, id, body)) });
});

/** Deletes a comment (one's own; editors and admins any): 204. */
export const DELETE = handle(async (request: Request, context: Context) => {
  const actor = await requireActor(request);
  unwrap(await deleteComment(actor, await commentIdFrom(context)));
  return new Response(null, { status: 204 });
});

export const { GET, POST, PUT, OPTIONS } = otherMethods("PATCH", "DELETE");
