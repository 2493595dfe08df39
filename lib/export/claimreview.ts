/**
 * Claims as schema.org ClaimReview (https://schema.org/ClaimReview), the
 * JSON-LD that search engines and fact-check aggregators read: one review per
 * claim, all in the `@graph` of one document.
 *
 * The verdict is the Rating's `alternateName`, the human label of the tag
 * (`tagInfo`): the app's verdicts are not points on a numeric scale, so there
 * is no `ratingValue`. The claimant is the Claim's `author` (a Person; left
 * out when unknown), and the article (its `sourceUrl`) is where the claim
 * `appearance`s. The publishing organisation of the settings (lib/settings.ts)
 * is the review's `author`; the people who reviewed the claim (the givers of
 * its verdicts and its approver) are its `contributor`s, each a Person
 * (`contributor` is a property of every CreativeWork, which a ClaimReview
 * is; `reviewedBy` belongs to WebPage only). The note is the `reviewBody` and
 * evidence links are `citation`s. `datePublished` is when it was approved.
 * A claim imported from another tool stays the publisher's review; it names
 * the annotation it was made from (a web address) as `isBasedOn`.
 *
 * Every URL comes from the settings or the article's `sourceUrl`, never
 * from the address a request came to: the review's `url` is its place on
 * the article's public fact-check page, `{publicBaseUrl}/{slug}#claim-{id}`.
 * An article without a `sourceUrl` is named by its headline alone.
 *
 * A ClaimReview tells the world the claim appears in the article with this
 * verdict, so only approved claims are published (lib/review.ts), and of
 * those not an orphan (its words are no longer in the article) nor a claim
 * whose words a revision changed, until a reviewer confirms the verdict on
 * the new words (`previousQuote` cleared). The other formats keep them all.
 */
import { factCheckUrl, type Publisher } from "../settings";
import { tagInfo } from "../tags";
import type { ExportClaim } from "./links";
import type { ExportWriter } from "./stream";

export const claimReviewContentType = "application/ld+json";

/** What a ClaimReview export is made on: the publishing settings, both set. */
export interface ClaimReviewSettings {
  publisher: Publisher;
  publicBaseUrl: string;
}

interface Person {
  "@type": "Person";
  name: string;
}

export interface ClaimReview {
  "@type": "ClaimReview";
  url: string;
  claimReviewed: string;
  datePublished: string;
  dateModified: string;
  author: { "@type": "Organization"; name: string; url: string; logo?: string };
  contributor?: Person[];
  reviewRating: { "@type": "Rating"; alternateName: string };
  itemReviewed: {
    "@type": "Claim";
    author?: Person;
    appearance: { "@type": "NewsArticle"; url?: string; headline: string; publisher?: { "@type": "Organization"; name: string } };
  };
  reviewBody?: string;
  citation?: string[];
  /** The web annotation an imported claim was made from (schema.org: "a resource from which this work is derived"). */
  isBasedOn?: string;
}

/** One approved claim as a ClaimReview, without `@context` (it sits in a graph that has one). */
export function toClaimReview(claim: ExportClaim, { publisher, publicBaseUrl }: ClaimReviewSettings): ClaimReview {
  const article = claim.document;
  const review: ClaimReview = {
    "@type": "ClaimReview",
    url: `${factCheckUrl(publicBaseUrl, article.slug)}#claim-${claim.id}`,
    claimReviewed: claim.quote,
    datePublished: claim.approvedAt ?? claim.updatedAt,
    dateModified: claim.updatedAt,
    author: { "@type": "Organization", name: publisher.name, url: publisher.url, ...(publisher.logo ? { logo: publisher.logo } : {}) },
    ...(claim.reviewers?.length ? { contributor: claim.reviewers.map((name) => ({ "@type": "Person" as const, name })) } : {}),
    reviewRating: { "@type": "Rating", alternateName: tagInfo[claim.tag].label },
    itemReviewed: {
      "@type": "Claim",
      ...(claim.claimant ? { author: { "@type": "Person", name: claim.claimant } } : {}),
      appearance: {
        "@type": "NewsArticle",
        ...(article.sourceUrl ? { url: article.sourceUrl } : {}),
        headline: article.title,
        ...(article.outlet ? { publisher: { "@type": "Organization", name: article.outlet } } : {}),
      },
    },
  };
  if (claim.note !== "") review.reviewBody = claim.note;
  if (claim.evidence.length > 0) review.citation = claim.evidence;
  // The review stays the publisher's; an imported claim names the annotation it started from, when that has a web address.
  const original = claim.provenance?.sourceId;
  if (original && isWebAddress(original)) review.isBasedOn = original;
  return review;
}

const isWebAddress = (value: string) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);

/** Whether a claim's verdict may be published as a ClaimReview (see above). */
export function isPublishable(claim: Pick<ExportClaim, "status" | "previousQuote" | "reviewState">): boolean {
  return claim.reviewState === "approved" && claim.status === "anchored" && claim.previousQuote === null;
}

/** Writes `{ "@context": "https://schema.org", "@graph": [ ClaimReview… ] }`, publishable claims only. */
export function claimReviewWriter(settings: ClaimReviewSettings): ExportWriter {
  return {
    includes: isPublishable,
    head: `{"@context":"https://schema.org","@graph":[\n`,
    claim: (claim) => JSON.stringify(toClaimReview(claim, settings)),
    separator: ",\n",
    tail: () => "\n]}\n",
  };
}
