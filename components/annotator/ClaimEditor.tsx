"use client";

import { useEffect, useRef, useState } from "react";
import { ChangeTime } from "@/components/ChangeTime";
import { maxClaimantLength, maxNoteLength } from "@/lib/limits";
import { type Tag, tagInfo, tags } from "@/lib/tags";
import type { EditableField } from "@/lib/annotation";
import type { Claim } from "./claim";
import type { OverwriteNotice, SyncStatus } from "./claim-sync";
import type { ClaimActions } from "./ClaimPanel";
import { ChangeHistory } from "./ChangeHistory";
import { EvidenceField } from "./EvidenceField";

interface ClaimEditorProps {
  readOnly: boolean;
  claim: Claim;
  status: SyncStatus;
  actions: ClaimActions;
  /** Focus the claim's heading when it opens. */
  takeFocus: boolean;
  /** Another reviewer's words this claim's save replaced, until dismissed. */
  overwritten: OverwriteNotice | null;
}

/** The open claim: its tag, words, claimant, note and evidence, and whether they are saved. */
export function ClaimEditor({ readOnly, claim, status, actions, takeFocus, overwritten }: ClaimEditorProps) {
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
      {status.unsaved.has(claim.id) && status.state !== "saving" && (
        <p className="unsaved-mark" role="note">
          {refused ? `Not saved: ${refused}` : "Not saved yet: kept here and retried."}
        </p>
      )}
      {overwritten && <Overwritten notice={overwritten} onDismiss={actions.dismissOverwritten} />}
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

        <p className="claim-meta">
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

/** How the notice names each field a reviewer can change. */
const fieldNames: Record<EditableField, string> = { tag: "tag", note: "note", claimant: "claimant", evidence: "evidence links" };

/** Another reviewer's words that this reviewer's save replaced, so nothing is lost unseen. */
function Overwritten({ notice, onDismiss }: { notice: OverwriteNotice; onDismiss: () => void }) {
  return (
    <div className="overwritten" role="alert" data-testid="overwritten">
      <p>{notice.by} changed this claim while you were editing it. Your changes were saved over theirs; they had written:</p>
      <ul>
        {Object.entries(notice.theirs).map(([field, value]) => (
          <li key={field}>
            {fieldNames[field as EditableField]}: <q>{Array.isArray(value) ? value.join(", ") : String(value)}</q>
          </li>
        ))}
      </ul>
      <button type="button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
