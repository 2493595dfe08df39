/**
 * Exporting claims: the matching claims of one article or of all, streamed
 * in one of the export formats from keyset batches as the client reads.
 */
import "server-only";
import { getDb } from "@/db/client";
import { readExportEnv } from "@/db/env";
import { getDocumentSummary } from "@/db/queries/documents";
import { listCommentsOfClaims } from "@/db/queries/comments";
import { streamReviewClaims } from "@/db/queries/review";
import type { Database } from "@/db/client";
import type { ExportClaim } from "@/lib/export/links";
import { exportFile, type ExportQuery } from "@/lib/export/formats";
import type { ExportLinks } from "@/lib/export/links";
import { exportStream } from "@/lib/export/stream";
import type { Actor } from "./actor";
import { notFound, type Outcome, refuse } from "./refusal";
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
  await refreshStatistics(db);
  const env = readExportEnv();
  const organisation = { name: env.REVIEW_ORG_NAME, url: env.REVIEW_ORG_URL ?? links.origin };
  const scope = document ? { article: { slug: document.slug, title: document.title } } : {};
  const file = exportFile(query, scope, links, organisation);
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
