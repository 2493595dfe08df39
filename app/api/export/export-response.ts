import type { Database } from "@/db/client";
import { type ExportEnv, readExportEnv } from "@/db/env";
import { streamReviewClaims } from "@/db/queries/review";
import { refreshStatistics } from "@/db/queries/statistics";
import { exportFile, type ExportQuery, type ExportScope, parseExportQuery } from "@/lib/export/formats";
import type { ExportLinks } from "@/lib/export/links";
import { exportStream } from "@/lib/export/stream";
import { HttpError } from "@/lib/http";
import { requestOrigin } from "@/lib/request-origin";

/** The format and filters of an export request; 400 when either is wrong or the format is missing. */
export function readExportQuery(request: Request): ExportQuery {
  const parsed = parseExportQuery(new URL(request.url).searchParams);
  if ("error" in parsed) throw new HttpError(400, "invalid_query", parsed.error);
  return parsed;
}

/** The public origin that ids and links in exports are built on. */
export function exportLinks(request: Request, env: ExportEnv = readExportEnv()): ExportLinks {
  return { origin: env.PUBLIC_URL ?? requestOrigin(request.url, request.headers.get("host")) };
}

/**
 * A download of the matching claims, streamed from keyset batches as the
 * client reads it. Everything that can be refused has been by now: once the
 * body starts, a database failure can only cut it short.
 */
export async function exportResponse(
  request: Request,
  db: Database,
  query: ExportQuery,
  scope: ExportScope & { documentId?: string },
): Promise<Response> {
  await refreshStatistics(db);
  const env = readExportEnv();
  const links = exportLinks(request, env);
  const organisation = { name: env.REVIEW_ORG_NAME, url: env.REVIEW_ORG_URL ?? links.origin };
  const file = exportFile(query, scope, links, organisation);
  const claims = streamReviewClaims(db, query.filters, { documentId: scope.documentId });
  const body = exportStream(claims, file.writer, {
    onError: (error) => console.error("export cut short", error),
  });
  return new Response(body, {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.fileName}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
