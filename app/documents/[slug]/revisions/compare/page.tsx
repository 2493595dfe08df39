import type { Metadata } from "next";
import { AppLink } from "@/components/AppLink";
import { notFound } from "next/navigation";
import { whenDatabaseUp } from "@/components/DatabaseUnavailable";
import { RevisionDiff } from "@/components/revisions/RevisionDiff";
import { compareRevisions } from "@/lib/revision-compare";
import { requirePageActor } from "@/server/actor";
import { getArticle, getRevisionTexts } from "@/server/articles";
import { found } from "@/server/refusal";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ from?: string | string[]; to?: string | string[] }> };

export const metadata: Metadata = { title: "Compare revisions" };

/** A revision number given in the address: undefined when absent, NaN when it is not one. */
function revisionNumber(raw: string | string[] | undefined): number | undefined {
  if (raw === undefined) return undefined;
  return typeof raw === "string" && /^[1-9]\d{0,8}$/.test(raw) ? Number(raw) : Number.NaN;
}

/** What changed between two revisions, word by word (jsdiff), in the newer one's blocks, with the claims each change touched. */
async function CompareRevisionsPage({ params, searchParams }: Props) {
  const actor = await requirePageActor();
  const document = found(await getArticle(actor, (await params).slug));
  if (!document) notFound();
  const query = await searchParams;
  const to = revisionNumber(query.to) ?? document.revision;
  const from = revisionNumber(query.from) ?? to - 1;
  if (query.from === undefined && query.to === undefined && document.revision === 1) {
    return (
      <section className="compare">
        <h1>Compare revisions</h1>
        <p>
          {document.title} has one revision so far: there is nothing to compare yet.{" "}
          <AppLink href={`/documents/${document.slug}/revisions/new`}>Publish a new revision</AppLink>.
        </p>
      </section>
    );
  }
  if (!Number.isInteger(from) || !Number.isInteger(to)) notFound();
  const [older, newer] = found(await getRevisionTexts(actor, document.slug, [from, to])) ?? [];
  if (!older || !newer) notFound();
  const blocks = compareRevisions(older, newer);
  // A claim's words as the newer revision has them, else as the older had them.
  const quotes = new Map([...older.claims, ...newer.claims].map(({ id, quote }) => [id, quote]));

  return (
    <section className="compare">
      <p>
        <AppLink href={`/documents/${document.slug}/revisions`}>← Revisions of {document.title}</AppLink>
      </p>
      <h1>
        Revision {from} → revision {to}
      </h1>
      <p className="hint">
        <del>Removed words</del> and <ins>added words</ins>; a number after a change links to a claim it touched.
      </p>
      <RevisionDiff slug={document.slug} blocks={blocks} claims={quotes} />
    </section>
  );
}

// The database away is a plain notice, not the error page.
export default whenDatabaseUp(CompareRevisionsPage);
