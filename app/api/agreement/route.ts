import { errorCode } from "@/lib/error-codes";
import { handle, HttpError, otherMethods } from "@/lib/http";
import { agreementQuery } from "@/lib/review-input";
import { describeIssues } from "@/lib/validation";
import { requireActor } from "@/server/actor";
import { getAgreement } from "@/server/agreement";
import { unwrap } from "@/server/refusal";

/** Agreement between reviewers (`?document=`, `?pair=userA,userB`): `{ claims, observed, kappa, confusion, disagreements }`. */
export const GET = handle(async (request: Request) => {
  const actor = await requireActor(request);
  const query = agreementQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw new HttpError(400, errorCode.invalidQuery, describeIssues(query.error));
  return Response.json(unwrap(await getAgreement(actor, query.data)));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
