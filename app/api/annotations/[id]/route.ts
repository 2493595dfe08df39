import { exportLinks } from "@/app/api/export/export-response";
import { toW3cAnnotation, w3cContentType } from "@/lib/export/w3c";
import { handle, otherMethods, readJson } from "@/lib/http";
import { maxBodyBytes, patchAnnotationInput } from "@/lib/validation";
import { requireActor } from "@/server/actor";
import { deleteClaim, editClaim, getClaim } from "@/server/claims";
import { unwrap } from "@/server/refusal";
import { type Context, claimIdFrom } from "./claim-id";

/**
 * One live claim: `{ "annotation" }`, or the W3C Annotation when the client
 * asks for JSON-LD (`Accept: application/ld+json`), so that the ids of W3C
 * exports dereference as the Web Annotation Protocol expects.
 */
export const GET = handle(async (request: Request, context: Context) => {
  const claim = unwrap(await getClaim(await requireActor(request), await claimIdFrom(context)));
  const headers = { vary: "Accept" };
  if (/application\/ld\+json/i.test(request.headers.get("accept") ?? "")) {
    const annotation = toW3cAnnotation(claim, exportLinks(request), { standalone: true });
    return Response.json(annotation, { headers: { ...headers, "content-type": w3cContentType } });
  }
  const { document: _article, ...annotation } = claim;
  return Response.json({ annotation }, { headers });
});

export const PATCH = handle(async (request: Request, context: Context) => {
  const actor = await requireActor(request);
  const id = await claimIdFrom(context);
  const input = await readJson(request, patchAnnotationInput, maxBodyBytes);
  return Response.json({ annotation: unwrap(await editClaim(actor, id, input)) });
});

export const DELETE = handle(async (request: Request, context: Context) => {
  const actor = await requireActor(request);
  unwrap(await deleteClaim(actor, await claimIdFrom(context)));
  return new Response(null, { status: 204 });
});

export const { POST, PUT, OPTIONS } = otherMethods("GET", "PATCH", "DELETE");
