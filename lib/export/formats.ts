/**
 * The export formats, defined once: the query string that asks for one, and
 * for each its writer, media type and file name. Routes parse with
 * `parseExportQuery` and answer with what `exportFile` gives them.
 */
import { z } from "zod";
import { parseReviewFilters, type ReviewFilters, reviewFiltersToSearchParams } from "../review-filters";
import { claimReviewContentType, type ClaimReviewSettings, claimReviewWriter } from "./claimreview";
import { csvContentType, csvWriter } from "./csv";
import type { ExportLinks } from "./links";
import type { ExportWriter } from "./stream";
import { w3cCollectionWriter, w3cContentType } from "./w3c";

export const exportFormats = ["w3c", "csv", "claimreview"] as const;
export type ExportFormat = (typeof exportFormats)[number];

const formatSchema = z.enum(exportFormats, { error: `format must be one of: ${exportFormats.join(", ")}` });

export interface ExportQuery {
  format: ExportFormat;
  filters: ReviewFilters;
}

/** The format and the review filters of an export's query string; `error` names what is wrong. */
export function parseExportQuery(params: URLSearchParams): ExportQuery | { error: string } {
  const format = formatSchema.safeParse(params.get("format") ?? undefined);
  if (!format.success) return { error: `format: ${format.error.issues[0].message}` };
  const parsed = parseReviewFilters(params);
  if ("error" in parsed) return parsed;
  return { format: format.data, filters: parsed.filters };
}

/** What is exported: one article's claims, or every article's when `article` is absent. */
export interface ExportScope {
  article?: { slug: string; title: string };
}

export interface ExportFile {
  writer: ExportWriter;
  contentType: string;
  fileName: string;
}

/** The canonical URL of an export, filters in a fixed order: the W3C collection's id. */
export function exportUrl(links: ExportLinks, scope: ExportScope, query: ExportQuery): string {
  const path = scope.article ? `/api/documents/${encodeURIComponent(scope.article.slug)}/export` : "/api/export";
  const params = new URLSearchParams({ format: query.format });
  for (const [key, value] of reviewFiltersToSearchParams(query.filters)) params.append(key, value);
  return `${links.origin}${path}?${params}`;
}

/**
 * The writer, media type and download name of an export; a ClaimReview
 * export needs the publishing settings (the caller refuses it without them).
 */
export function exportFile(query: ExportQuery, scope: ExportScope, links: ExportLinks, publishing?: ClaimReviewSettings): ExportFile {
  // Slugs come from file names and titles; keep the download name to safe characters.
  const base = scope.article ? scope.article.slug.replace(/[^\w.-]+/g, "-") : "all";
  switch (query.format) {
    case "w3c":
      return {
        writer: w3cCollectionWriter(links, {
          id: exportUrl(links, scope, query),
          label: scope.article ? `Claims in “${scope.article.title}”` : "Claims in every article",
        }),
        contentType: w3cContentType,
        fileName: `${base}-claims.jsonld`,
      };
    case "csv":
      return { writer: csvWriter(), contentType: csvContentType, fileName: `${base}-claims.csv` };
    case "claimreview":
      if (!publishing) throw new Error("a ClaimReview export needs the publishing settings");
      return {
        writer: claimReviewWriter(publishing),
        contentType: claimReviewContentType,
        fileName: `${base}-claimreview.jsonld`,
      };
  }
}
