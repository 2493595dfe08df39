/**
 * What every export format is made from, and the addresses they point to.
 * Exports are built on plain claims with their article, so the mappings here
 * know nothing of the database or of HTTP; the route hands them the app's
 * public origin, and every address is derived from it.
 */
import type { Annotation } from "../annotation";
import type { Comment } from "../comments";

/** The article a claim belongs to, as much of it as exports name. */
export interface ExportArticle {
  slug: string;
  title: string;
  outlet: string | null;
  sourceUrl: string | null;
}

/** What exports read of a claim: everything any format writes, and no more (100,000 rows are read for one export). */
export const exportClaimKeys = [
  "id",
  "start",
  "end",
  "quote",
  "prefix",
  "suffix",
  "tag",
  "note",
  "claimant",
  "evidence",
  "status",
  "previousQuote",
  "createdBy",
  "createdById",
  "createdAt",
  "updatedAt",
  "commentCount",
  "reviewState",
  "approvedBy",
  "approvedAt",
  // An imported claim's original (author, tool, date): W3C `importedFrom`, CSV columns, ClaimReview `isBasedOn`.
  "provenance",
] as const satisfies readonly (keyof Annotation)[];

/** A claim with its article: the unit every export format maps. */
export interface ExportClaim extends Pick<Annotation, (typeof exportClaimKeys)[number]> {
  document: ExportArticle;
  /** Its thread, oldest first, for the formats that write it (W3C); absent when not read. */
  comments?: Comment[];
  /**
   * Who reviewed an approved claim: the givers of its verdicts (its author
   * first) and its approver, each once; empty for a claim not approved.
   */
  reviewers?: string[];
}

/** Where a claim lives for readers of an export: its W3C id and the editor page. */
export interface ExportLinks {
  /** The app's public origin, e.g. `https://factcheck.example.org`, without a trailing slash. */
  origin: string;
}

/** The app's page of an article, where the editor opens it. */
export function articlePageUrl(links: ExportLinks, slug: string): string {
  return `${links.origin}/documents/${encodeURIComponent(slug)}`;
}

/** The article as published when its address is known, else the app's page of it. */
export function articleUrl(links: ExportLinks, article: ExportArticle): string {
  return article.sourceUrl ?? articlePageUrl(links, article.slug);
}

/** The id of a comment in an export: its address in the API (`PATCH`/`DELETE` there; its thread is its claim's `/comments`). */
export function commentIri(links: ExportLinks, id: string): string {
  return `${links.origin}/api/comments/${id}`;
}

/** The stable id of a claim; `GET` on it answers the claim (see app/api/annotations/[id]). */
export function annotationUrl(links: ExportLinks, id: string): string {
  return `${links.origin}/api/annotations/${id}`;
}

/**
 * The stable id of a user, for exports that name them (the W3C `creator`):
 * it never changes with their name or role.
 */
export function personUrl(links: ExportLinks, userId: string): string {
  return `${links.origin}/people/${encodeURIComponent(userId)}`;
}

/** A link that opens the editor on the claim (`?claim=` selects it). */
export function claimPageUrl(links: ExportLinks, claim: ExportClaim): string {
  return `${articlePageUrl(links, claim.document.slug)}?claim=${claim.id}`;
}
