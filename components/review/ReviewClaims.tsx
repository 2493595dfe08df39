import { AppLink } from "@/components/AppLink";
import type { ReactNode } from "react";
import { isFiltered, type ReviewFilters } from "@/lib/review-filters";
import { ClaimTable } from "./ClaimTable";
import { toClaimTableGroups } from "./claim-table-rows";
import { ExportLinks } from "./ExportLinks";
import { InvalidFilters } from "./InvalidFilters";
import type { ReviewData } from "./load-review";
import { reviewPageSize } from "./load-review";
import { ReviewFilterForm } from "./ReviewFilterForm";
import { reviewHref } from "./review-links";
import { TagCountChart } from "./TagCountChart";

interface ReviewClaimsProps {
  data: ReviewData;
  /** The page's own path, where "clear filters" leads. */
  path: string;
  /** The article's slug on a per-article page; absent when listing every article. */
  slug?: string;
  /** Anything shown beside the export links (the import form, on an article's page). */
  children?: ReactNode;
}

const noFilters: ReviewFilters = { tags: [], sort: "position", dir: "asc" };

/** The body of both review pages: counts, filters, exports, a page of the table of claims, and the way to the next. */
export function ReviewClaims({ data, path, slug, children }: ReviewClaimsProps) {
  const acrossArticles = slug === undefined;
  const filters = data.kind === "ok" ? data.filters : noFilters;

  return (
    <>
      {data.kind === "ok" && (
        <div className="review-overview">
          {data.totalCapped ? <TagCountChart uncountedPast={data.total} /> : <TagCountChart countsByTag={data.countsByTag} />}
          <ExportLinks slug={slug} filters={data.filters} total={data.total} totalCapped={data.totalCapped} />
          {children}
        </div>
      )}
      {data.kind === "invalid" && <InvalidFilters error={data.error} clearHref={path} />}
      <ReviewFilterForm filters={filters} names={data.kind === "ok" ? data.names : undefined} />
      {data.kind === "ok" && (
        <>
          <ResultSummary
            shown={data.claims.length}
            total={data.total}
            totalCapped={data.totalCapped}
            paged={data.paged}
            filters={data.filters}
            acrossArticles={acrossArticles}
          />
          {data.claims.length > 0 && (
            <ClaimTable groups={toClaimTableGroups(data.claims, acrossArticles)} groupByArticle={acrossArticles} filters={data.filters} path={path} />
          )}
          {(data.paged || data.nextAfter) && (
            <nav className="review-pager" aria-label="Pages of claims">
              {data.paged && <AppLink href={reviewHref(path, data.filters)}>First page</AppLink>}
              {data.nextAfter && (
                <AppLink href={reviewHref(path, data.filters, data.nextAfter)} rel="next" data-testid="next-page">
                  Next {reviewPageSize}
                </AppLink>
              )}
            </nav>
          )}
        </>
      )}
    </>
  );
}

interface ResultSummaryProps {
  shown: number;
  total: number;
  /** Whether more than `total` match. */
  totalCapped: boolean;
  /** Whether the page starts after others. */
  paged: boolean;
  filters: ReviewFilters;
  acrossArticles: boolean;
}

/** How many claims match, how many this page lists, and in what order; a live region, so a screen reader hears a filter's effect. */
export function ResultSummary({ shown, total, totalCapped, paged, filters, acrossArticles }: ResultSummaryProps) {
  const order = orderInWords(filters, acrossArticles);
  const claims = (count: number) => `${count.toLocaleString("en")} ${count === 1 ? "claim" : "claims"}`;
  let text: string;
  if (totalCapped)
    text = `Showing ${paged ? "" : "the first "}${shown.toLocaleString("en")} ${paged ? "more " : ""}of more than ${claims(total)}, ${order}.`;
  else if (total === 0) text = isFiltered(filters) ? "No claims match these filters." : "No claims yet.";
  else if (paged) text = `Showing ${shown.toLocaleString("en")} more of ${claims(total)}, ${order}.`;
  else if (shown < total) text = `Showing the first ${shown.toLocaleString("en")} of ${claims(total)}, ${order}.`;
  else text = `Showing ${claims(total)}, ${order}.`;
  return (
    <p role="status" className="review-summary" data-testid="review-summary">
      {text}
    </p>
  );
}

function orderInWords({ sort, dir }: ReviewFilters, acrossArticles: boolean): string {
  const reversed = dir !== "asc";
  switch (sort) {
    case "position":
      return `${acrossArticles ? "by article, " : ""}in ${reversed ? "reverse " : ""}reading order`;
    case "tag":
      return reversed ? "by tag, unverified first" : "by tag, disputed first";
    case "claimant":
      return `by claimant, ${reversed ? "Z to A" : "A to Z"}`;
    case "reviewer":
      return `by reviewer, ${reversed ? "Z to A" : "A to Z"}`;
    case "updated":
      return reversed ? "latest change first" : "earliest change first";
    case "state":
      return reversed ? "by review state, approved first" : "by review state, drafts first";
    case "comments":
      return reversed ? "most comments first" : "fewest comments first";
  }
}
