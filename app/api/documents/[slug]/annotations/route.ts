import { getDb } from "@/db/client";
import { createAnnotation, listAnnotationsJson } from "@/db/queries/annotations";
import { getDocumentSummary, indexedText } from "@/db/queries/documents";
import { getRevision, listAnnotationsAtRevision } from "@/db/queries/revisions";
import { readRevisionParam } from "@/lib/revision-param";
import { HttpError, handle, notFound, readJson, requireReviewer } from "@/lib/http";
import { checkRange, describeRange } from "@/lib/selectors";
import { createAnnotationInput, maxBodyBytes } from "@/lib/validation";

type Context = { params: Promise<{ slug: string }> };

/** The claims on the latest revision (orphans included, with their status), or as they stood on `?revision=N`. */
export const GET = handle(async (request: Request, { params }: Context) => {
  const revision = readRevisionParam(request);
  const db = await getDb();
  const document = await getDocumentSummary(db, (await params).slug);
  if (!document) throw notFound("Article");
  if (revision === undefined || revision === document.revision) {
    const annotations = await listAnnotationsJson(db, document.id);
    return new Response(`{"annotations":${annotations}}`, { headers: { "content-type": "application/json" } });
  }
  if (!(await getRevision(db, document.id, revision))) throw notFound("Revision");
  return Response.json({ annotations: await listAnnotationsAtRevision(db, document.id, revision) });
});

export const POST = handle(async (request: Request, { params }: Context) => {
  const reviewer = requireReviewer(request);
  const input = await readJson(request, createAnnotationInput, maxBodyBytes);
  const db = await getDb();
  const document = await getDocumentSummary(db, (await params).slug);
  if (!document) throw notFound("Article");

  const text = await indexedText(db, document);
  const problem = checkRange(text.length, input.start, input.end);
  if (problem) throw new HttpError(400, "invalid_range", problem);

  const { start, end, ...fields } = input;
  const result = await createAnnotation(db, {
    ...fields,
    documentId: document.id,
    revision: document.revision,
    anchor: describeRange(text, start, end),
    reviewer,
  });
  if (result.kind === "id_taken") throw new HttpError(409, "id_taken", "Another claim already has this id.");
  return Response.json({ annotation: result.annotation }, { status: result.kind === "created" ? 201 : 200 });
});
