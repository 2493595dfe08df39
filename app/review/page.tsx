import type { Metadata } from "next";
import { loadReview, type SearchParamsRecord } from "@/components/review/load-review";
import { AgreementOnDemand } from "@/components/review/AgreementOnDemand";
import { ReviewClaims } from "@/components/review/ReviewClaims";
import { whenDatabaseUp } from "@/components/DatabaseUnavailable";

export const metadata: Metadata = { title: "Review all claims" };

// Reads the database on every request; nothing to prerender at build time.
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<SearchParamsRecord> };

async function ReviewAllPage({ searchParams }: Props) {
  const data = await loadReview(await searchParams);
  return (
    <section className="review-page">
      <h1>Review all claims</h1>
      <p className="review-lede">Every claim in every article. Open a quote to see the claim in its article.</p>
      <ReviewClaims data={data} path="/review" />
      <AgreementOnDemand />
    </section>
  );
}

// The database away is a plain notice, not the error page.
export default whenDatabaseUp(ReviewAllPage);
