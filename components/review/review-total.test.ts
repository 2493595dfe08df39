import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ReviewFilters } from "@/lib/review-filters";
import { ExportLinks } from "./ExportLinks";
import { ResultSummary } from "./ReviewClaims";
import { TagCountChart } from "./TagCountChart";

const filters: ReviewFilters = { tags: [], q: "minister", sort: "position", dir: "asc" };
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

describe("a review page's total when more claims match than were counted", () => {
  it("says 'more than' the cap in the summary, the export and the chart, with no count by tag", () => {
    const summary = (paged: boolean) =>
      text(renderToStaticMarkup(createElement(ResultSummary, { shown: 100, total: 1_000, totalCapped: true, paged, filters, acrossArticles: true })));
    expect(summary(false)).toContain("Showing the first 100 of more than 1,000 claims, by article, in reading order.");
    expect(summary(true)).toContain("Showing 100 more of more than 1,000 claims");
    expect(text(renderToStaticMarkup(createElement(ExportLinks, { filters, total: 1_000, totalCapped: true })))).toContain(
      "Export more than 1,000 claims",
    );
    const chart = renderToStaticMarkup(createElement(TagCountChart, { uncountedPast: 1_000 }));
    expect(text(chart)).toContain("More than 1,000 claims match: too many to count by tag.");
    expect(chart).not.toContain("data-count");
  });

  it("gives the exact total and the counts by tag otherwise", () => {
    const summary = text(
      renderToStaticMarkup(createElement(ResultSummary, { shown: 100, total: 999, totalCapped: false, paged: false, filters, acrossArticles: true })),
    );
    expect(summary).toContain("Showing the first 100 of 999 claims");
    expect(text(renderToStaticMarkup(createElement(ExportLinks, { filters, total: 999 })))).toContain("Export 999 claims");
    expect(renderToStaticMarkup(createElement(TagCountChart, { countsByTag: { denied: 999 } }))).toContain('data-count="999"');
  });
});
