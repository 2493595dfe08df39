import { getDb } from "@/db/client";
import { getAnnotation } from "@/db/queries/annotations";
import { listAnnotationHistory } from "@/db/queries/revisions";
import { handle, notFound, otherMethods } from "@/lib/http";
import { type Context, claimIdFrom } from "../claim-id";

/** Where the claim stood on each revision: who placed it there (or published the revision), when, how. */
export const GET = handle(async (_request: Request, context: Context) => {
  const id = await claimIdFrom(context);
  const db = await getDb();
  if (!(await getAnnotation(db, id))) throw notFound("Claim");
  return Response.json({ history: await listAnnotationHistory(db, id) });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
