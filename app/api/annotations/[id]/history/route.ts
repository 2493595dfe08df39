import { handle, otherMethods } from "@/lib/http";
import { requireActor } from "@/server/actor";
import { getClaimHistory } from "@/server/claims";
import { unwrap } from "@/server/refusal";
import { type Context, claimIdFrom } from "../claim-id";

/** Everything that happened to the claim, oldest first: its changes and where it stood on each revision (lib/claim-history.ts). */
export const GET = handle(async (request: Request, context: Context) => {
  const history = unwrap(await getClaimHistory(await requireActor(request), await claimIdFrom(context)));
  return Response.json({ history });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
