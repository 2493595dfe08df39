import type { Metadata } from "next";
import { AppLink } from "@/components/AppLink";
import { notFound, redirect } from "next/navigation";
import { Annotator } from "@/components/annotator/Annotator";
import { toEditorAnnotation } from "@/lib/annotation";
import { blocksForEditor } from "@/lib/article";
import { whenDatabaseUp } from "@/components/DatabaseUnavailable";
import { requirePageActor } from "@/server/actor";
import { getArticle, getArticleAtRevision } from "@/server/articles";
import { found } from "@/server/refusal";

type Props = { params: Promise<{ slug: string; number: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Revision ${(await params).number}` };
}

/** An earlier revision, read-only, with the claims as they stood on it. */
async function RevisionPage({ params }: Props) {
  const { slug, number: raw } = await params;
  const actor = await requirePageActor();
  const latest = found(await getArticle(actor, slug));
  if (!latest || !/^[1-9]\d{0,8}$/.test(raw)) notFound();
  const number = Number(raw);
  if (number === latest.revision) redirect(`/documents/${slug}`);
  const atRevision = found(await getArticleAtRevision(actor, slug, number));
  if (!atRevision) notFound();
  const { document, annotations } = atRevision;

  return (
    <article className="document">
      <p className="revision-banner" role="note">
        You are reading revision {number} of {latest.revision}, as it was published; claims are shown as they stood on it and cannot be changed here.{" "}
        <AppLink href={`/documents/${slug}`}>Open the latest revision</AppLink> ·{" "}
        <AppLink href={`/documents/${slug}/revisions`}>All revisions</AppLink>
      </p>
      <Annotator
        key={number}
        readOnly
        document={{ slug, revision: number, blocks: blocksForEditor(document) }}
        annotations={annotations.map(toEditorAnnotation)}
        person={null}
      />
    </article>
  );
}

// The database away is a plain notice, not the error page.
export default whenDatabaseUp(RevisionPage);
