import { z } from "zod";
import { getDb } from "@/db/client";
import { getDocumentBySlug } from "@/db/queries/documents";
import { listAnnotations } from "@/db/queries/annotations";
import { createAnnotations } from "@/db/queries/import";
import { handle, HttpError, notFound, otherMethods, readJson, requireReviewer } from "@/lib/http";
import { leaveOutDuplicates, planImport } from "@/lib/import/plan";
import { readAnnotationList } from "@/lib/import/w3c";
import { describeIssues } from "@/lib/validation";

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
  const reviewer = requireReviewer(request);
  const query = importQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw new HttpError(400, "invalid_query", describeIssues(query.error));
  // Not checked whole for half surrogate pairs: other tools' fields the import never stores may hold them.
  const list = readAnnotationList(await readJson(request, z.unknown(), maxImportBytes, { wellFormed: false }));
  if ("error" in list) throw new HttpError(400, "invalid_import", list.error);

  const db = await getDb();
  const document = await getDocumentBySlug(db, (await params).slug);
  if (!document) throw notFound("Article");

  const present = (await listAnnotations(db, document.id)).filter((claim) => claim.status === "anchored");
  const { claims, skipped } = leaveOutDuplicates(planImport(document.text, list.items), present);
  const next = list.next ? { next: list.next } : {};
  const failed = skipped.filter((item) => item.reason !== "duplicate");
  if (failed.length > 0 && !query.data.skip) {
    throw new HttpError(
      422,
      "not_importable",
      `${failed.length} of ${list.items.length} annotations cannot be imported, so none was. ` +
        "Fix them, or send the request again with ?skip=unplaceable to import the others.",
      { created: [], skipped: failed, ...next },
    );
  }
  const result = await createAnnotations(db, document, claims, reviewer);
  if (result.kind === "revised") {
    throw new HttpError(409, "article_revised", "The article was revised during the import; nothing was imported. Try again.");
  }
  const created = result.annotations;
  return Response.json({ created, skipped, ...next }, { status: created.length > 0 ? 201 : 200 });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
