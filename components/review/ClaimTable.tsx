import Link from "next/link";
import type { ReviewClaim } from "@/db/queries/review";
import { ChangeTime } from "@/components/ChangeTime";
import { EvidenceLinks } from "./EvidenceLinks";
import { QuoteWithContext } from "./QuoteWithContext";
import { ReviewStateCell } from "./ReviewStateCell";
import { TagLabel } from "./TagLabel";

interface ClaimTableProps {
  claims: ReviewClaim[];
  /** Adds the article column, for lists that span articles. */
  showArticle: boolean;
}

/**
 * The claims as a table, one row each. The quote is the row's link into the
 * editor, so the table is walked with Tab and a claim opened with Enter.
 */
export function ClaimTable({ claims, showArticle }: ClaimTableProps) {
  return (
    <div className="claim-table-scroll">
      <table className="claim-table" data-testid="claim-table">
        <caption className="sr-only">Claims; each quote opens its claim in the editor</caption>
        <thead>
          <tr>
            {showArticle && <th scope="col">Article</th>}
            <th scope="col">Quote</th>
            <th scope="col">Tag</th>
            <th scope="col">Review</th>
            <th scope="col">Claimant</th>
            <th scope="col">Note</th>
            <th scope="col">Evidence</th>
            <th scope="col">Reviewer</th>
            <th scope="col">Last change</th>
          </tr>
        </thead>
        <tbody>
          {claims.map((claim) => (
            <tr key={claim.id} data-testid="claim-row" data-claim-id={claim.id} data-tag={claim.tag}>
              {showArticle && (
                <td className="claim-article">
                  <Link href={`/documents/${encodeURIComponent(claim.document.slug)}/review`}>{claim.document.title}</Link>
                </td>
              )}
              <td className="claim-quote">
                <QuoteWithContext claim={claim} slug={claim.document.slug} />
              </td>
              <td>
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
              <ReviewStateCell claim={claim} />
              <td className="claim-claimant" data-testid="claim-claimant">
                {claim.claimant}
              </td>
              <td className="claim-note-cell">
                <div className="claim-note" data-testid="claim-note">
                  {claim.note}
                </div>
              </td>
              <td className="claim-evidence">
                <EvidenceLinks links={claim.evidence} />
              </td>
              <td data-testid="claim-reviewer">
                {claim.createdBy}
                {claim.updatedBy !== claim.createdBy && (
                  <>
                    {" "}
                    <span className="claim-changed-by">changed by {claim.updatedBy}</span>
                  </>
                )}
              </td>
              <td className="claim-updated">
                <ChangeTime iso={claim.updatedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
