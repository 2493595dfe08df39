import type { Metadata } from "next";
import { AppLink } from "@/components/AppLink";
import { notFound } from "next/navigation";
import { cache } from "react";
import { AnnotatorWithClaims } from "@/components/annotator/AnnotatorWithClaims";
import { editorClaimsUrl } from "@/lib/annotation";
import { blocksForEditor } from "@/lib/article";
import { ArticleMeta } from "@/components/ArticleMeta";
import { LazyArticleActions } from "@/components/articles/LazyArticleActions";
import { ChangeTime } from "@/components/ChangeTime";
import { unavailableMetadata, whenDatabaseUp } from "@/components/DatabaseUnavailable";
import { requirePageActor } from "@/server/actor";
import { getArticle } from "@/server/articles";
import { latestEventId } from "@/server/live-feed";
import { canForAnyone } from "@/server/policy";
import { found } from "@/server/refusal";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ claim?: string | string[] }> };

/** The title and the page read the article once per request. */
const loadDocument = cache(async (slug: string) => found(await getArticle(await requirePageActor(), slug)));

async function metadataOf({ params }: Props): Promise<Metadata> {
  const document = await loadDocument((await params).slug);
  return { title: document?.title ?? "Article not found" };
}

async function DocumentPage({ params, searchParams }: Props) {
  const document = await loadDocument((await params).slug);
  if (!document) notFound();
  const { claim } = await searchParams;
  const actor = await requirePageActor();
  // Where the editor's live feed starts: read before the editor loads the claims, so that a change committed between is sent, not missed.
  const feedAfter = await latestEventId(document.id);

  return (
    <article className="document">
      {/* React moves this into the head: the browser asks for the claims the editor fetches while it loads the scripts. */}
      <link rel="preload" href={editorClaimsUrl(document.slug)} as="fetch" crossOrigin="anonymous" />
      <ArticleMeta document={document} />
      {document.archivedAt && (
        <p className="notice-warning" data-testid="archived-notice">
          Archived by {document.archivedBy ?? "someone"} on <ChangeTime iso={document.archivedAt.toISOString()} />: it is kept whole, but left out of
          the article list and of all claims.{" "}
          <LazyArticleActions
            slug={document.slug}
            title={document.title}
            archived
            claimCount={0}
            mayArchive={canForAnyone(actor.role, "archive_article")}
            mayDelete={false}
          />
        </p>
      )}
      <p className="document-links">
        <AppLink href={`/documents/${document.slug}/review`}>Review claims</AppLink>
        <AppLink href={`/documents/${document.slug}/revisions`}>Revisions ({document.revision})</AppLink>
        {canForAnyone(actor.role, "publish_revision") && <AppLink href={`/documents/${document.slug}/revisions/new`}>Publish a new revision</AppLink>}
        <AppLink href={`/documents/${document.slug}/deleted`}>Deleted claims</AppLink>
      </p>
      <AnnotatorWithClaims
        document={{ slug: document.slug, revision: document.revision, blocks: blocksForEditor(document) }}
        person={{ id: actor.id, name: actor.name, role: actor.role }}
        initialClaimId={typeof claim === "string" ? claim : null}
        feedAfter={feedAfter}
      />
    </article>
  );
}

// The database away is a plain notice, not the error page.
export default whenDatabaseUp(DocumentPage);
export const generateMetadata = whenDatabaseUp(metadataOf, unavailableMetadata);
