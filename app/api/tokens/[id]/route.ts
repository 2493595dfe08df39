import { handle, notFound, otherMethods } from "@/lib/http";
import { annotationId } from "@/lib/validation";
import { requireActor } from "@/server/actor";
import { unwrap } from "@/server/refusal";
import { revokeToken } from "@/server/tokens";

type Context = { params: Promise<{ id: string }> };

/** Revokes one of the signed-in person's own tokens: `204`; another's or an unknown one `404`. */
export const DELETE = handle(async (request: Request, { params }: Context) => {
  const actor = await requireActor(request);
  const id = annotationId.safeParse((await params).id);
  if (!id.success) throw notFound("Token");
  unwrap(await revokeToken(actor, id.data));
  return new Response(null, { status: 204 });
});

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods("DELETE");
