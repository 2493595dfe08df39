import { AppLink } from "@/components/AppLink";
import { ArticleList, type ArticleListRow } from "@/components/articles/ArticleList";
import { ArticleFilters } from "@/components/articles/ArticleFilters";
import { whenDatabaseUp } from "@/components/DatabaseUnavailable";
import { type SearchParamsRecord, toSearchParams } from "@/components/review/load-review";
import { articleListToSearchParams, parseArticleListQuery } from "@/lib/article-list";
import { requirePageActor } from "@/server/actor";
import { listArticleOutlets, listArticles } from "@/server/articles";
import { canForAnyone } from "@/server/policy";
import { unwrap } from "@/server/refusal";

// Reads the database on every request; nothing to prerender at build time.
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<SearchParamsRecord> };

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
          <AppLink href="/documents/new" className="button-link">
            Add an article
          </AppLink>
        </p>
      )}
      {"error" in parsed ? (
        <>
          <div role="alert" className="review-invalid" data-testid="invalid-filters">
            <p>
              <strong>This list cannot be shown:</strong> {parsed.error}
            </p>
            <p>
              <AppLink href="/">Show every article</AppLink>
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
        <ArticleList
          rows={documents.map(toListRow)}
          label={query.archived ? "Archived articles" : "Articles"}
          mayArchive={mayArchive}
          mayDelete={mayDelete}
        />
      )}
      {(nextHref || firstHref) && (
        <nav className="article-pages" aria-label="Pages">
          {firstHref && <AppLink href={firstHref}>First page</AppLink>}
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

type ListedArticle = Extract<Awaited<ReturnType<typeof listArticles>>, { documents: unknown }>["documents"][number];

/** What the list shows of an article, and no more: its rows travel to the browser as data. */
const toListRow = (document: ListedArticle): ArticleListRow => ({
  id: document.id,
  slug: document.slug,
  title: document.title,
  outlet: document.outlet,
  author: document.author,
  publishedAt: document.publishedAt,
  revision: document.revision,
  archived: document.archivedAt !== null,
  archivedBy: document.archivedBy,
  claimCounts: document.claimCounts,
  claimCount: document.claimCount,
  orphanCount: document.orphanCount,
  wordsChangedCount: document.wordsChangedCount,
});

// React renders the list after HomePage has returned, outside its guard: a
// list read the statement timeout cut short gets the notice too, as on /review.
const ArticlePageWhenUp = whenDatabaseUp(ArticlePage);

// The database away is a plain notice, not the error page.
export default whenDatabaseUp(HomePage);
