import { getDb } from "@/db/client";
import { getAnnotation, reattachAnnotation } from "@/db/queries/annotations";
import { getDocumentById } from "@/db/queries/documents";
import { errorCode } from "@/lib/error-codes";
import { handle, HttpError, notFound, otherMethods, readJson, requireReviewer } from "@/lib/http";
import { checkRange, describeRange } from "@/lib/selectors";
import { CodePointIndex } from "@/lib/text-offsets";
import { maxBodyBytes, reattachAnnotationInput } from "@/lib/validation";
import { type Context, claimIdFrom } from "../claim-id";

export const POST = handle(async (request: Request, context: Context) => {
  const reviewer = requireReviewer(request);
  const id = await claimIdFrom(context);
  const { version, start, end } = await readJson(request, reattachAnnotationInput, maxBodyBytes);
  const db = await getDb();
  const claim = await getAnnotation(db, id);
  const document = claim && !claim.deletedAt ? await getDocumentById(db, claim.documentId) : undefined;
  if (!document) throw notFound("Claim");
  // A placed claim keeps its words: moving it would be a new claim, not a repair.
  const notOrphan = () => new HttpError(409, errorCode.notOrphan, "Only an orphan can be re-attached: this claim is on the article's words.");
  if (claim!.status !== "orphan") throw notOrphan();

  const text = new CodePointIndex(document.text);
  const problem = checkRange(text.length, start, end);
  if (problem) throw new HttpError(400, "invalid_range", problem);
  const result = await reattachAnnotation(db, id, version, describeRange(text, start, end), document.revision, reviewer);
  if (result.kind === "not_found") throw notFound("Claim");
  if (result.kind === "not_orphan") throw notOrphan();
  if (result.kind === "revised") {
    throw new HttpError(409, errorCode.articleRevised, "The article was revised meanwhile; select the words again on its latest revision.");
  }
  if (result.kind === "conflict") {
    throw new HttpError(409, errorCode.versionConflict, `The claim changed since version ${version}.`, { annotation: result.annotation });
  }
  return Response.json({ annotation: result.annotation });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
