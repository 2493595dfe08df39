import type { Metadata } from "next";
import { AppLink } from "@/components/AppLink";
import { ChangeTime } from "@/components/ChangeTime";
import { notFound } from "next/navigation";
import { whenDatabaseUp } from "@/components/DatabaseUnavailable";
import { requirePageActor } from "@/server/actor";
import { getArticle, listArticleRevisions } from "@/server/articles";
import { found, unwrap } from "@/server/refusal";

type Props = { params: Promise<{ slug: string }> };

export const metadata: Metadata = { title: "Revisions" };

/**
 * The table's column names, once: its headers, and each cell's `data-label`,
 * under which a phone shows the value when the rows are cards (app/phone.css).
 * The revision's own link heads its card and needs no label.
 */
const columns = { revision: "Revision", publishedBy: "Published by", when: "When", claims: "Claims moved", changes: "Changes" } as const;

async function RevisionsPage({ params }: Props) {
  const actor = await requirePageActor();
  const document = found(await getArticle(actor, (await params).slug));
  if (!document) notFound();
  const revisions = unwrap(await listArticleRevisions(actor, document.slug));
  const base = `/documents/${document.slug}`;

  return (
    <section className="revisions">
      <p>
        <AppLink href={base}>← {document.title}</AppLink>
      </p>
      <h1>Revisions</h1>
      <p>
        <AppLink href={`${base}/revisions/new`} className="button-link">
          Publish a new revision
        </AppLink>
      </p>
      <table className="revision-table phone-cards">
        <thead>
          <tr>
            {Object.values(columns).map((name) => (
              <th key={name} scope="col">
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {revisions.map((revision) => (
            <tr key={revision.number}>
              <td>
                <AppLink href={revision.number === document.revision ? base : `${base}/revisions/${revision.number}`}>
                  Revision {revision.number}
                  {revision.number === document.revision && " (latest)"}
                </AppLink>
              </td>
              <td data-label={columns.publishedBy}>{revision.publishedBy}</td>
              <td data-label={columns.when}>
                <ChangeTime iso={revision.publishedAt} />
              </td>
              <td data-label={columns.claims} data-testid="revision-claims">
                {revision.number > 1 && `${revision.claims.changedWords} onto changed words, ${revision.claims.orphaned} orphaned`}
              </td>
              <td data-label={columns.changes}>
                {revision.number > 1 && (
                  <AppLink href={`${base}/revisions/compare?from=${revision.number - 1}&to=${revision.number}`}>
                    Compare with revision {revision.number - 1}
                  </AppLink>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

// The database away is a plain notice, not the error page.
export default whenDatabaseUp(RevisionsPage);
