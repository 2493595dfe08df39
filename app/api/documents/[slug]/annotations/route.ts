import { getDb } from "@/db/client";
import { annotationColumns, editorAnnotationColumns, listAnnotationsJson } from "@/db/queries/annotations";
import { createClaimFromSelection } from "@/db/queries/create-claim";
import { getDocumentSummary } from "@/db/queries/documents";
import { getRevision, listAnnotationsAtRevision } from "@/db/queries/revisions";
import { toEditorAnnotation } from "@/lib/annotation";
import { readRevisionParam } from "@/lib/revision-param";
import { handle, HttpError, notFound, otherMethods, readJson, requireReviewer } from "@/lib/http";
import { createAnnotationInput, maxBodyBytes } from "@/lib/validation";

type Context = { params: Promise<{ slug: string }> };

/**
 * The claims on the latest revision (orphans included, with their status), or
 * as they stood on `?revision=N`. `?fields=editor` gives only what the editor
 * reads of each claim (`EditorAnnotation`): 40% less to send and parse.
 */
export const GET = handle(async (request: Request, { params }: Context) => {
  const revision = readRevisionParam(request);
  const fields = new URL(request.url).searchParams.get("fields");
  if (fields !== null && fields !== "editor") throw new HttpError(400, "invalid_fields", "fields must be `editor` or absent.");
  const db = await getDb();
  const document = await getDocumentSummary(db, (await params).slug);
  if (!document) throw notFound("Article");
  if (revision === undefined || revision === document.revision) {
    const annotations = await listAnnotationsJson(db, document.id, fields ? editorAnnotationColumns : annotationColumns);
    // The revision the offsets count in, so a client can tell whether they fit the text it has.
    return new Response(`{"revision":${document.revision},"annotations":${annotations}}`, { headers: { "content-type": "application/json" } });
  }
  if (!(await getRevision(db, document.id, revision))) throw notFound("Revision");
  const annotations = await listAnnotationsAtRevision(db, document.id, revision);
  return Response.json({ revision, annotations: fields ? annotations.map(toEditorAnnotation) : annotations });
});

export const POST = handle(async (request: Request, { params }: Context) => {
  const reviewer = requireReviewer(request);
  const selection = await readJson(request, createAnnotationInput, maxBodyBytes);
  const result = await createClaimFromSelection(await getDb(), (await params).slug, selection, reviewer);
  switch (result.kind) {
    case "not_found":
      throw notFound("Article");
    case "invalid_revision":
      throw new HttpError(400, "invalid_revision", `revision: the article has no revision ${selection.revision} (the latest is ${result.latest}).`);
    case "invalid_range":
      throw new HttpError(400, "invalid_range", result.message);
    case "revised":
      throw new HttpError(
        409,
        "article_revised",
        `The article was revised (revision ${result.latest}) after these words were selected, and they are not in the latest text as they were: select them again on the latest revision.`,
      );
    case "id_taken":
      throw new HttpError(409, "id_taken", "Another claim already has this id.");
    default:
      return Response.json({ annotation: result.annotation }, { status: result.kind === "created" ? 201 : 200 });
  }
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
