"use client";

import { type ReactNode, useEffect, useRef, useState } from "react";
import { ChangeTime } from "@/components/ChangeTime";
import { ProvenanceLine } from "@/components/ProvenanceLine";
import { maxClaimantLength, maxNoteLength } from "@/lib/limits";
import { type Tag, tagInfo, tags } from "@/lib/tags";
import type { Claim } from "./claim";
import type { ClaimConflict } from "@/lib/claim-conflicts";
import type { LiveAnnotation, SyncStatus } from "./claim-sync";
import type { CommentFeed } from "./comment-feed";
import { ClaimConflicts } from "./ClaimConflicts";
import type { ClaimActions } from "./ClaimPanel";
import { ChangeHistory } from "./ChangeHistory";
import { EvidenceField } from "./EvidenceField";
import { ReviewControls, useClaimVerdicts } from "./ReviewControls";
import { reviewOffers } from "./review-offers";
import type { AnnotatorPerson } from "./use-annotator";

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
  /** Who is signed in (null on an earlier revision): what the review offers them. */
  person: AnnotatorPerson | null;
  /** The version the server last confirmed, which review steps name. */
  version: number | undefined;
  /** A review step's answer, drawn as news from the server. */
  onReviewed: (annotation: LiveAnnotation) => void;
  /** The claim's discussion (CommentThread), under its fields and outside them: read-only fields do not stop a comment. */
  thread?: ReactNode;
  /** The comments' live feed, whose events on this claim read its History again. */
  comments: CommentFeed;
}

/** The open claim: its tag, words, claimant, note and evidence, and whether they are saved. */
export function ClaimEditor({
  readOnly,
  refusal = null,
  claim,
  status,
  actions,
  takeFocus,
  conflicts,
  person,
  version,
  onReviewed,
  thread,
  comments,
}: ClaimEditorProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (takeFocus) heading.current?.focus();
  }, [takeFocus]);
  // A link typed but not added would go with the closed claim: Esc leaves the claim open.
  const [linkTyped, setLinkTyped] = useState(false);
  const refused = status.refused.get(claim.id);
  const { change } = actions;
  const verdicts = useClaimVerdicts(claim);
  // A second reviewer sees neither the first tag nor its note (nor the history, which names them) until they give theirs.
  const blind = reviewOffers(person, claim, verdicts.read).blind;

  return (
    <section
      className="claim-editor"
      aria-label="Open claim"
      data-testid="claim-editor"
      data-claim-id={claim.id}
      onKeyDown={(event) => {
        if (event.key === "Escape" && linkTyped) event.preventDefault();
        // The tag shortcuts would retag the claim whose tag this person is not to see yet (the panel skips a prevented key).
        if (blind && event.altKey && event.shiftKey) event.preventDefault();
      }}
    >
      <header>
        <h2 ref={heading} tabIndex={-1}>
          {blind ? (
            <span className="tag-pill" data-testid="claim-tag-hidden">
              Verdict hidden
            </span>
          ) : (
            <span className={`tag-pill tag-pill-${claim.tag}`} data-testid="claim-tag">
              <span aria-hidden="true">{tagInfo[claim.tag].glyph}</span> {tagInfo[claim.tag].label}
            </span>
          )}{" "}
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
          {refused && actions.discardRefused && (
            <>
              {" "}
              <button type="button" className="link-button" onClick={() => actions.discardRefused?.(claim)} data-testid="discard-refused">
                Discard my change
              </button>
            </>
          )}
        </p>
      )}
      {/* Both versions would show a blind second reviewer the first verdict's words. */}
      {!blind && (
        <ClaimConflicts
          conflicts={conflicts}
          current={claim}
          personId={person?.id ?? null}
          refusal={readOnly ? (refusal ?? "This claim cannot be changed here.") : null}
          onPick={(conflictId, pick) => actions.pickConflict(claim, conflictId, pick)}
        />
      )}
      {/* Deleted by someone else: no review step applies until the reviewer restores it (the notice above). */}
      {!status.deletedElsewhere.has(claim.id) && (
        <ReviewControls
          claim={claim}
          person={person}
          verdicts={verdicts}
          version={version}
          unsaved={status.unsaved.has(claim.id)}
          onReviewed={onReviewed}
        />
      )}
      {/* A disabled fieldset disables every control in it: how earlier revisions stay read-only. */}
      <fieldset className="claim-fields" disabled={readOnly}>
        {!blind && (
          <fieldset className="tag-choice">
            <legend>Tag</legend>
            {tags.map((tag: Tag) => (
              <label key={tag} className={`tag-option tag-option-${tag}`}>
                <input type="radio" name="tag" value={tag} checked={claim.tag === tag} onChange={() => change({ ...claim, tag })} />
                <span aria-hidden="true">{tagInfo[tag].glyph}</span> {tagInfo[tag].label}
              </label>
            ))}
          </fieldset>
        )}

        <label className="field">
          Claimant (who made the claim)
          <input
            value={claim.claimant}
            maxLength={maxClaimantLength}
            placeholder="e.g. Andy Jassy"
            onChange={(e) => change({ ...claim, claimant: e.target.value }, { typing: true })}
          />
        </label>

        {!blind && (
          <label className="field">
            Note
            <textarea
              value={claim.note}
              maxLength={maxNoteLength}
              rows={5}
              onChange={(e) => change({ ...claim, note: e.target.value }, { typing: true })}
            />
          </label>
        )}

        <EvidenceField claim={claim} onChange={change} onTyped={setLinkTyped} />

        {claim.provenance && (
          <p className="claim-meta" data-testid="claim-provenance">
            Imported by {claim.createdBy}; written <ProvenanceLine provenance={claim.provenance} />
          </p>
        )}
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
      {thread}
      {!blind && <ChangeHistory claimId={claim.id} updatedAt={claim.updatedAt} comments={comments} />}
    </section>
  );
}
