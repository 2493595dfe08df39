import "server-only";
import type { ReviewClaim, ReviewScope } from "@/db/queries/review";
import { parseReviewFilters, type ReviewFilters } from "@/lib/review-filters";
import type { Tag } from "@/lib/tags";
import { requirePageActor } from "@/server/actor";
import { unwrap } from "@/server/refusal";
import { reviewClaims } from "@/server/review";

/** Most claims a review page lists; the rest are counted, and exports carry them all. */
export const reviewPageLimit = 500;

/** A page's query string as Next hands it to a server component. */
export type SearchParamsRecord = Record<string, string | string[] | undefined>;

/** What a review page shows: the filters it read, or why it could not read them. */
export type ReviewData =
  | { kind: "invalid"; error: string }
  | {
      kind: "ok";
      filters: ReviewFilters;
      claims: ReviewClaim[];
      countsByTag: Partial<Record<Tag, number>>;
      /** All matching claims, of which `claims` holds the first `reviewPageLimit`. */
      total: number;
      /** Reviewers and claimants in scope, suggested in the filters. */
      names: { reviewers: string[]; claimants: string[] };
    };

/** The query string again, with each repeated key (`tag`) kept in order. */
export function toSearchParams(record: SearchParamsRecord): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(record)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, one);
  }
  return params;
}

/** Reads the filters of a review page's address and loads the claims they match. */
export async function loadReview(record: SearchParamsRecord, scope: ReviewScope = {}): Promise<ReviewData> {
  const parsed = parseReviewFilters(toSearchParams(record));
  if ("error" in parsed) return { kind: "invalid", error: parsed.error };
  const { claims, countsByTag, names } = unwrap(await reviewClaims(await requirePageActor(), parsed.filters, scope, reviewPageLimit));
  const total = Object.values(countsByTag).reduce((sum, count) => sum + (count ?? 0), 0);
  return { kind: "ok", filters: parsed.filters, claims, countsByTag, total, names };
}
