import { getDb } from "@/db/client";
import { listDocuments } from "@/db/queries/documents";
import { handle } from "@/lib/http";

export const GET = handle(async () => {
  const documents = await listDocuments(await getDb());
  return Response.json({ documents });
});
