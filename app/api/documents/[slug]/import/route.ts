import { z } from "zod";
import { handle, HttpError, otherMethods, readJson } from "@/lib/http";
import { readAnnotationList } from "@/lib/import/w3c";
import { describeIssues } from "@/lib/validation";
import { requireActor } from "@/server/actor";
import { importClaims } from "@/server/import";
import { unwrap } from "@/server/refusal";
import { errorCode } from "@/lib/error-codes";

/** Largest import file read. */
const maxImportBytes = 10 * 1024 * 1024;

// `?skip=unplaceable` imports what can be imported and lists the rest;
// without it an import is all or nothing.
const importQuery = z.object({
  skip: z.literal("unplaceable", { error: "skip must be `unplaceable` or absent" }).optional(),
});

/**
 * Imports W3C annotations (a collection with its first page, a page, or an
 * array) as claims of this article, by the reviewer of the cookie.
 */
export const POST = handle(async (request: Request, { params }: { params: Promise<{ slug: string }> }) => {
  const actor = await requireActor(request);
  const query = importQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw new HttpError(400, errorCode.invalidQuery, describeIssues(query.error));
  // Not checked whole for half surrogate pairs: other tools' fields the import never stores may hold them.
  const list = readAnnotationList(await readJson(request, z.unknown(), maxImportBytes, { wellFormed: false }));
  if ("error" in list) throw new HttpError(400, errorCode.invalidImport, list.error);
  const options = { skipUnplaceable: query.data.skip !== undefined, next: list.next };
  const { created, skipped, comments } = unwrap(await importClaims(actor, (await params).slug, list.items, options));
  const next = list.next ? { next: list.next } : {};
  return Response.json({ created, skipped, comments, ...next }, { status: created.length > 0 ? 201 : 200 });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
