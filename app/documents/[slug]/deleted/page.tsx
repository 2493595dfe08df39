import type { Metadata } from "next";
import { AppLink } from "@/components/AppLink";
import { notFound } from "next/navigation";
import { DeletedClaims } from "@/components/deleted/DeletedClaims";
import { whenDatabaseUp } from "@/components/DatabaseUnavailable";
import { requirePageActor } from "@/server/actor";
import { getArticle } from "@/server/articles";
import { listDeletedClaims } from "@/server/claims";
import { found, unwrap } from "@/server/refusal";

type Props = { params: Promise<{ slug: string }> };

export const metadata: Metadata = { title: "Deleted claims" };

/** The deleted claims of an article, who deleted each and when, to restore one by one or by reviewer and time. */
async function DeletedClaimsPage({ params }: Props) {
  const actor = await requirePageActor();
  const document = found(await getArticle(actor, (await params).slug));
  if (!document) notFound();
  const deleted = unwrap(await listDeletedClaims(actor, document.slug, {}));
  const base = `/documents/${encodeURIComponent(document.slug)}`;

  return (
    <section className="review-page deleted-page">
      <p className="review-kicker">Deleted claims</p>
      <h1>{document.title}</h1>
      <p className="review-lede">
        <AppLink href={base}>Open the article in the editor</AppLink> · <AppLink href={`${base}/review`}>Review claims</AppLink>
      </p>
      <DeletedClaims slug={document.slug} deleted={deleted} person={{ id: actor.id, name: actor.name, role: actor.role }} />
    </section>
  );
}

export default whenDatabaseUp(DeletedClaimsPage);
