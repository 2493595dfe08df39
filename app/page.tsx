import Link from "next/link";
import { Fragment } from "react";
import { PublishedDate } from "@/components/ArticleMeta";
import { ArticleActions } from "@/components/articles/ArticleActions";
import { ArticleFilters } from "@/components/articles/ArticleFilters";
import { whenDatabaseUp } from "@/components/DatabaseUnavailable";
import { type SearchParamsRecord, toSearchParams } from "@/components/review/load-review";
import { articleListToSearchParams, parseArticleListQuery } from "@/lib/article-list";
import { tagInfo, tags } from "@/lib/tags";
import { requirePageActor } from "@/server/actor";
import { listArticleOutlets, listArticles } from "@/server/articles";
import { canForAnyone } from "@/server/policy";
import { unwrap } from "@/server/refusal";

// Reads the database on every request; nothing to prerender at build time.
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<SearchParamsRecord> };

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

async function HomePage({ searchParams }: Props) {
  const actor = await requirePageActor();
  const mayAdd = canForAnyone(actor.role, "add_article");
  const parsed = parseArticleListQuery(toSearchParams(await searchParams));
  const outlets = unwrap(await listArticleOutlets(actor));
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
      {"error" in parsed ? (
        <>
          <div role="alert" className="review-invalid" data-testid="invalid-filters">
            <p>
              <strong>This list cannot be shown:</strong> {parsed.error}
            </p>
            <p>
              <Link href="/">Show every article</Link>
            </p>
          </div>
        </>
      ) : (
        <ArticlePageWhenUp actor={actor} query={parsed.query} outlets={outlets} mayAdd={mayAdd} />
      )}
    </section>
  );
}

async function ArticlePage({
  actor,
  query,
  outlets,
  mayAdd,
}: {
  actor: Awaited<ReturnType<typeof requirePageActor>>;
  query: Parameters<typeof listArticles>[1];
  outlets: string[];
  mayAdd: boolean;
}) {
  const { documents, next } = unwrap(await listArticles(actor, query));
  const mayArchive = canForAnyone(actor.role, "archive_article");
  const mayDelete = canForAnyone(actor.role, "delete_article");
  const filtered = Boolean(query.q || query.outlet || query.orphans || query.wordsChanged || query.inReview || query.archived);
  const nextHref = next && `/?${articleListToSearchParams({ ...query, after: next })}`;
  const firstHref = query.after && `/?${articleListToSearchParams({ ...query, after: undefined })}`;
  return (
    <>
      <ArticleFilters
        key={JSON.stringify([query.q, query.sort, query.outlet, query.orphans, query.wordsChanged, query.inReview, query.archived])}
        values={query}
        outlets={outlets}
      />
      {documents.length === 0 ? (
        <p data-testid="no-articles">
          {filtered || query.after
            ? "No articles match."
            : mayAdd
              ? "No articles yet. Add one, or put a .txt file in content/ and restart."
              : "No articles yet."}
        </p>
      ) : (
        <ul className="document-list" aria-label={query.archived ? "Archived articles" : "Articles"}>
          {documents.map((document) => (
            <li key={document.id} data-testid="article-row" data-slug={document.slug}>
              <Link href={`/documents/${document.slug}`}>{document.title}</Link>
              <span className="document-meta">
                {[
                  document.outlet,
                  document.author,
                  document.publishedAt && <PublishedDate date={document.publishedAt} />,
                  document.revision > 1 && `revision ${document.revision}`,
                  document.archivedAt && `archived by ${document.archivedBy ?? "someone"}`,
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
                {document.orphanCount > 0 && (
                  <span className="tag-pill badge-orphans" data-testid="orphans-badge">
                    {document.orphanCount} orphaned
                  </span>
                )}
                {document.wordsChangedCount > 0 && (
                  <span className="tag-pill badge-words-changed" data-testid="words-changed-badge">
                    {plural(document.wordsChangedCount, "claim", "claims")} with words changed
                  </span>
                )}
              </span>
              <span className="document-row-links">
                <Link href={`/documents/${document.slug}/review`} className="document-review-link">
                  Review claims<span className="sr-only"> in “{document.title}”</span>
                </Link>
                <ArticleActions
                  slug={document.slug}
                  title={document.title}
                  archived={document.archivedAt !== null}
                  claimCount={document.claimCount}
                  mayArchive={mayArchive}
                  mayDelete={mayDelete}
                />
              </span>
            </li>
          ))}
        </ul>
      )}
      {(nextHref || firstHref) && (
        <nav className="article-pages" aria-label="Pages">
          {firstHref && <Link href={firstHref}>First page</Link>}
          {nextHref && (
            <a href={nextHref} rel="next">
              Next {query.limit} articles
            </a>
          )}
        </nav>
      )}
    </>
  );
}

// React renders the list after HomePage has returned, outside its guard: a
// list read the statement timeout cut short gets the notice too, as on /review.
const ArticlePageWhenUp = whenDatabaseUp(ArticlePage);

// The database away is a plain notice, not the error page.
export default whenDatabaseUp(HomePage);
