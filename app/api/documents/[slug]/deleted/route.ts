import { getDb } from "@/db/client";
import { listDeletedAnnotations } from "@/db/queries/deleted";
import { getDocumentSummary } from "@/db/queries/documents";
import { deletedQuery } from "@/lib/deleted-filter";
import { handle, HttpError, notFound, otherMethods } from "@/lib/http";
import { describeIssues } from "@/lib/validation";

type Context = { params: Promise<{ slug: string }> };

/** The deleted claims of an article, the latest deletion first, filtered by `deletedBy`, `from`, `to`. */
export const GET = handle(async (request: Request, { params }: Context) => {
  const query = deletedQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw new HttpError(400, "invalid_query", describeIssues(query.error));
  const db = await getDb();
  const document = await getDocumentSummary(db, (await params).slug);
  if (!document) throw notFound("Article");
  return Response.json({ deleted: await listDeletedAnnotations(db, document.id, query.data) });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
