/** Reading claims for review: the matching claims of an article or of all, counted by tag, with the names in scope. */
import "server-only";
import { getDb } from "@/db/client";
import { countReviewClaimsByTag, listReviewClaims, listReviewNames, type ReviewScope } from "@/db/queries/review";
import type { ReviewFilters } from "@/lib/review-filters";
import type { Actor } from "./actor";
import { refuse } from "./refusal";

/**
 * The first `limit` claims matching `filters` in `scope`, how many match by
 * tag, and the reviewers and claimants in scope (suggested in the filters).
 */
export async function reviewClaims(actor: Actor, filters: ReviewFilters, scope: ReviewScope, limit: number) {
  const refused = refuse(actor, "read", { kind: "article" });
  if (refused) return refused;
  const db = await getDb();
  const [claims, countsByTag, names] = await Promise.all([
    listReviewClaims(db, filters, scope, { limit, offset: 0 }),
    countReviewClaimsByTag(db, filters, scope),
    listReviewNames(db, scope),
  ]);
  return { claims, countsByTag, names };
}
