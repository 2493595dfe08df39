import type { ReactNode } from "react";
import { type ReviewFilters, reviewFiltersToSearchParams } from "@/lib/review-filters";
import { ClaimTable } from "./ClaimTable";
import { ExportLinks } from "./ExportLinks";
import { InvalidFilters } from "./InvalidFilters";
import type { ReviewData } from "./load-review";
import { ReviewFilterForm } from "./ReviewFilterForm";
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

const noFilters: ReviewFilters = { tags: [], sort: "position" };

/** The body of both review pages: counts, filters, exports and the table of claims. */
export function ReviewClaims({ data, path, slug, children }: ReviewClaimsProps) {
  const acrossArticles = slug === undefined;
  const filters = data.kind === "ok" ? data.filters : noFilters;
  // Remounting the form when the address changes resets its fields to the filters shown.
  const formKey = reviewFiltersToSearchParams(filters).toString();

  return (
    <>
      {data.kind === "ok" && (
        <div className="review-overview">
          <TagCountChart countsByTag={data.countsByTag} />
          <ExportLinks slug={slug} filters={data.filters} total={data.total} />
          {children}
        </div>
      )}
      {data.kind === "invalid" && <InvalidFilters error={data.error} clearHref={path} />}
      <ReviewFilterForm key={formKey} filters={filters} acrossArticles={acrossArticles} names={data.kind === "ok" ? data.names : undefined} />
      {data.kind === "ok" && (
        <>
          <ResultSummary shown={data.claims.length} total={data.total} filters={data.filters} acrossArticles={acrossArticles} />
          {data.claims.length > 0 && <ClaimTable claims={data.claims} showArticle={acrossArticles} />}
        </>
      )}
    </>
  );
}

interface ResultSummaryProps {
  shown: number;
  total: number;
  filters: ReviewFilters;
  acrossArticles: boolean;
}

/** How many claims are listed, and in what order; a live region, so a screen reader hears a filter's effect. */
function ResultSummary({ shown, total, filters, acrossArticles }: ResultSummaryProps) {
  const order = filters.sort === "updated" ? "latest change first" : acrossArticles ? "by article, in reading order" : "in reading order";
  let text: string;
  if (total === 0) text = isFiltered(filters) ? "No claims match these filters." : "No claims yet.";
  else if (shown < total)
    text = `Showing the first ${shown} of ${total} claims, ${order}. Narrow the filters to see the rest; the exports hold them all.`;
  else text = `Showing ${total} ${total === 1 ? "claim" : "claims"}, ${order}.`;
  return (
    <p role="status" className="review-summary" data-testid="review-summary">
      {text}
    </p>
  );
}

function isFiltered(filters: ReviewFilters): boolean {
  return filters.tags.length > 0 || Boolean(filters.reviewer || filters.claimant || filters.q || filters.states?.length || filters.verdictsDiffer);
}
