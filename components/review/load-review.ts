import "server-only";
import type { ReviewClaim, ReviewScope } from "@/db/queries/review";
import { decodeReviewCursor, encodeReviewCursor, type ReviewCursor } from "@/lib/review-cursor";
import { parseReviewFilters, type ReviewFilters } from "@/lib/review-filters";
import type { Tag } from "@/lib/tags";
import { requirePageActor } from "@/server/actor";
import { unwrap } from "@/server/refusal";
import { reviewClaims } from "@/server/review";

/** Claims on one page of a review list; "Next 100" leads on. */
export const reviewPageSize = 100;

/** A page's query string as Next hands it to a server component. */
export type SearchParamsRecord = Record<string, string | string[] | undefined>;

/** What a review page shows: the filters it read, or why it could not read them. */
export type ReviewData =
  | { kind: "invalid"; error: string }
  | {
      kind: "ok";
      filters: ReviewFilters;
      /** One page of the matching claims, at most `reviewPageSize`. */
      claims: ReviewClaim[];
      /** Whether this page starts after others (an `after` in the address). */
      paged: boolean;
      /** The `after` of the next page; null on the last. */
      nextAfter: string | null;
      /** Matching claims by tag; empty when more than `total` match (`totalCapped`). */
      countsByTag: Partial<Record<Tag, number>>;
      /** All matching claims, on every page; when `totalCapped`, the cap that more than this many passed. */
      total: number;
      /** Whether more claims match than were counted: `total` is then a floor ("more than 1,000"). */
      totalCapped: boolean;
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

/** Reads the filters and page of a review page's address and loads the claims they match. */
export async function loadReview(record: SearchParamsRecord, scope: ReviewScope = {}): Promise<ReviewData> {
  const params = toSearchParams(record);
  const parsed = parseReviewFilters(params);
  if ("error" in parsed) return { kind: "invalid", error: parsed.error };
  const after = params.get("after");
  let cursor: ReviewCursor | undefined;
  if (after) {
    const decoded = decodeReviewCursor(after, parsed.filters);
    if ("error" in decoded) return { kind: "invalid", error: decoded.error };
    cursor = decoded.cursor;
  }
  const page = { limit: reviewPageSize, after: cursor };
  const { claims, next, count, names } = unwrap(await reviewClaims(await requirePageActor(), parsed.filters, scope, page));
  const countsByTag = count.capped ? {} : count.byTag;
  const total = count.capped ? count.cap : Object.values(countsByTag).reduce((sum, n) => sum + (n ?? 0), 0);
  const nextAfter = next && encodeReviewCursor(next);
  return {
    kind: "ok",
    filters: parsed.filters,
    claims,
    paged: cursor !== undefined,
    nextAfter,
    countsByTag,
    total,
    totalCapped: count.capped,
    names,
  };
}
