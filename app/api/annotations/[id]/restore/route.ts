import { handle, otherMethods } from "@/lib/http";
import { requireActor } from "@/server/actor";
import { restoreClaim } from "@/server/claims";
import { unwrap } from "@/server/refusal";
import { type Context, claimIdFrom } from "../claim-id";

export const POST = handle(async (request: Request, context: Context) => {
  const actor = await requireActor(request);
  return Response.json({ annotation: unwrap(await restoreClaim(actor, await claimIdFrom(context))) });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
