"use client";

import { AppLink } from "@/components/AppLink";
import type { ReviewFilters, ReviewSort } from "@/lib/review-filters";
import { ChangeTime } from "@/components/ChangeTime";
import { ProvenanceLine } from "@/components/ProvenanceLine";
import type { ClaimTableGroup, ClaimTableRow } from "./claim-table-rows";
import { EvidenceLinks } from "./EvidenceLinks";
import { QuoteWithContext } from "./QuoteWithContext";
import { sortHref } from "./review-links";
import { ReviewStateCell } from "./ReviewStateCell";
import { TagLabel } from "./TagLabel";

interface ClaimTableProps {
  /** The claims, as runs of one article's claims (claim-table-rows.ts). */
  groups: ClaimTableGroup[];
  /** Heads each group with its article's title, for lists that span articles. */
  groupByArticle: boolean;
  /** The list's filters, which the column headers keep as they sort. */
  filters: ReviewFilters;
  /** The page's own path, where the column headers lead. */
  path: string;
}

/** The columns, in order; those with a sort have a header link that sorts by them. */
const columns: { label: string; sort?: ReviewSort; className: string }[] = [
  { label: "Quote", sort: "position", className: "col-quote" },
  { label: "Tag", sort: "tag", className: "col-tag" },
  { label: "Review", sort: "state", className: "col-review" },
  { label: "Claimant", sort: "claimant", className: "col-claimant" },
  { label: "Note", className: "col-note" },
  { label: "Evidence", className: "col-evidence" },
  { label: "Reviewer", sort: "reviewer", className: "col-reviewer" },
  { label: "Last change", sort: "updated", className: "col-updated" },
  { label: "Comments", sort: "comments", className: "col-comments" },
];

/**
 * Each cell's column name, on the cell itself (`data-label`): at a phone's
 * width the rows are cards (app/phone.css), and each value is labelled there.
 */
const labelOf = Object.fromEntries(columns.map((column) => [column.className, column.label]));

/**
 * The claims as a table, one row each, in a layout that wraps long words
 * rather than widen the page (the quote, claimant and reviewer each in a
 * block whose width a long word cannot push past a cap: app/globals.css). Across articles, each run of an
 * article's claims is a `<tbody>` headed by the article's title (once, not
 * on every row). The quote is the row's link into the editor, so the table
 * is walked with Tab and a claim opened with Enter.
 *
 * A client component given each row's data, so that a page of 100 rows is
 * sent once as data rather than twice (React's payload and the HTML) as
 * elements; it is still rendered on the server, every row in the HTML.
 */
export function ClaimTable({ groups, groupByArticle, filters, path }: ClaimTableProps) {
  return (
    <div className="claim-table-scroll">
      <table className="claim-table" data-testid="claim-table">
        <caption className="sr-only">Claims; each quote opens its claim in the editor; a column&apos;s header sorts by it</caption>
        <colgroup>
          {columns.map((column) => (
            <col key={column.label} className={column.className} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {columns.map((column) => (
              <SortableHeader key={column.label} {...column} filters={filters} path={path} />
            ))}
          </tr>
        </thead>
        {groups.map((group) => (
          <tbody key={group.rows[0].id} data-testid="claim-group" data-article-slug={group.slug}>
            {groupByArticle && (
              <tr className="claim-group-header">
                <th scope="colgroup" colSpan={columns.length} data-testid="claim-group-title">
                  <AppLink href={`/documents/${encodeURIComponent(group.slug)}/review`}>{group.title}</AppLink>
                  {group.outlet && <span className="claim-group-outlet"> · {group.outlet}</span>}
                </th>
              </tr>
            )}
            {group.rows.map((claim) => (
              <ClaimRow key={claim.id} claim={claim} slug={group.slug} />
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}

function SortableHeader({ label, sort, filters, path }: { label: string; sort?: ReviewSort; filters: ReviewFilters; path: string }) {
  if (!sort) return <th scope="col">{label}</th>;
  const sorted = filters.sort === sort;
  const ariaSort = sorted ? (filters.dir === "asc" ? "ascending" : "descending") : undefined;
  return (
    <th scope="col" aria-sort={ariaSort}>
      <AppLink href={sortHref(path, filters, sort)} scroll={false} className="claim-sort-link" data-testid={`sort-${sort}`}>
        {label}
        <span aria-hidden="true" className="claim-sort-mark">
          {sorted ? (filters.dir === "asc" ? " ▲" : " ▼") : ""}
        </span>
      </AppLink>
    </th>
  );
}

function ClaimRow({ claim, slug }: { claim: ClaimTableRow; slug: string }) {
  return (
    <tr data-testid="claim-row" data-claim-id={claim.id} data-tag={claim.tag}>
      <td className="claim-quote" data-label={labelOf["col-quote"]}>
        <QuoteWithContext claimId={claim.id} slug={slug} context={claim.context} />
      </td>
      <td data-label={labelOf["col-tag"]}>
        <TagLabel tag={claim.tag} />
        {claim.status === "orphan" && (
          <span className="orphan-mark" title="A revision removed or changed these words; re-attach or delete it in the editor.">
            {" "}
            orphan
          </span>
        )}
        {claim.status === "anchored" && claim.previousQuote && (
          <span
            className="words-changed-mark"
            title={`The latest revision changed these words; they were: “${claim.previousQuote}”. Check the verdict.`}
          >
            {" "}
            words changed
          </span>
        )}
      </td>
      <ReviewStateCell claim={claim} label={labelOf["col-review"]} />
      <td className="claim-claimant" data-testid="claim-claimant" data-label={labelOf["col-claimant"]}>
        {/* Left out when empty, so that the cell stays :empty (a phone's card leaves it out). */}
        {claim.claimant && <span className="claim-cell-text">{claim.claimant}</span>}
      </td>
      <td className="claim-note-cell" data-label={labelOf["col-note"]}>
        <div className="claim-note" data-testid="claim-note">
          {claim.note}
        </div>
      </td>
      <td className="claim-evidence" data-label={labelOf["col-evidence"]}>
        <EvidenceLinks links={claim.evidence} />
      </td>
      <td data-testid="claim-reviewer" data-label={labelOf["col-reviewer"]}>
        <span className="claim-cell-text">
          {claim.createdBy}
          {claim.updatedBy !== claim.createdBy && (
            <>
              {" "}
              <span className="claim-changed-by">changed by {claim.updatedBy}</span>
            </>
          )}
          {claim.provenance && (
            <>
              {" "}
              <span className="claim-changed-by">
                imported; written <ProvenanceLine provenance={claim.provenance} />
              </span>
            </>
          )}
        </span>
      </td>
      <td className="claim-updated" data-label={labelOf["col-updated"]}>
        <ChangeTime iso={claim.updatedAt} />
      </td>
      <td className="claim-comments" data-testid="claim-comments" data-label={labelOf["col-comments"]}>
        {claim.commentCount}
      </td>
    </tr>
  );
}
