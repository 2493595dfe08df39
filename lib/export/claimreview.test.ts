import { describe, expect, it } from "vitest";
import { importedClaim, sampleClaims, writeExport } from "@/test/export-claims";
import { claimReviewWriter, isPublishable, toClaimReview } from "./claimreview";

const settings = {
  publisher: { name: "Example Fact Check", url: "https://factcheck.example.org/about", logo: "https://factcheck.example.org/logo.png" },
  publicBaseUrl: "https://factcheck.example.org/checks",
};

describe("ClaimReview export", () => {
  it("is one schema.org graph with a ClaimReview per approved claim", async () => {
    const json = JSON.parse(await writeExport(claimReviewWriter(settings), sampleClaims));
    expect(json["@context"]).toBe("https://schema.org");
    expect(json["@graph"]).toHaveLength(sampleClaims.length);
    expect(json["@graph"].map((review: { "@type": string }) => review["@type"])).toEqual(["ClaimReview", "ClaimReview", "ClaimReview"]);
  });

  it("reviews the quote as approved, by the publisher, naming its reviewers, at its place on the public fact-check page", () => {
    const claim = sampleClaims[0];
    expect(toClaimReview(claim, settings)).toEqual({
      "@type": "ClaimReview",
      url: `https://factcheck.example.org/checks/jassy-bloomberg-retraction#claim-${claim.id}`,
      claimReviewed: "spy chips",
      datePublished: claim.approvedAt,
      dateModified: claim.updatedAt,
      author: {
        "@type": "Organization",
        name: "Example Fact Check",
        url: "https://factcheck.example.org/about",
        logo: "https://factcheck.example.org/logo.png",
      },
      contributor: [
        { "@type": "Person", name: "Ada Reviewer" },
        { "@type": "Person", name: "Rita Reviewer" },
      ],
      reviewRating: { "@type": "Rating", alternateName: "Disputed" },
      itemReviewed: {
        "@type": "Claim",
        author: { "@type": "Person", name: "Andy Jassy" },
        // The article has no sourceUrl: it is named by its headline, not given an address of the app.
        appearance: { "@type": "NewsArticle", headline: "Jassy calls for retraction", publisher: { "@type": "Organization", name: "CNBC" } },
      },
      reviewBody: claim.note,
      citation: claim.evidence,
    });
  });

  it("stays the publisher's review of an imported claim and names the annotation it was made from as isBasedOn", () => {
    const review = toClaimReview(importedClaim, settings);
    expect([review.author.name, review.isBasedOn]).toEqual(["Example Fact Check", "https://hypothes.is/a/Qm9vbWVyYW5nMTIzNDU2"]);
    expect(toClaimReview(sampleClaims[0], settings).isBasedOn).toBeUndefined();
  });

  it("labels every verdict as tagInfo does", () => {
    const labels = sampleClaims.map((claim) => toClaimReview(claim, settings).reviewRating.alternateName);
    expect(labels).toEqual(["Disputed", "Unverified", "Denied"]);
  });

  it("leaves out an unknown claimant, an empty note, no evidence, no logo", () => {
    const review = toClaimReview(sampleClaims[1], { ...settings, publisher: { ...settings.publisher, logo: null } });
    expect(review.itemReviewed.author).toBeUndefined();
    expect(review).not.toHaveProperty("reviewBody");
    expect(review).not.toHaveProperty("citation");
    expect(review.author).toEqual({ "@type": "Organization", name: "Example Fact Check", url: "https://factcheck.example.org/about" });
  });

  it("gives the article's own URL as the claim's appearance when it is known", () => {
    const review = toClaimReview(sampleClaims[2], settings);
    expect(review.itemReviewed.appearance.url).toBe(sampleClaims[2].document.sourceUrl);
    expect(review.itemReviewed.author).toEqual({ "@type": "Person", name: "+Supermicro" });
  });

  it("publishes approved claims only, and of those neither orphans nor claims on changed words", () => {
    const claim = sampleClaims[0];
    expect(isPublishable(claim)).toBe(true);
    expect(isPublishable({ ...claim, reviewState: "in_review" })).toBe(false);
    expect(isPublishable({ ...claim, reviewState: "draft" })).toBe(false);
    expect(isPublishable({ ...claim, status: "orphan" })).toBe(false);
    expect(isPublishable({ ...claim, previousQuote: "spy chip" })).toBe(false);
  });

  it("takes every address it makes from the settings or the article's sourceUrl", () => {
    for (const claim of sampleClaims) {
      const review = toClaimReview(claim, settings);
      expect(review.url.startsWith(`${settings.publicBaseUrl}/`)).toBe(true);
      expect([review.author.url, review.author.logo]).toEqual([settings.publisher.url, settings.publisher.logo]);
      expect(review.itemReviewed.appearance.url).toBe(claim.document.sourceUrl ?? undefined);
    }
  });
});
