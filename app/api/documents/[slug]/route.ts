import { getDb } from "@/db/client";
import { getDocumentBySlug } from "@/db/queries/documents";
import { getDocumentAtRevision } from "@/db/queries/revisions";
import { handle, notFound, otherMethods } from "@/lib/http";
import { readRevisionParam } from "@/lib/revision-param";

/** The article's latest text, or an earlier revision's with `?revision=N`. */
export const GET = handle(async (request: Request, { params }: { params: Promise<{ slug: string }> }) => {
  const revision = readRevisionParam(request);
  const db = await getDb();
  const latest = await getDocumentBySlug(db, (await params).slug);
  if (!latest) throw notFound("Article");
  const document = await getDocumentAtRevision(db, latest, revision ?? latest.revision);
  if (!document) throw notFound("Revision");
  return Response.json({ document });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
