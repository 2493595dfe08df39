"use client";

import { useEffect, useRef, useState } from "react";
import { ChangeTime } from "@/components/ChangeTime";
import { maxClaimantLength, maxNoteLength } from "@/lib/limits";
import { type Tag, tagInfo, tags } from "@/lib/tags";
import type { Claim } from "./claim";
import type { ClaimConflict } from "@/lib/claim-conflicts";
import type { SyncStatus } from "./claim-sync";
import { ClaimConflicts } from "./ClaimConflicts";
import type { ClaimActions } from "./ClaimPanel";
import { ChangeHistory } from "./ChangeHistory";
import { EvidenceField } from "./EvidenceField";

interface ClaimEditorProps {
  readOnly: boolean;
  /** Why the signed-in person cannot change this claim (their role), shown above its fields; null when they can. */
  refusal?: string | null;
  claim: Claim;
  status: SyncStatus;
  actions: ClaimActions;
  /** Focus the claim's heading when it opens. */
  takeFocus: boolean;
  /** Fields two reviewers changed at once, with every version, until someone picks one (the server's record). */
  conflicts: readonly ClaimConflict[];
  /** The signed-in person's account (null: none), to say "you" of their own versions. */
  personId: string | null;
}

/** The open claim: its tag, words, claimant, note and evidence, and whether they are saved. */
export function ClaimEditor({ readOnly, refusal = null, claim, status, actions, takeFocus, conflicts, personId }: ClaimEditorProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (takeFocus) heading.current?.focus();
  }, [takeFocus]);
  // A link typed but not added would go with the closed claim: Esc leaves the claim open.
  const [linkTyped, setLinkTyped] = useState(false);
  const refused = status.refused.get(claim.id);
  const { change } = actions;

  return (
    <section
      className="claim-editor"
      aria-label="Open claim"
      data-testid="claim-editor"
      data-claim-id={claim.id}
      onKeyDown={(event) => {
        if (event.key === "Escape" && linkTyped) event.preventDefault();
      }}
    >
      <header>
        <h2 ref={heading} tabIndex={-1}>
          <span className={`tag-pill tag-pill-${claim.tag}`} data-testid="claim-tag">
            <span aria-hidden="true">{tagInfo[claim.tag].glyph}</span> {tagInfo[claim.tag].label}
          </span>{" "}
          claim
        </h2>
        <button type="button" className="link-button" onClick={() => actions.open(null)} aria-label="Close claim">
          Close
        </button>
      </header>
      <blockquote data-testid="claim-quote">{claim.quote}</blockquote>
      {refusal && (
        <p className="role-notice" role="note" data-testid="claim-read-only">
          Read only: {refusal}
        </p>
      )}
      {claim.previousQuote && (
        <p className="words-changed" role="note" data-testid="words-changed">
          A revision changed these words; the claim was on <q>{claim.previousQuote}</q>. Check that the verdict still holds.
          {!readOnly && (
            <>
              {" "}
              <button
                type="button"
                onClick={(event) => {
                  const button = event.currentTarget;
                  actions.checkVerdict(claim);
                  // The button goes with the note it is in: the keyboard stays in the claim.
                  if (document.activeElement === button || document.activeElement === document.body) heading.current?.focus();
                }}
              >
                The verdict still holds
              </button>
            </>
          )}
        </p>
      )}
      {status.unsaved.has(claim.id) && status.state !== "saving" && !status.deletedElsewhere.has(claim.id) && (
        <p className="unsaved-mark" role="note">
          {refused ? `Not saved: ${refused}` : "Not saved yet: kept here and retried."}
        </p>
      )}
      <ClaimConflicts
        conflicts={conflicts}
        current={claim}
        personId={personId}
        refusal={readOnly ? (refusal ?? "This claim cannot be changed here.") : null}
        onPick={(conflictId, pick) => actions.pickConflict(claim, conflictId, pick)}
      />
      {/* A disabled fieldset disables every control in it: how earlier revisions stay read-only. */}
      <fieldset className="claim-fields" disabled={readOnly}>
        <fieldset className="tag-choice">
          <legend>Tag</legend>
          {tags.map((tag: Tag) => (
            <label key={tag} className={`tag-option tag-option-${tag}`}>
              <input type="radio" name="tag" value={tag} checked={claim.tag === tag} onChange={() => change({ ...claim, tag })} />
              <span aria-hidden="true">{tagInfo[tag].glyph}</span> {tagInfo[tag].label}
            </label>
          ))}
        </fieldset>

        <label className="field">
          Claimant (who made the claim)
          <input
            value={claim.claimant}
            maxLength={maxClaimantLength}
            placeholder="e.g. Andy Jassy"
            onChange={(e) => change({ ...claim, claimant: e.target.value }, { typing: true })}
          />
        </label>

        <label className="field">
          Note
          <textarea
            value={claim.note}
            maxLength={maxNoteLength}
            rows={5}
            onChange={(e) => change({ ...claim, note: e.target.value }, { typing: true })}
          />
        </label>

        <EvidenceField claim={claim} onChange={change} onTyped={setLinkTyped} />

        <p className="claim-meta" data-testid="claim-meta">
          Tagged by {claim.createdBy}
          {claim.updatedBy !== claim.createdBy && `, last changed by ${claim.updatedBy}`}
          {claim.updatedAt && (
            <>
              {" "}
              · last change <ChangeTime iso={claim.updatedAt} />
            </>
          )}
        </p>
        {!readOnly && (
          <button type="button" className="danger" onClick={() => actions.remove(claim)}>
            Delete claim
          </button>
        )}
      </fieldset>
      <ChangeHistory claimId={claim.id} updatedAt={claim.updatedAt} />
    </section>
  );
}
