/**
 * What the review table shows of each claim, and no more: the table is a
 * client component (ClaimTable), so its rows travel to the browser as this
 * data, once, instead of as every row's elements in React's payload beside
 * the same rows' HTML. The quote's context is cut here, on the server, so
 * the stored prefix and suffix (up to a few dozen words each) stay behind.
 */
import type { ReviewClaim } from "@/db/queries/review";
import type { Annotation } from "@/lib/annotation";
import { type QuoteContext, quoteWithContext } from "@/lib/quote-context";
import { quoteContextLength } from "@/lib/selectors";

/** A row of the review table. */
export interface ClaimTableRow extends Pick<
  Annotation,
  | "id"
  | "tag"
  | "status"
  | "previousQuote"
  | "reviewState"
  | "verdictsDiffer"
  | "approvedBy"
  | "approvedAt"
  | "claimant"
  | "note"
  | "evidence"
  | "createdBy"
  | "updatedBy"
  | "provenance"
  | "updatedAt"
  | "commentCount"
> {
  /** The quote and the few words shown either side of it. */
  context: QuoteContext;
}

/** A run of one article's claims: a `<tbody>` of the table, headed by the article's title when the table spans articles. */
export interface ClaimTableGroup {
  slug: string;
  title: string;
  outlet: string | null;
  rows: ClaimTableRow[];
}

/** A claim as its row shows it; fields the row leaves out (previous words of an orphan, approver of a claim not approved) are nulled. */
export function toClaimTableRow(claim: ReviewClaim): ClaimTableRow {
  const approved = claim.reviewState === "approved";
  return {
    id: claim.id,
    tag: claim.tag,
    status: claim.status,
    previousQuote: claim.status === "anchored" ? claim.previousQuote : null,
    reviewState: claim.reviewState,
    verdictsDiffer: claim.verdictsDiffer,
    approvedBy: approved ? claim.approvedBy : null,
    approvedAt: approved ? claim.approvedAt : null,
    claimant: claim.claimant,
    note: claim.note,
    evidence: claim.evidence,
    createdBy: claim.createdBy,
    updatedBy: claim.updatedBy,
    provenance: claim.provenance,
    updatedAt: claim.updatedAt,
    commentCount: claim.commentCount,
    context: quoteWithContext(claim, quoteContextLength),
  };
}

/**
 * The claims as the table's groups: each run of consecutive claims of one
 * article when the table spans articles, else one group (an article's own
 * page, whose claims are all of one article).
 */
export function toClaimTableGroups(claims: ReviewClaim[], groupByArticle: boolean): ClaimTableGroup[] {
  const groups: ClaimTableGroup[] = [];
  let lastDocumentId: string | undefined;
  for (const claim of claims) {
    const last = groups[groups.length - 1];
    if (last && (!groupByArticle || lastDocumentId === claim.documentId)) last.rows.push(toClaimTableRow(claim));
    else {
      const { slug, title, outlet } = claim.document;
      groups.push({ slug, title, outlet, rows: [toClaimTableRow(claim)] });
    }
    lastDocumentId = claim.documentId;
  }
  return groups;
}
