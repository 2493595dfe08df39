import { handle, otherMethods } from "@/lib/http";
import { requireActor } from "@/server/actor";
import { getClaimPlacements } from "@/server/claims";
import { unwrap } from "@/server/refusal";
import { type Context, claimIdFrom } from "../claim-id";

/** Where the claim stood on each revision: who placed it there (or published the revision), when, how. */
export const GET = handle(async (request: Request, context: Context) => {
  const history = unwrap(await getClaimPlacements(await requireActor(request), await claimIdFrom(context)));
  return Response.json({ history });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
