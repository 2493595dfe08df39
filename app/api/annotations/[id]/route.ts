import { exportLinks } from "@/app/api/export/export-response";
import { getDb } from "@/db/client";
import { deleteAnnotation, updateAnnotation } from "@/db/queries/annotations";
import { getReviewClaim } from "@/db/queries/review";
import { toW3cAnnotation, w3cContentType } from "@/lib/export/w3c";
import { handle, HttpError, notFound, otherMethods, readJson, requireReviewer } from "@/lib/http";
import { maxBodyBytes, patchAnnotationInput } from "@/lib/validation";
import { type Context, claimIdFrom } from "./claim-id";

/**
 * One live claim: `{ "annotation" }`, or the W3C Annotation when the client
 * asks for JSON-LD (`Accept: application/ld+json`), so that the ids of W3C
 * exports dereference as the Web Annotation Protocol expects.
 */
export const GET = handle(async (request: Request, context: Context) => {
  const id = await claimIdFrom(context);
  const claim = await getReviewClaim(await getDb(), id);
  if (!claim) throw notFound("Claim");
  const headers = { vary: "Accept" };
  if (/application\/ld\+json/i.test(request.headers.get("accept") ?? "")) {
    const annotation = toW3cAnnotation(claim, exportLinks(request), { standalone: true });
    return Response.json(annotation, { headers: { ...headers, "content-type": w3cContentType } });
  }
  const { document: _article, ...annotation } = claim;
  return Response.json({ annotation }, { headers });
});

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

export const { POST, PUT, OPTIONS } = otherMethods("GET", "PATCH", "DELETE");
