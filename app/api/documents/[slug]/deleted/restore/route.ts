import { getDb } from "@/db/client";
import { restoreDeletedAnnotations } from "@/db/queries/deleted";
import { getDocumentSummary } from "@/db/queries/documents";
import { restoreDeletedInput } from "@/lib/deleted-filter";
import { handle, notFound, otherMethods, readJson, requireReviewer } from "@/lib/http";
import { maxBodyBytes } from "@/lib/validation";

type Context = { params: Promise<{ slug: string }> };

/** Brings back every claim of the article that `deletedBy` deleted between `from` and `to`. */
export const POST = handle(async (request: Request, { params }: Context) => {
  const reviewer = requireReviewer(request);
  const filter = await readJson(request, restoreDeletedInput, maxBodyBytes);
  const db = await getDb();
  const document = await getDocumentSummary(db, (await params).slug);
  if (!document) throw notFound("Article");
  return Response.json({ restored: await restoreDeletedAnnotations(db, document.id, filter, reviewer) });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
