import { getDb } from "@/db/client";
import { handle, otherMethods } from "@/lib/http";
import { exportResponse, readExportQuery } from "./export-response";

/** Every article's claims matching the review filters, as a download (`?format=w3c|csv|claimreview`). */
export const GET = handle(async (request: Request) => {
  const query = readExportQuery(request);
  return exportResponse(request, await getDb(), query, {});
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
