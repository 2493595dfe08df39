"use client";

import { tagInfo } from "@/lib/tags";
import type { Claim } from "./claim";

/**
 * Claims this reviewer tagged on an earlier text of the article and could not
 * save before it was revised, whose words the server did not find unchanged in
 * this text. They are kept in the browser until the reviewer discards them.
 */
export function UnplacedClaims({ claims, onDiscard }: { claims: Claim[]; onDiscard: (claim: Claim) => void }) {
  return (
    <section className="orphans-panel" role="alert" aria-labelledby="unplaced-title" data-testid="unplaced-claims">
      <h2 id="unplaced-title">Not saved: tagged on an earlier text</h2>
      <p className="hint">
        You tagged these before the article was revised, and they were not saved then. Their words are not in this text as they
        were: select the words again to tag them.
      </p>
      <ol className="claim-list">
        {claims.map((claim) => (
          <li key={claim.id} className="orphan" data-claim-id={claim.id}>
            <span className={`tag-pill tag-pill-${claim.tag}`}>
              <span aria-hidden="true">{tagInfo[claim.tag].glyph}</span> {tagInfo[claim.tag].label}
            </span>{" "}
            <q>{claim.quote}</q>
            {claim.note && <p className="orphan-note">{claim.note}</p>}
            <div className="orphan-actions">
              <button type="button" className="danger" onClick={() => onDiscard(claim)}>
                Discard
              </button>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
