"use client";

import { AppLink } from "@/components/AppLink";
import { PublishedDate } from "@/components/ArticleMeta";
import { type Tag, tagInfo, tags } from "@/lib/tags";
import { ArticleActions } from "./ArticleActions";

/** What a row of the home page shows of an article. */
export interface ArticleListRow {
  id: string;
  slug: string;
  title: string;
  outlet: string | null;
  author: string | null;
  publishedAt: string | null;
  revision: number;
  archived: boolean;
  archivedBy: string | null;
  claimCounts: Record<Tag, number>;
  claimCount: number;
  orphanCount: number;
  wordsChangedCount: number;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/**
 * The home page's list of articles: each row's title, provenance, claim
 * counts with badges for orphans and changed words, its review link and its
 * actions. A client component, so that the page sends each row's data
 * (a few hundred bytes) rather than the rows' elements twice over, as
 * React's payload and again as HTML: fifty rows or more on every request,
 * whose time grew with their nodes. It is still rendered on the server.
 */
export function ArticleList({
  rows,
  label,
  mayArchive,
  mayDelete,
}: {
  rows: ArticleListRow[];
  label: string;
  mayArchive: boolean;
  mayDelete: boolean;
}) {
  return (
    <ul className="document-list" aria-label={label}>
      {rows.map((row) => (
        <li key={row.id} data-testid="article-row" data-slug={row.slug}>
          <AppLink href={`/documents/${row.slug}`}>{row.title}</AppLink>
          <span className="document-meta">
            <ArticleRowMeta row={row} />
          </span>
          <span className="document-counts" data-testid="claim-counts">
            {tags.map((tag) => (
              <span key={tag} className={`tag-pill tag-pill-${tag}`}>
                <span aria-hidden="true">{tagInfo[tag].glyph}</span>
                {` ${row.claimCounts[tag]} ${tagInfo[tag].label.toLowerCase()}`}
              </span>
            ))}
            {row.orphanCount > 0 && (
              <span className="tag-pill badge-orphans" data-testid="orphans-badge">
                {`${row.orphanCount} orphaned`}
              </span>
            )}
            {row.wordsChangedCount > 0 && (
              <span className="tag-pill badge-words-changed" data-testid="words-changed-badge">
                {`${plural(row.wordsChangedCount, "claim", "claims")} with words changed`}
              </span>
            )}
          </span>
          <span className="document-row-links">
            <AppLink href={`/documents/${row.slug}/review`} className="document-review-link">
              Review claims<span className="sr-only">{` in “${row.title}”`}</span>
            </AppLink>
            <ArticleActions
              slug={row.slug}
              title={row.title}
              archived={row.archived}
              claimCount={row.claimCount}
              mayArchive={mayArchive}
              mayDelete={mayDelete}
            />
          </span>
        </li>
      ))}
    </ul>
  );
}

/** An article's outlet, author, date, revision and archiving, joined by " · ", as a few strings rather than a node per part. */
function ArticleRowMeta({ row }: { row: ArticleListRow }) {
  const before = [row.outlet, row.author].filter(Boolean).join(" · ");
  const after = [row.revision > 1 && `revision ${row.revision}`, row.archived && `archived by ${row.archivedBy ?? "someone"}`]
    .filter(Boolean)
    .join(" · ");
  const date = row.publishedAt;
  return (
    <>
      {date ? `${before}${before ? " · " : ""}` : before}
      {date && <PublishedDate date={date} />}
      {after && `${before || date ? " · " : ""}${after}`}
    </>
  );
}
