import { handle, otherMethods, readJson } from "@/lib/http";
import { verdictInput } from "@/lib/review-input";
import { maxBodyBytes } from "@/lib/validation";
import { requireActor } from "@/server/actor";
import { giveVerdict, listClaimVerdicts } from "@/server/claim-review";
import { unwrap } from "@/server/refusal";
import { type Context, claimIdFrom } from "../claim-id";

/** The claim's verdicts, the author's first: `403` to a reviewer who has not given theirs. */
export const GET = handle(async (request: Request, context: Context) => {
  const actor = await requireActor(request);
  return Response.json({ verdicts: unwrap(await listClaimVerdicts(actor, await claimIdFrom(context))) });
});

/** A second verdict on a claim in review: `201 { verdict, annotation }`. */
export const POST = handle(async (request: Request, context: Context) => {
  const actor = await requireActor(request);
  const id = await claimIdFrom(context);
  const input = await readJson(request, verdictInput, maxBodyBytes);
  return Response.json(unwrap(await giveVerdict(actor, id, input)), { status: 201 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
