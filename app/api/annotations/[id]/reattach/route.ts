import { handle, otherMethods, readJson } from "@/lib/http";
import { maxBodyBytes, reattachAnnotationInput } from "@/lib/validation";
import { requireActor } from "@/server/actor";
import { reattachClaim } from "@/server/claims";
import { unwrap } from "@/server/refusal";
import { type Context, claimIdFrom } from "../claim-id";

export const POST = handle(async (request: Request, context: Context) => {
  const actor = await requireActor(request);
  const id = await claimIdFrom(context);
  const input = await readJson(request, reattachAnnotationInput, maxBodyBytes);
  return Response.json({ annotation: unwrap(await reattachClaim(actor, id, input)) });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
