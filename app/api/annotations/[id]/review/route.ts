import { handle, otherMethods, readJson } from "@/lib/http";
import { reviewInput } from "@/lib/review-input";
import { maxBodyBytes } from "@/lib/validation";
import { requireActor } from "@/server/actor";
import { reviewClaim } from "@/server/claim-review";
import { unwrap } from "@/server/refusal";
import { type Context, claimIdFrom } from "../claim-id";

/** One review step on a claim (`submit`, `approve`, `request_changes`, `reopen`): `{ annotation }` after it. */
export const POST = handle(async (request: Request, context: Context) => {
  const actor = await requireActor(request);
  const id = await claimIdFrom(context);
  const input = await readJson(request, reviewInput, maxBodyBytes);
  return Response.json({ annotation: unwrap(await reviewClaim(actor, id, input)) });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
