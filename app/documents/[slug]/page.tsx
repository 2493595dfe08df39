import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { toEditorAnnotation } from "@/lib/annotation";
import { listAnnotations } from "@/db/queries/annotations";
import { getDocumentBySlug } from "@/db/queries/documents";
import { Annotator } from "@/components/annotator/Annotator";
import { ArticleMeta } from "@/components/ArticleMeta";
import { reviewerName } from "@/lib/validation";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ claim?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const document = await getDocumentBySlug(await getDb(), (await params).slug);
  return { title: document?.title ?? "Article not found" };
}

export default async function DocumentPage({ params, searchParams }: Props) {
  const db = await getDb();
  const document = await getDocumentBySlug(db, (await params).slug);
  if (!document) notFound();
  const annotations = await listAnnotations(db, document.id);
  const { claim } = await searchParams;
  const cookie = (await cookies()).get("reviewer")?.value;
  const reviewer = reviewerName.safeParse(cookie === undefined ? undefined : safeDecode(cookie));

  return (
    <article className="document">
      <ArticleMeta document={document} />
      <p className="document-links">
        <Link href={`/documents/${document.slug}/review`}>Review claims</Link>
        <Link href={`/documents/${document.slug}/revisions`}>Revisions ({document.revision})</Link>
        <Link href={`/documents/${document.slug}/revisions/new`}>Publish a new revision</Link>
      </p>
      <Annotator
        document={{ slug: document.slug, text: document.text, blocks: document.blocks }}
        annotations={annotations.map(toEditorAnnotation)}
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
