/**
 * The review table as a reader sees it, rendered from the rows' data the
 * server hands the client component: across articles, each run of one
 * article's claims under the article's title, once; on an article's page,
 * one group and no titles; each row's quote between the words around it.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ReviewClaim } from "@/db/queries/review";
import type { ReviewFilters } from "@/lib/review-filters";
import { testAnnotation } from "@/test/annotation";
import { ClaimTable } from "./ClaimTable";
import { toClaimTableGroups } from "./claim-table-rows";

const article = (n: number) => ({ slug: `article-${n}`, title: `Article ${n}`, outlet: n === 1 ? "The Gazette" : null, sourceUrl: null });

const claim = (id: string, documentNumber: number, fields: Partial<ReviewClaim> = {}): ReviewClaim => ({
  ...testAnnotation({ id, documentId: `document-${documentNumber}`, quote: `quote ${id}`, claimant: "Ana Ortiz" }),
  document: article(documentNumber),
  ...fields,
});

const render = (claims: ReviewClaim[], groupByArticle: boolean) =>
  renderToStaticMarkup(
    createElement(ClaimTable, {
      groups: toClaimTableGroups(claims, groupByArticle),
      groupByArticle,
      filters: { tags: [], sort: "position", dir: "asc" },
      path: "/review",
    }),
  );

/** Each `<tbody>`'s article slug, title (or null) and claim ids, in order. */
function groups(html: string) {
  return [...html.matchAll(/<tbody data-testid="claim-group" data-article-slug="([^"]+)">(.*?)<\/tbody>/g)].map(([, slug, body]) => ({
    slug,
    title: /data-testid="claim-group-title"><a [^>]*>([^<]*)<\/a>/.exec(body)?.[1] ?? null,
    claims: [...body.matchAll(/data-claim-id="([^"]+)"/g)].map((match) => match[1]),
  }));
}

describe("the review table", () => {
  it("heads each run of one article's claims with its title, once, across articles", () => {
    const claims = [claim("a", 1), claim("b", 1), claim("c", 2), claim("d", 1)];
    expect(groups(render(claims, true))).toEqual([
      { slug: "article-1", title: "Article 1", claims: ["a", "b"] },
      { slug: "article-2", title: "Article 2", claims: ["c"] },
      { slug: "article-1", title: "Article 1", claims: ["d"] },
    ]);
  });

  it("lists an article's own claims as one group without titles", () => {
    expect(groups(render([claim("a", 1), claim("b", 1)], false))).toEqual([{ slug: "article-1", title: null, claims: ["a", "b"] }]);
  });

  it("links each quote to its claim in the editor, between a few words of its context, and sends no more of the context", () => {
    const long = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen";
    const quoted = claim("a", 1, { quote: "the budget", prefix: `${long} said that `, suffix: ` was cut by ${long}` });
    const html = render([quoted], true);
    const row = /<td class="claim-quote"[^>]*>(.*?)<\/td>/.exec(html)![1];
    expect(row).toContain('href="/documents/article-1?claim=a"');
    expect(row.replace(/<[^>]+>/g, "")).toBe("…fourteen fifteen said that the budget was cut by one…");
    expect(JSON.stringify(toClaimTableGroups([quoted], true))).not.toContain("thirteen");
  });

  it("sorts by every column but Note and Evidence from its header, the sorted one's header reversing it", () => {
    const headers = (filters: ReviewFilters) =>
      [
        ...renderToStaticMarkup(createElement(ClaimTable, { groups: [], groupByArticle: true, filters, path: "/review" })).matchAll(
          /<th scope="col"( aria-sort="(\w+)")?>(?:<a [^>]*href="([^"]*)"[^>]*>)?([^<]*)/g,
        ),
      ].map(([, , ariaSort, href, label]) => ({ label, href: href?.replaceAll("&amp;", "&") ?? null, ariaSort: ariaSort ?? null }));
    const byComments = headers({ tags: ["denied"], sort: "comments", dir: "desc" });
    expect(byComments).toEqual([
      { label: "Quote", href: "/review?tag=denied", ariaSort: null },
      { label: "Tag", href: "/review?tag=denied&sort=tag", ariaSort: null },
      { label: "Review", href: "/review?tag=denied&sort=state", ariaSort: null },
      { label: "Claimant", href: "/review?tag=denied&sort=claimant", ariaSort: null },
      { label: "Note", href: null, ariaSort: null },
      { label: "Evidence", href: null, ariaSort: null },
      { label: "Reviewer", href: "/review?tag=denied&sort=reviewer", ariaSort: null },
      { label: "Last change", href: "/review?tag=denied&sort=updated", ariaSort: null },
      // The most comments first unless told, so the same header again asks for the fewest first.
      { label: "Comments", href: "/review?tag=denied&sort=comments&dir=asc", ariaSort: "descending" },
    ]);
    expect(headers({ tags: [], sort: "state", dir: "asc" })[2]).toEqual({
      label: "Review",
      href: "/review?sort=state&dir=desc",
      ariaSort: "ascending",
    });
    expect(headers({ tags: [], sort: "position", dir: "asc" })[8]).toEqual({ label: "Comments", href: "/review?sort=comments", ariaSort: null });
  });
});
