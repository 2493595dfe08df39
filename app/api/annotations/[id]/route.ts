import { getDb } from "@/db/client";
import { deleteAnnotation, updateAnnotation } from "@/db/queries/annotations";
import { HttpError, handle, notFound, readJson, requireReviewer } from "@/lib/http";
import { maxBodyBytes, patchAnnotationInput } from "@/lib/validation";
import { type Context, claimIdFrom } from "./claim-id";

export const PATCH = handle(async (request: Request, context: Context) => {
  const reviewer = requireReviewer(request);
  const id = await claimIdFrom(context);
  const { version, ...changes } = await readJson(request, patchAnnotationInput, maxBodyBytes);
  const result = await updateAnnotation(await getDb(), id, version, changes, reviewer);
  if (result.kind === "not_found") throw notFound("Claim");
  if (result.kind === "conflict") {
    throw new HttpError(409, "version_conflict", `The claim changed since version ${version}.`, {
      annotation: result.annotation,
    });
  }
  return Response.json({ annotation: result.annotation });
});

export const DELETE = handle(async (request: Request, context: Context) => {
  const reviewer = requireReviewer(request);
  const id = await claimIdFrom(context);
  if (!(await deleteAnnotation(await getDb(), id, reviewer))) throw notFound("Claim");
  return new Response(null, { status: 204 });
});
