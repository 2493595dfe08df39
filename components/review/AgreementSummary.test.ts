import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { AgreementReport } from "@/server/agreement";
import { AgreementSummary } from "./AgreementSummary";

/** An agreement over `count` claims, every one a disagreement (disputed against denied). */
function agreementOf(count: number): AgreementReport {
  const disagreements = Array.from({ length: count }, (_, i) => ({
    claimId: `claim-${i}`,
    document: `article-${i}`,
    quote: `words ${i}`,
    first: { tag: "disputed" as const, by: "Ravi", byId: "ravi" },
    second: { tag: "denied" as const, by: "Rhea", byId: "rhea" },
  }));
  const zero = { disputed: 0, denied: 0, unverified: 0 };
  const confusion = { disputed: { ...zero, denied: count }, denied: { ...zero }, unverified: { ...zero } };
  return { claims: count, observed: 0, kappa: 0, confusion, disagreements };
}

const listed = (html: string) => html.match(/data-testid="disagreement"/g)?.length ?? 0;

describe("the agreement summary's list of disagreements", () => {
  it("lists at most the number it is given and links to the rest", () => {
    const html = renderToStaticMarkup(
      createElement(AgreementSummary, { agreement: agreementOf(150), acrossArticles: true, disagreementsShown: 100 }),
    );
    expect(listed(html)).toBe(100);
    expect(html).toContain("Where the verdicts differ (150)");
    expect(html).toContain("words 99");
    expect(html).not.toContain("words 100");
    expect(html).toMatch(/data-testid="disagreements-more">50 more: <a href="\/review\?verdicts=differ">/);
  });

  it("lists every disagreement without a limit, or within it, and no link to more", () => {
    for (const html of [
      renderToStaticMarkup(createElement(AgreementSummary, { agreement: agreementOf(150), acrossArticles: false })),
      renderToStaticMarkup(createElement(AgreementSummary, { agreement: agreementOf(100), acrossArticles: true, disagreementsShown: 100 })),
    ]) {
      expect(listed(html)).toBe(html.includes("(150)") ? 150 : 100);
      expect(html).not.toContain("disagreements-more");
    }
  });
});
