import { ChangeTime } from "@/components/ChangeTime";
import type { Annotation } from "@/lib/annotation";
import { reviewStateLabels } from "@/lib/review";

type Reviewed = Pick<Annotation, "reviewState" | "approvedBy" | "approvedAt" | "verdictsDiffer">;

/**
 * A claim's review in the review table: its state, who approved it and when, and whether its verdicts differ.
 * `label` names the column on the cell, for the table's cards at a phone's width.
 */
export function ReviewStateCell({ claim, label }: { claim: Reviewed; label?: string }) {
  return (
    <td className="claim-review-state" data-testid="claim-review-state" data-review-state={claim.reviewState} data-label={label}>
      <span className={`review-state review-state-${claim.reviewState}`}>{reviewStateLabels[claim.reviewState]}</span>
      {claim.verdictsDiffer && (
        <span className="verdicts-differ-mark" title="The reviewers' verdicts differ: an editor decides.">
          {" "}
          verdicts differ
        </span>
      )}
      {claim.reviewState === "approved" && claim.approvedBy && (
        <span className="claim-changed-by">
          {" "}
          by {claim.approvedBy}
          {claim.approvedAt && (
            <>
              , <ChangeTime iso={claim.approvedAt} />
            </>
          )}
        </span>
      )}
    </td>
  );
}
