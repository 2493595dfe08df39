/** Reading claims for review: a page of the matching claims of an article or of all, counted by tag, with the names in scope. */
import "server-only";
import { getDb } from "@/db/client";
import { countReviewClaims, listReviewNames, listReviewPage, type ReviewScope } from "@/db/queries/review";
import type { ReviewCursor } from "@/lib/review-cursor";
import type { ReviewFilters } from "@/lib/review-filters";
import type { Actor } from "./actor";
import { refuse } from "./refusal";

/**
 * The page of claims matching `filters` in `scope` after `page.after` (the
 * first page when absent), where the next page starts, how many match by
 * tag (or that more than a cap do: `countReviewClaims`), and the reviewers
 * and claimants in scope (suggested in the filters).
 */
export async function reviewClaims(actor: Actor, filters: ReviewFilters, scope: ReviewScope, page: { limit: number; after?: ReviewCursor }) {
  const refused = refuse(actor, "read", { kind: "article" });
  if (refused) return refused;
  const db = await getDb();
  const [{ claims, next }, count, names] = await Promise.all([
    listReviewPage(db, filters, scope, page),
    countReviewClaims(db, filters, scope),
    listReviewNames(db, scope),
  ]);
  return { claims, next, count, names };
}
