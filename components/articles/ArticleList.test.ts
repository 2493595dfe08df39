/**
 * The home page's rows as a reader sees them: provenance joined by " · "
 * whatever parts an article has, claim counts and badges.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { ArticleList, type ArticleListRow } from "./ArticleList";

// The row actions refresh the page through the router, which only a running app has.
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => {} }) }));

const row = (id: string, fields: Partial<ArticleListRow>): ArticleListRow => ({
  id,
  slug: `article-${id}`,
  title: `Article ${id}`,
  outlet: null,
  author: null,
  publishedAt: null,
  revision: 1,
  archived: false,
  archivedBy: null,
  claimCounts: { disputed: 0, denied: 0, unverified: 0 },
  claimCount: 0,
  orphanCount: 0,
  wordsChangedCount: 0,
  ...fields,
});

/** Each row's text in one part of it (its class), tags and entities stripped. */
function texts(rows: ArticleListRow[], part: string): string[] {
  const html = renderToStaticMarkup(createElement(ArticleList, { rows, label: "Articles", mayArchive: true, mayDelete: false }));
  const pattern = new RegExp(`<span class="${part}"[^>]*>(.*?)</span>(?=<span class="document-|</li>)`, "g");
  return [...html.matchAll(pattern)].map((match) => match[1].replace(/<[^>]+>/g, "").replace(/&#x27;/g, "'"));
}

describe("the article list", () => {
  it("joins the provenance an article has with ' · ', whichever parts are missing", () => {
    const rows = [
      row("1", { outlet: "The Gazette", author: "Ana Ortiz", publishedAt: "2025-07-11", revision: 2, archived: true, archivedBy: "Sam" }),
      row("2", { publishedAt: "2025-07-11" }),
      row("3", { revision: 3 }),
      row("4", { outlet: "The Gazette", archived: true }),
      row("5", { author: "Ana Ortiz", publishedAt: "2019-01-01" }),
      row("6", {}),
      row("7", { publishedAt: "2025-07-11", revision: 2 }),
    ];
    expect(texts(rows, "document-meta")).toEqual([
      "The Gazette · Ana Ortiz · 11 Jul 2025 · revision 2 · archived by Sam",
      "11 Jul 2025",
      "revision 3",
      "The Gazette · archived by someone",
      "Ana Ortiz · 1 Jan 2019",
      "",
      "11 Jul 2025 · revision 2",
    ]);
  });

  it("shows each tag's count, and badges only for orphans and changed words", () => {
    const rows = [
      row("1", { claimCounts: { disputed: 3, denied: 1, unverified: 0 }, orphanCount: 2, wordsChangedCount: 1 }),
      row("2", { wordsChangedCount: 4 }),
    ];
    expect(texts(rows, "document-counts")).toEqual([
      "⚠ 3 disputed✕ 1 denied? 0 unverified2 orphaned1 claim with words changed",
      "⚠ 0 disputed✕ 0 denied? 0 unverified4 claims with words changed",
    ]);
  });
});
