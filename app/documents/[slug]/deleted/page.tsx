import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { listDeletedAnnotations } from "@/db/queries/deleted";
import { getDocumentBySlug } from "@/db/queries/documents";
import { DeletedClaims } from "@/components/deleted/DeletedClaims";
import { getCurrentReviewer } from "@/components/review/current-reviewer";
import { whenDatabaseUp } from "@/components/DatabaseUnavailable";

type Props = { params: Promise<{ slug: string }> };

export const metadata: Metadata = { title: "Deleted claims" };

/** The deleted claims of an article, who deleted each and when, to restore one by one or by reviewer and time. */
async function DeletedClaimsPage({ params }: Props) {
  const db = await getDb();
  const document = await getDocumentBySlug(db, (await params).slug);
  if (!document) notFound();
  const [deleted, reviewer] = await Promise.all([listDeletedAnnotations(db, document.id), getCurrentReviewer()]);
  const base = `/documents/${encodeURIComponent(document.slug)}`;

  return (
    <section className="review-page deleted-page">
      <p className="review-kicker">Deleted claims</p>
      <h1>{document.title}</h1>
      <p className="review-lede">
        <Link href={base}>Open the article in the editor</Link> · <Link href={`${base}/review`}>Review claims</Link>
      </p>
      <DeletedClaims slug={document.slug} deleted={deleted} reviewer={reviewer} />
    </section>
  );
}

export default whenDatabaseUp(DeletedClaimsPage);
