import { describe, expect, it } from "vitest";
import { sampleClaims, writeExport } from "@/test/export-claims";
import { claimReviewWriter, toClaimReview } from "./claimreview";

const links = { origin: "https://factcheck.example.org" };
const organisation = { name: "Example Fact Check", url: "https://factcheck.example.org/about" };

describe("ClaimReview export", () => {
  it("is one schema.org graph with a ClaimReview per claim", async () => {
    const json = JSON.parse(await writeExport(claimReviewWriter(links, organisation), sampleClaims));
    expect(json["@context"]).toBe("https://schema.org");
    expect(json["@graph"]).toHaveLength(sampleClaims.length);
    expect(json["@graph"].map((review: { "@type": string }) => review["@type"])).toEqual(["ClaimReview", "ClaimReview", "ClaimReview"]);
  });

  it("reviews the quote, rates it with the tag's label and links to the claim in the editor", () => {
    const claim = sampleClaims[0];
    expect(toClaimReview(claim, links, organisation)).toEqual({
      "@type": "ClaimReview",
      url: `https://factcheck.example.org/documents/jassy-bloomberg-retraction?claim=${claim.id}`,
      claimReviewed: "spy chips",
      datePublished: claim.createdAt,
      dateModified: claim.updatedAt,
      author: { "@type": "Organization", name: "Example Fact Check", url: "https://factcheck.example.org/about" },
      reviewRating: { "@type": "Rating", alternateName: "Disputed" },
      itemReviewed: {
        "@type": "Claim",
        author: { "@type": "Person", name: "Andy Jassy" },
        appearance: {
          "@type": "NewsArticle",
          url: "https://factcheck.example.org/documents/jassy-bloomberg-retraction",
          headline: "Jassy calls for retraction",
          publisher: { "@type": "Organization", name: "CNBC" },
        },
      },
      reviewBody: claim.note,
      citation: claim.evidence,
    });
  });

  it("labels every verdict as tagInfo does", () => {
    const labels = sampleClaims.map((claim) => toClaimReview(claim, links, organisation).reviewRating.alternateName);
    expect(labels).toEqual(["Disputed", "Unverified", "Denied"]);
  });

  it("leaves out an unknown claimant, an empty note and no evidence", () => {
    const review = toClaimReview(sampleClaims[1], links, { name: "Desk" });
    expect(review.itemReviewed.author).toBeUndefined();
    expect(review).not.toHaveProperty("reviewBody");
    expect(review).not.toHaveProperty("citation");
    expect(review.author).toEqual({ "@type": "Organization", name: "Desk" });
  });

  it("gives the publisher's URL as the claim's appearance when it is known", () => {
    const review = toClaimReview(sampleClaims[2], links, organisation);
    expect(review.itemReviewed.appearance.url).toBe(sampleClaims[2].document.sourceUrl);
    expect(review.itemReviewed.author).toEqual({ "@type": "Person", name: "+Supermicro" });
  });
});
