import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import { getDocumentBySlug } from "@/db/queries/documents";
import { AnnotatorWithClaims } from "@/components/annotator/AnnotatorWithClaims";
import { editorClaimsUrl } from "@/lib/annotation";
import { blocksForEditor } from "@/lib/article";
import { ArticleMeta } from "@/components/ArticleMeta";
import { reviewerName } from "@/lib/validation";
import { unavailableMetadata, whenDatabaseUp } from "@/components/DatabaseUnavailable";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ claim?: string | string[] }> };

/** The title and the page read the article once per request. */
const loadDocument = cache(async (slug: string) => getDocumentBySlug(await getDb(), slug));

async function metadataOf({ params }: Props): Promise<Metadata> {
  const document = await loadDocument((await params).slug);
  return { title: document?.title ?? "Article not found" };
}

async function DocumentPage({ params, searchParams }: Props) {
  const document = await loadDocument((await params).slug);
  if (!document) notFound();
  const { claim } = await searchParams;
  const cookie = (await cookies()).get("reviewer")?.value;
  const reviewer = reviewerName.safeParse(cookie === undefined ? undefined : safeDecode(cookie));

  return (
    <article className="document">
      {/* React moves this into the head: the browser asks for the claims the editor fetches while it loads the scripts. */}
      <link rel="preload" href={editorClaimsUrl(document.slug)} as="fetch" crossOrigin="anonymous" />
      <ArticleMeta document={document} />
      <p className="document-links">
        <Link href={`/documents/${document.slug}/review`}>Review claims</Link>
        <Link href={`/documents/${document.slug}/revisions`}>Revisions ({document.revision})</Link>
        <Link href={`/documents/${document.slug}/revisions/new`}>Publish a new revision</Link>
        <Link href={`/documents/${document.slug}/deleted`}>Deleted claims</Link>
      </p>
      <AnnotatorWithClaims
        document={{ slug: document.slug, revision: document.revision, blocks: blocksForEditor(document) }}
        reviewer={reviewer.success ? reviewer.data : null}
        initialClaimId={typeof claim === "string" ? claim : null}
      />
    </article>
  );
}

function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

// The database away is a plain notice, not the error page.
export default whenDatabaseUp(DocumentPage);
export const generateMetadata = whenDatabaseUp(metadataOf, unavailableMetadata);
