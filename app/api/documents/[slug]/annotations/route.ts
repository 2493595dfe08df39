import { handle, HttpError, otherMethods, readJson } from "@/lib/http";
import { readRevisionParam } from "@/lib/revision-param";
import { createAnnotationInput, maxBodyBytes } from "@/lib/validation";
import { requireActor } from "@/server/actor";
import { createClaim, listClaimsJson } from "@/server/claims";
import { unwrap } from "@/server/refusal";
import { errorCode } from "@/lib/error-codes";

type Context = { params: Promise<{ slug: string }> };

/**
 * The claims on the latest revision (orphans included, with their status), or
 * as they stood on `?revision=N`. `?fields=editor` gives only what the editor
 * reads of each claim (`EditorAnnotation`): 40% less to send and parse.
 * The latest list carries an `ETag`; sent back in `If-None-Match`, an
 * unchanged list is answered `304` with no body.
 */
export const GET = handle(async (request: Request, { params }: Context) => {
  const actor = await requireActor(request);
  const revision = readRevisionParam(request);
  const fields = new URL(request.url).searchParams.get("fields");
  if (fields !== null && fields !== "editor") throw new HttpError(400, errorCode.invalidFields, "fields must be `editor` or absent.");
  const ifNoneMatch = request.headers.get("if-none-match");
  const { body, tag } = unwrap(await listClaimsJson(actor, (await params).slug, { revision, editorFields: fields !== null, ifNoneMatch }));
  // The latest list may be kept by the browser, and is asked for again each time: unchanged, the answer is a bodiless 304.
  const caching: Record<string, string> = tag ? { etag: tag, "cache-control": "private, no-cache" } : {};
  if (body === null) return new Response(null, { status: 304, headers: caching });
  return new Response(body, { headers: { "content-type": "application/json", ...caching } });
});

export const POST = handle(async (request: Request, { params }: Context) => {
  const actor = await requireActor(request);
  const selection = await readJson(request, createAnnotationInput, maxBodyBytes);
  const { created, annotation } = unwrap(await createClaim(actor, (await params).slug, selection));
  return Response.json({ annotation }, { status: created ? 201 : 200 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
