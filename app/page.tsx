import Link from "next/link";
import { Fragment } from "react";
import { PublishedDate } from "@/components/ArticleMeta";
import { tagInfo, tags } from "@/lib/tags";
import { whenDatabaseUp } from "@/components/DatabaseUnavailable";
import { requirePageActor } from "@/server/actor";
import { listArticles } from "@/server/articles";
import { canForAnyone } from "@/server/policy";
import { unwrap } from "@/server/refusal";

// Reads the database on every request; nothing to prerender at build time.
export const dynamic = "force-dynamic";

async function HomePage() {
  const actor = await requirePageActor();
  const documents = unwrap(await listArticles(actor));
  const mayAdd = canForAnyone(actor.role, "add_article");
  return (
    <section className="document-index">
      <h1>Articles</h1>
      {mayAdd && (
        <p>
          <Link href="/documents/new" className="button-link">
            Add an article
          </Link>
        </p>
      )}
      {documents.length === 0 ? (
        <p>{mayAdd ? "No articles yet. Add one, or put a .txt file in content/ and restart." : "No articles yet."}</p>
      ) : (
        <ul className="document-list">
          {documents.map((document) => (
            <li key={document.id}>
              <Link href={`/documents/${document.slug}`}>{document.title}</Link>
              <span className="document-meta">
                {[
                  document.outlet,
                  document.publishedAt && <PublishedDate date={document.publishedAt} />,
                  document.revision > 1 && `revision ${document.revision}`,
                ]
                  .filter(Boolean)
                  .map((part, i) => (
                    <Fragment key={i}>
                      {i > 0 && " · "}
                      {part}
                    </Fragment>
                  ))}
              </span>
              <span className="document-counts" data-testid="claim-counts">
                {tags.map((tag) => (
                  <span key={tag} className={`tag-pill tag-pill-${tag}`}>
                    <span aria-hidden="true">{tagInfo[tag].glyph}</span> {document.claimCounts[tag]} {tagInfo[tag].label.toLowerCase()}
                  </span>
                ))}
                {document.orphanCount > 0 && <span className="tag-pill">{document.orphanCount} orphaned</span>}
              </span>
              <Link href={`/documents/${document.slug}/review`} className="document-review-link">
                Review claims<span className="sr-only"> in “{document.title}”</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

// The database away is a plain notice, not the error page.
export default whenDatabaseUp(HomePage);
