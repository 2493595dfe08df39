import { exportLinks, exportResponse, readExportQuery } from "@/app/api/export/export-response";
import { handle, otherMethods } from "@/lib/http";
import { requireActor } from "@/server/actor";
import { exportClaims } from "@/server/export";
import { unwrap } from "@/server/refusal";

/** One article's claims matching the review filters, as a download (`?format=w3c|csv|claimreview`). */
export const GET = handle(async (request: Request, { params }: { params: Promise<{ slug: string }> }) => {
  const actor = await requireActor(request);
  const query = readExportQuery(request);
  const slug = (await params).slug;
  return exportResponse(unwrap(await exportClaims(actor, query, exportLinks(request), slug)));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
