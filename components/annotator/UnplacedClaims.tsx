"use client";

import { tagInfo } from "@/lib/tags";
import type { Claim } from "./claim";

/**
 * Claims this reviewer tagged on an earlier text of the article and could not
 * save before it was revised, which the server refused now (most often: their
 * words are not in this text as they were). They are kept in the browser until
 * the reviewer discards them.
 */
export function UnplacedClaims({
  claims,
  refused,
  onDiscard,
}: {
  claims: Claim[];
  /** The server's reason for each claim. */
  refused: ReadonlyMap<string, string>;
  onDiscard: (claim: Claim) => void;
}) {
  return (
    <section className="orphans-panel" role="alert" aria-labelledby="unplaced-title" data-testid="unplaced-claims">
      <h2 id="unplaced-title">Not saved: tagged on an earlier text</h2>
      <p className="hint">You tagged these before the article was revised, and they could not be saved then or now.</p>
      <ol className="claim-list">
        {claims.map((claim) => (
          <li key={claim.id} className="orphan" data-claim-id={claim.id}>
            <span className={`tag-pill tag-pill-${claim.tag}`}>
              <span aria-hidden="true">{tagInfo[claim.tag].glyph}</span> {tagInfo[claim.tag].label}
            </span>{" "}
            <q>{claim.quote}</q>
            {claim.note && <p className="orphan-note">{claim.note}</p>}
            <p className="field-error">{refused.get(claim.id)}</p>
            <div className="orphan-actions">
              <button type="button" className="danger" aria-label={`Discard “${claim.quote}”`} onClick={() => onDiscard(claim)}>
                Discard
              </button>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
