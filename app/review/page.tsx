import type { Metadata } from "next";
import { loadReview, type SearchParamsRecord } from "@/components/review/load-review";
import { AgreementSummary } from "@/components/review/AgreementSummary";
import { ReviewClaims } from "@/components/review/ReviewClaims";
import { whenDatabaseUp } from "@/components/DatabaseUnavailable";
import { requirePageActor } from "@/server/actor";
import { getAgreement } from "@/server/agreement";
import { unwrap } from "@/server/refusal";

export const metadata: Metadata = { title: "Review all claims" };

// Reads the database on every request; nothing to prerender at build time.
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<SearchParamsRecord> };

async function ReviewAllPage({ searchParams }: Props) {
  const data = await loadReview(await searchParams);
  const agreement = unwrap(await getAgreement(await requirePageActor(), {}));
  return (
    <section className="review-page">
      <h1>Review all claims</h1>
      <p className="review-lede">Every claim in every article. Open a quote to see the claim in its article.</p>
      <ReviewClaims data={data} path="/review" />
      <AgreementSummary agreement={agreement} acrossArticles />
    </section>
  );
}

// The database away is a plain notice, not the error page.
export default whenDatabaseUp(ReviewAllPage);
