import { handle, otherMethods } from "@/lib/http";
import { requireActor } from "@/server/actor";
import { exportClaims } from "@/server/export";
import { unwrap } from "@/server/refusal";
import { exportLinks, exportResponse, readExportQuery } from "./export-response";

/** Every article's claims matching the review filters, as a download (`?format=w3c|csv|claimreview`). */
export const GET = handle(async (request: Request) => {
  const actor = await requireActor(request);
  const query = readExportQuery(request);
  return exportResponse(unwrap(await exportClaims(actor, query, exportLinks(request))));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
