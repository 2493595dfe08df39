import { diffWords } from "diff";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { getDocumentBySlug } from "@/db/queries/documents";
import { getRevision } from "@/db/queries/revisions";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ from?: string; to?: string }> };

export const metadata: Metadata = { title: "Compare revisions" };

/** What changed between two revisions, word by word (jsdiff). */
export default async function CompareRevisionsPage({ params, searchParams }: Props) {
  const db = await getDb();
  const document = await getDocumentBySlug(db, (await params).slug);
  if (!document) notFound();
  const query = await searchParams;
  const to = Number(query.to ?? document.revision);
  const from = Number(query.from ?? to - 1);
  const [older, newer] = await Promise.all([getRevision(db, document.id, from), getRevision(db, document.id, to)]);
  if (!Number.isInteger(from) || !Number.isInteger(to) || !older || !newer) notFound();
  const parts = diffWords(older.text, newer.text);

  return (
    <section className="compare">
      <p>
        <Link href={`/documents/${document.slug}/revisions`}>← Revisions of {document.title}</Link>
      </p>
      <h1>
        Revision {from} → revision {to}
      </h1>
      <p className="hint">
        <del>Removed words</del> and <ins>added words</ins>.
      </p>
      <div className="diff" data-testid="revision-diff">
        {parts.map((part, i) =>
          part.added ? <ins key={i}>{part.value}</ins> : part.removed ? <del key={i}>{part.value}</del> : <span key={i}>{part.value}</span>,
        )}
      </div>
    </section>
  );
}
