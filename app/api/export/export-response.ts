import { type ExportEnv, readExportEnv } from "@/db/env";
import { type ExportQuery, parseExportQuery } from "@/lib/export/formats";
import type { ExportLinks } from "@/lib/export/links";
import { HttpError } from "@/lib/http";
import { requestOrigin } from "@/lib/request-origin";
import type { ExportDownload } from "@/server/export";
import { errorCode } from "@/lib/error-codes";

/** The format and filters of an export request; 400 when either is wrong or the format is missing. */
export function readExportQuery(request: Request): ExportQuery {
  const parsed = parseExportQuery(new URL(request.url).searchParams);
  if ("error" in parsed) throw new HttpError(400, errorCode.invalidQuery, parsed.error);
  return parsed;
}

/** The public origin that ids and links in exports are built on. */
export function exportLinks(request: Request, env: ExportEnv = readExportEnv()): ExportLinks {
  return { origin: env.PUBLIC_URL ?? requestOrigin(request.url, request.headers.get("host")) };
}

/** A download as the answer: streamed as the client reads it, saved as its file, never cached or sniffed. */
export function exportResponse(download: ExportDownload): Response {
  return new Response(download.body, {
    headers: {
      "content-type": download.contentType,
      "content-disposition": `attachment; filename="${download.fileName}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
