import { getDb } from "@/db/client";
import { restoreAnnotation } from "@/db/queries/annotations";
import { handle, notFound, otherMethods, requireReviewer } from "@/lib/http";
import { type Context, claimIdFrom } from "../claim-id";

export const POST = handle(async (request: Request, context: Context) => {
  const reviewer = requireReviewer(request);
  const id = await claimIdFrom(context);
  const annotation = await restoreAnnotation(await getDb(), id, reviewer);
  if (!annotation) throw notFound("Claim");
  return Response.json({ annotation });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
