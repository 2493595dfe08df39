import type { DocumentRow } from "@/db/schema";

// A calendar date (no time of day), written as the app's other dates are ("22 Oct 2018").
const publishedFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

/** An article's publication date (`YYYY-MM-DD`), for people, with the date itself for machines. */
export function PublishedDate({ date }: { date: string }) {
  return <time dateTime={date}>{publishedFormat.format(new Date(`${date}T00:00:00Z`))}</time>;
}

/** The article's provenance, above its text. Unknown fields are left out, never guessed. */
export function ArticleMeta({ document }: { document: Pick<DocumentRow, "outlet" | "title" | "sourceUrl" | "author" | "publishedAt"> }) {
  return (
    <dl className="article-meta" aria-label="About this article">
      {document.outlet && (
        <div>
          <dt>Outlet</dt>
          <dd data-testid="article-outlet">{document.outlet}</dd>
        </div>
      )}
      {document.author && (
        <div>
          <dt>Author</dt>
          <dd>{document.author}</dd>
        </div>
      )}
      <div>
        <dt>Published</dt>
        <dd>{document.publishedAt ? <PublishedDate date={document.publishedAt} /> : "date not known"}</dd>
      </div>
      <div>
        <dt>Source</dt>
        <dd>
          {document.sourceUrl ? (
            <a href={document.sourceUrl} rel="noopener noreferrer">
              {document.sourceUrl}
            </a>
          ) : (
            "URL not known"
          )}
        </dd>
      </div>
    </dl>
  );
}
