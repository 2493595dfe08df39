import type { Metadata } from "next";
import { AppLink } from "@/components/AppLink";
import { notFound } from "next/navigation";
import { PublishRevisionForm } from "@/components/revisions/PublishRevisionForm";
import { type ArticleBlock, blocksToPlainSource } from "@/lib/article";
import { whenDatabaseUp } from "@/components/DatabaseUnavailable";
import { requirePageActor } from "@/server/actor";
import { getArticle } from "@/server/articles";
import { whyNot } from "@/server/policy";
import { found } from "@/server/refusal";

type Props = { params: Promise<{ slug: string }> };

/** The headline a revision keeps when its text starts without one (as `publishArticleRevision` reads it). */
function headlineOf(document: { title: string; blocks: ArticleBlock[] }): string {
  const [first] = document.blocks;
  return first?.type === "heading" ? first.text : document.title;
}

export const metadata: Metadata = { title: "Publish a revision" };

async function NewRevisionPage({ params }: Props) {
  const actor = await requirePageActor();
  const document = found(await getArticle(actor, (await params).slug));
  if (!document) notFound();
  const refusal = whyNot(actor, "publish_revision", { kind: "article", slug: document.slug });
  return (
    <section className="new-article">
      <p>
        <AppLink href={`/documents/${document.slug}`}>← {document.title}</AppLink>
      </p>
      <h1>Publish a new revision</h1>
      <p className="hint">
        Paste the article as it reads now, or upload it. Every claim is placed again on the new text; claims whose words cannot be found without doubt
        become orphans, listed beside the article for you to re-attach or delete.
      </p>
      {refusal ? (
        <p className="role-notice" role="note" data-testid="role-refusal">
          {refusal}
        </p>
      ) : (
        <PublishRevisionForm slug={document.slug} currentSource={blocksToPlainSource(document.blocks)} headline={headlineOf(document)} />
      )}
    </section>
  );
}

// The database away is a plain notice, not the error page.
export default whenDatabaseUp(NewRevisionPage);
