import type { Metadata } from "next";
import { AppLink } from "@/components/AppLink";
import { notFound } from "next/navigation";
import { ImportClaims } from "@/components/review/ImportClaims";
import { loadReview, type SearchParamsRecord } from "@/components/review/load-review";
import { LiveRefresh } from "@/components/review/LiveRefresh";
import { AgreementSummary } from "@/components/review/AgreementSummary";
import { ReviewClaims } from "@/components/review/ReviewClaims";
import { unavailableMetadata, whenDatabaseUp } from "@/components/DatabaseUnavailable";
import { requirePageActor } from "@/server/actor";
import { getArticle } from "@/server/articles";
import { latestEventId } from "@/server/live-feed";
import { whyNot } from "@/server/policy";
import { getAgreement } from "@/server/agreement";
import { found, unwrap } from "@/server/refusal";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<SearchParamsRecord> };

async function metadataOf({ params }: Props): Promise<Metadata> {
  const document = found(await getArticle(await requirePageActor(), (await params).slug));
  return { title: document ? `Review claims: ${document.title}` : "Article not found" };
}

async function ReviewArticlePage({ params, searchParams }: Props) {
  const actor = await requirePageActor();
  const document = found(await getArticle(actor, (await params).slug));
  if (!document) notFound();
  // Read before the claims, so that a change committed between is followed, not missed.
  const feedAfter = await latestEventId(document.id);
  const data = await loadReview(await searchParams, { documentId: document.id });
  const agreement = unwrap(await getAgreement(actor, { document: document.slug }));
  const path = `/documents/${encodeURIComponent(document.slug)}/review`;

  return (
    <section className="review-page">
      <p className="review-kicker">Review claims</p>
      <h1>{document.title}</h1>
      <p className="review-lede">
        <AppLink href={`/documents/${encodeURIComponent(document.slug)}`}>Open the article in the editor</AppLink> ·{" "}
        <AppLink href={`/documents/${encodeURIComponent(document.slug)}/deleted`}>Deleted claims</AppLink> ·{" "}
        <AppLink href="/review">Review all claims</AppLink>
      </p>
      <LiveRefresh slug={document.slug} after={feedAfter} />
      <ReviewClaims data={data} path={path} slug={document.slug}>
        <ImportClaims slug={document.slug} refusal={whyNot(actor, "import_claims", { kind: "article", slug: document.slug })} />
      </ReviewClaims>
      <AgreementSummary agreement={agreement} acrossArticles={false} />
    </section>
  );
}

// The database away is a plain notice, not the error page.
export default whenDatabaseUp(ReviewArticlePage);
export const generateMetadata = whenDatabaseUp(metadataOf, unavailableMetadata);
