import { defaultDirection, type ReviewFilters, type ReviewSort, reviewFiltersToSearchParams } from "@/lib/review-filters";

/** A review page's address with these filters, from the first page, or after `after` (a next page). */
export function reviewHref(path: string, filters: ReviewFilters, after?: string): string {
  const params = reviewFiltersToSearchParams(filters);
  if (after) params.set("after", after);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

/** The address that sorts by `sort`: the other way round if the list is sorted so already, else in that sort's usual direction. */
export function sortHref(path: string, filters: ReviewFilters, sort: ReviewSort): string {
  const dir = filters.sort === sort ? (filters.dir === "asc" ? "desc" : "asc") : defaultDirection(sort);
  return reviewHref(path, { ...filters, sort, dir });
}
