/**
 * Claims as schema.org ClaimReview (https://schema.org/ClaimReview), the
 * JSON-LD that search engines and fact-check aggregators read: one review per
 * claim, all in the `@graph` of one document.
 *
 * The verdict is the Rating's `alternateName`, the human label of the tag
 * (`tagInfo`): the app's verdicts are not points on a numeric scale, so there
 * is no `ratingValue`. The claimant is the Claim's `author` (a Person; left
 * out when unknown), the article is where the claim `appearance`s, and the
 * reviewing organisation (configured by environment, see db/env.ts) is the
 * review's `author`. The note is the `reviewBody` and evidence links are
 * `citation`s, both properties of every schema.org Review / CreativeWork.
 *
 * A ClaimReview tells the world the claim appears in the article with this
 * verdict, so claims for which that is not known to hold are left out: an
 * orphan (its words are no longer in the article) and a claim whose words a
 * revision changed, until a reviewer confirms the verdict on the new words
 * (`previousQuote` cleared). The other formats keep them, marked.
 */
import { tagInfo } from "../tags";
import { articleUrl, claimPageUrl, type ExportClaim, type ExportLinks } from "./links";
import type { ExportWriter } from "./stream";

export const claimReviewContentType = "application/ld+json";

/** Who publishes the reviews. */
export interface ReviewOrganisation {
  name: string;
  url?: string;
}

export interface ClaimReview {
  "@type": "ClaimReview";
  url: string;
  claimReviewed: string;
  datePublished: string;
  dateModified: string;
  author: { "@type": "Organization"; name: string; url?: string };
  reviewRating: { "@type": "Rating"; alternateName: string };
  itemReviewed: {
    "@type": "Claim";
    author?: { "@type": "Person"; name: string };
    appearance: { "@type": "NewsArticle"; url: string; headline: string; publisher?: { "@type": "Organization"; name: string } };
  };
  reviewBody?: string;
  citation?: string[];
}

/** One claim as a ClaimReview, without `@context` (it sits in a graph that has one). */
export function toClaimReview(claim: ExportClaim, links: ExportLinks, organisation: ReviewOrganisation): ClaimReview {
  const article = claim.document;
  const review: ClaimReview = {
    "@type": "ClaimReview",
    url: claimPageUrl(links, claim),
    claimReviewed: claim.quote,
    datePublished: claim.createdAt,
    dateModified: claim.updatedAt,
    author: { "@type": "Organization", name: organisation.name, ...(organisation.url ? { url: organisation.url } : {}) },
    reviewRating: { "@type": "Rating", alternateName: tagInfo[claim.tag].label },
    itemReviewed: {
      "@type": "Claim",
      ...(claim.claimant ? { author: { "@type": "Person", name: claim.claimant } } : {}),
      appearance: {
        "@type": "NewsArticle",
        url: articleUrl(links, article),
        headline: article.title,
        ...(article.outlet ? { publisher: { "@type": "Organization", name: article.outlet } } : {}),
      },
    },
  };
  if (claim.note !== "") review.reviewBody = claim.note;
  if (claim.evidence.length > 0) review.citation = claim.evidence;
  return review;
}

/** Whether a claim's verdict may be published as a ClaimReview (see above). */
export function isPublishable(claim: Pick<ExportClaim, "status" | "previousQuote">): boolean {
  return claim.status === "anchored" && claim.previousQuote === null;
}

/** Writes `{ "@context": "https://schema.org", "@graph": [ ClaimReview… ] }`, publishable claims only. */
export function claimReviewWriter(links: ExportLinks, organisation: ReviewOrganisation): ExportWriter {
  return {
    includes: isPublishable,
    head: `{"@context":"https://schema.org","@graph":[\n`,
    claim: (claim) => JSON.stringify(toClaimReview(claim, links, organisation)),
    separator: ",\n",
    tail: () => "\n]}\n",
  };
}
