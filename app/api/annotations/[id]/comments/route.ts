import { handle, otherMethods, readJson } from "@/lib/http";
import { commentInput, maxBodyBytes } from "@/lib/validation";
import { requireActor } from "@/server/actor";
import { createComment, listClaimComments } from "@/server/comments";
import { unwrap } from "@/server/refusal";
import { type Context, claimIdFrom } from "../claim-id";

/** The claim's thread, oldest first: `{ comments }`. */
export const GET = handle(async (request: Request, context: Context) => {
  const comments = unwrap(await listClaimComments(await requireActor(request), await claimIdFrom(context)));
  return Response.json({ comments });
});

/** Adds a comment, `{ body }` (`@name` mentions a person): `201 { comment }`. */
export const POST = handle(async (request: Request, context: Context) => {
  const actor = await requireActor(request);
  const id = await claimIdFrom(context);
  const { body } = await readJson(request, commentInput, maxBodyBytes);
  return Response.json({ comment: unwrap(await createComment(actor, id, body)) }, { status: 201 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
