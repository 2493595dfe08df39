/**
 * Exporting claims: the matching claims of one article or of all, streamed
 * in one of the export formats from keyset batches as the client reads.
 */
import "server-only";
import { getDb } from "@/db/client";
import type { Database } from "@/db/client";
import { getPublishingSettings } from "@/db/queries/settings";
import type { ClaimReviewSettings } from "@/lib/export/claimreview";
import { errorCode } from "@/lib/error-codes";
import { missingForClaimReview } from "@/lib/settings";
import { getDocumentSummary } from "@/db/queries/documents";
import { listCommentsOfClaims } from "@/db/queries/comments";
import { streamReviewClaims } from "@/db/queries/review";
import type { ExportClaim } from "@/lib/export/links";
import { exportFile, type ExportQuery } from "@/lib/export/formats";
import type { ExportLinks } from "@/lib/export/links";
import { exportStream } from "@/lib/export/stream";
import type { Actor } from "./actor";
import { notFound, type Outcome, Refusal, refuse } from "./refusal";
import { refreshStatistics } from "./statistics";

/** A download: its type, its file name, and its bytes as they are made. */
export interface ExportDownload {
  contentType: string;
  fileName: string;
  body: ReadableStream<Uint8Array>;
}

/**
 * The claims matching `query`'s filters, of the article `slug` or of every
 * article, in `query`'s format, with ids and links on `links`. Everything
 * that can be refused is refused before the body starts: once it has, a
 * database failure can only cut it short.
 */
export async function exportClaims(actor: Actor, query: ExportQuery, links: ExportLinks, slug?: string): Promise<Outcome<ExportDownload>> {
  const refused = refuse(actor, "export", { kind: "article", slug });
  if (refused) return refused;
  const db = await getDb();
  const document = slug === undefined ? undefined : await getDocumentSummary(db, slug);
  if (slug !== undefined && !document) return notFound("Article");
  const publishing = query.format === "claimreview" ? await claimReviewSettings(db) : undefined;
  if (publishing instanceof Refusal) return publishing;
  await refreshStatistics(db);
  const scope = document ? { article: { slug: document.slug, title: document.title } } : {};
  const file = exportFile(query, scope, links, publishing);
  const batches = streamReviewClaims(db, query.filters, { documentId: document?.id });
  // W3C writes each claim's discussion after it (as replies); the other formats only count it.
  const claims = query.format === "w3c" ? withComments(db, batches) : batches;
  const body = exportStream(claims, file.writer, {
    onError: (error) => console.error("export cut short", error),
  });
  return { contentType: file.contentType, fileName: file.fileName, body };
}

/** Each batch with the threads of its claims that have comments. */
async function* withComments(db: Database, batches: AsyncIterable<ExportClaim[]>): AsyncGenerator<ExportClaim[]> {
  for await (const batch of batches) {
    const ids = batch.filter((claim) => claim.commentCount > 0).map((claim) => claim.id);
    const threads = ids.length > 0 ? await listCommentsOfClaims(db, ids) : new Map();
    yield batch.map((claim) => (threads.has(claim.id) ? { ...claim, comments: threads.get(claim.id) } : claim));
  }
}

/**
 * The publishing settings a ClaimReview is built on, or `409
 * settings_missing` naming those an admin has not set (no address is
 * invented in their place).
 */
async function claimReviewSettings(db: Database): Promise<ClaimReviewSettings | Refusal> {
  const settings = await getPublishingSettings(db);
  const missing = missingForClaimReview(settings);
  if (settings.publisher && settings.publicBaseUrl) return { publisher: settings.publisher, publicBaseUrl: settings.publicBaseUrl };
  const names = { publisher: "the publisher (name and URL)", publicBaseUrl: "the public base URL of the fact-checks" };
  return new Refusal(
    "conflict",
    errorCode.settingsMissing,
    `A ClaimReview export needs ${missing.map((key) => names[key]).join(" and ")}: an admin sets them in the settings (PATCH /api/settings).`,
    { missing },
  );
}
