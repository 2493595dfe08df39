import { getDb } from "@/db/client";
import { getDocumentSummary } from "@/db/queries/documents";
import { handle, notFound, otherMethods } from "@/lib/http";
import { exportResponse, readExportQuery } from "@/app/api/export/export-response";

/** One article's claims matching the review filters, as a download (`?format=w3c|csv|claimreview`). */
export const GET = handle(async (request: Request, { params }: { params: Promise<{ slug: string }> }) => {
  const query = readExportQuery(request);
  const db = await getDb();
  const document = await getDocumentSummary(db, (await params).slug);
  if (!document) throw notFound("Article");
  return exportResponse(request, db, query, {
    documentId: document.id,
    article: { slug: document.slug, title: document.title },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
