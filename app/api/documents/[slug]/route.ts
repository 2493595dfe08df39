import { getDb } from "@/db/client";
import { getDocumentBySlug } from "@/db/queries/documents";
import { handle, notFound } from "@/lib/http";

export const GET = handle(async (_request: Request, { params }: { params: Promise<{ slug: string }> }) => {
  const { slug } = await params;
  const document = await getDocumentBySlug(await getDb(), slug);
  if (!document) throw notFound("Article");
  return Response.json({ document });
});
