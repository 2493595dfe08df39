"use client";

import { type FormEvent, useEffect, useId, useState } from "react";
import { ChangeTime } from "@/components/ChangeTime";
import { api, ApiError, failureMessage, type ReviewTransition } from "@/lib/api-client";
import { maxNoteLength } from "@/lib/limits";
import { reviewStateLabels, type Verdict } from "@/lib/review";
import { type Tag, tagInfo, tags } from "@/lib/tags";
import type { Claim } from "./claim";
import type { LiveAnnotation } from "./claim-sync";
import type { AnnotatorPerson } from "./use-annotator";
import { reviewOffers, type VerdictsRead } from "./review-offers";

/** The verdicts of the open claim as read from the server, with the list when shown. */
export interface ClaimVerdicts {
  read: VerdictsRead;
  list: Verdict[];
  /** Reads them again (after this person gave theirs). */
  reload: () => void;
}

/**
 * Reads the open claim's verdicts, again whenever its review moves (its
 * state, or how many verdicts it has). `403` means this person is a second
 * reviewer who has not given theirs: the panel keeps the first one hidden.
 * A draft has none to read.
 */
export function useClaimVerdicts(claim: Claim): ClaimVerdicts {
  const [loaded, setLoaded] = useState<{ read: VerdictsRead; list: Verdict[] }>({ read: { kind: "loading" }, list: [] });
  const [asked, setAsked] = useState(0);
  const state = claim.reviewState ?? "draft";
  const stored = claim.updatedAt !== null;
  useEffect(() => {
    if (!stored || (state === "draft" && !claim.verdictCount)) {
      setLoaded({ read: { kind: "shown", tags: [] }, list: [] });
      return;
    }
    let current = true;
    api.claimVerdicts(claim.id).then(
      (list) => current && setLoaded({ read: { kind: "shown", tags: list.map((v) => v.tag) }, list }),
      (error: unknown) => {
        if (!current) return;
        const hidden = error instanceof ApiError && error.status === 403;
        setLoaded({ read: hidden ? { kind: "hidden" } : { kind: "failed" }, list: [] });
      },
    );
    return () => {
      current = false;
    };
  }, [claim.id, state, stored, claim.verdictCount, claim.verdictsDiffer, asked]);
  return { ...loaded, reload: () => setAsked((n) => n + 1) };
}

interface ReviewControlsProps {
  claim: Claim;
  person: AnnotatorPerson | null;
  verdicts: ClaimVerdicts;
  /** The version the server last confirmed; undefined while the claim is not stored. */
  version: number | undefined;
  /** The claim has changes not yet saved: review steps wait for them (they name the version they judge). */
  unsaved: boolean;
  /** The server's answer to a step, drawn in the editor as news from the server. */
  onReviewed: (annotation: LiveAnnotation) => void;
}

/**
 * The open claim's review: where it stands, and the steps this person may
 * take (see `reviewOffers`): submit; a blind verdict; approve in one click
 * when the verdicts agree; settle differing ones (editors: the final tag and
 * why); request changes with a comment; reopen.
 */
export function ReviewControls({ claim, person, verdicts, version, unsaved, onReviewed }: ReviewControlsProps) {
  const offers = reviewOffers(person, claim, verdicts.read);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const heading = useId();
  const state = claim.reviewState ?? "draft";
  const waitForSave = unsaved || version === undefined;

  async function step(transition: Omit<ReviewTransition, "version">): Promise<boolean> {
    if (version === undefined) return false;
    setBusy(true);
    setError(null);
    try {
      onReviewed(await api.reviewClaim(claim.id, { ...transition, version }));
      verdicts.reload();
      return true;
    } catch (failure) {
      setError(failureMessage(failure, "The server cannot be reached; nothing was changed. Try again."));
      // A stale version: the claim as it now is comes with the refusal.
      const current = failure instanceof ApiError ? (failure.body as { annotation?: LiveAnnotation } | null)?.annotation : undefined;
      if (current) onReviewed(current);
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function give(verdict: { tag: Tag; note: string }) {
    setBusy(true);
    setError(null);
    try {
      const { annotation } = await api.giveVerdict(claim.id, verdict.note ? verdict : { tag: verdict.tag });
      if (annotation) onReviewed(annotation);
      verdicts.reload();
    } catch (failure) {
      setError(failureMessage(failure, "The server cannot be reached; your verdict was not given. Try again."));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="claim-review" aria-labelledby={heading} data-testid="claim-review" data-review-state={state}>
      <h3 id={heading}>
        Review:{" "}
        <span className={`review-state review-state-${state}`} data-testid="review-state">
          {reviewStateLabels[state]}
        </span>
        {claim.verdictsDiffer && !offers.blind && (
          <span className="verdicts-differ-mark" data-testid="verdicts-differ">
            {" "}
            verdicts differ
          </span>
        )}
      </h3>
      {state === "approved" && claim.approvedBy && (
        <p className="review-approved" data-testid="review-approved">
          Approved by {claim.approvedBy}
          {claim.approvedAt && (
            <>
              , <ChangeTime iso={claim.approvedAt} />
            </>
          )}
        </p>
      )}
      {offers.blind && (
        <p className="review-blind" role="note" data-testid="review-blind">
          Give your own verdict first: the first verdict and its note stay hidden until you do.
        </p>
      )}
      {verdicts.read.kind === "shown" && verdicts.list.length > 0 && <VerdictList verdicts={verdicts.list} />}
      {verdicts.read.kind === "failed" && <p className="hint">The verdicts cannot be read now.</p>}
      {waitForSave && (offers.submit || offers.approve || offers.settle || offers.requestChanges || offers.reopen) && (
        <p className="hint">Review steps wait until the claim is saved.</p>
      )}
      {offers.giveVerdict && <BlindVerdictForm busy={busy} onGive={give} />}
      {offers.submit && (
        <button type="button" disabled={busy || waitForSave} onClick={() => void step({ action: "submit" })} data-testid="review-submit">
          Submit for review
        </button>
      )}
      {offers.approve && (
        <button type="button" disabled={busy || waitForSave} onClick={() => void step({ action: "approve" })} data-testid="review-approve">
          Approve
        </button>
      )}
      {offers.editorDecides && (offers.awaitEditor || offers.settle) && (
        <p className="hint" data-testid="review-await-editor">
          {offers.editorDecides === "verdicts_differ"
            ? "The verdicts differ"
            : `The claim is tagged ${tagInfo[claim.tag].label} now, and the verdicts gave ${tagInfo[verdicts.list[0]?.tag ?? claim.tag].label}`}
          : an editor decides the final tag{offers.settle ? ", and says why." : "."}
        </p>
      )}
      {offers.settle && (
        <SettleForm claim={claim} busy={busy || waitForSave} onSettle={(tag, comment) => step({ action: "approve", tag, comment })} />
      )}
      {offers.requestChanges && <RequestChanges busy={busy || waitForSave} onRequest={(comment) => step({ action: "request_changes", comment })} />}
      {offers.reopen && (
        <button type="button" disabled={busy || waitForSave} onClick={() => void step({ action: "reopen" })} data-testid="review-reopen">
          Reopen for review
        </button>
      )}
      {error && (
        <p className="field-error" role="alert" data-testid="review-error">
          {error}
        </p>
      )}
    </section>
  );
}

/** Each verdict given: whose, which tag, their note. */
function VerdictList({ verdicts }: { verdicts: Verdict[] }) {
  return (
    <ul className="verdict-list" data-testid="verdicts">
      {verdicts.map((verdict) => (
        <li key={verdict.id} data-testid="verdict" data-tag={verdict.tag}>
          <strong>{verdict.by}</strong>
          {verdict.kind === "first" ? " (first verdict)" : ""}:{" "}
          <span className={`tag-pill tag-pill-${verdict.tag}`}>
            <span aria-hidden="true">{tagInfo[verdict.tag].glyph}</span> {tagInfo[verdict.tag].label}
          </span>
          {verdict.note && <span className="verdict-note"> “{verdict.note}”</span>}
        </li>
      ))}
    </ul>
  );
}

/** A second reviewer's own tag and note, given before they see the first. */
function BlindVerdictForm({ busy, onGive }: { busy: boolean; onGive: (verdict: { tag: Tag; note: string }) => Promise<void> }) {
  const [tag, setTag] = useState<Tag | null>(null);
  const [note, setNote] = useState("");
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (tag) void onGive({ tag, note: note.trim() });
  };
  return (
    <form className="blind-verdict" onSubmit={submit} data-testid="blind-verdict" aria-label="Your verdict">
      <fieldset className="tag-choice">
        <legend>Your verdict</legend>
        {tags.map((option) => (
          <label key={option} className={`tag-option tag-option-${option}`}>
            <input type="radio" name={`${id}-tag`} value={option} checked={tag === option} onChange={() => setTag(option)} />
            <span aria-hidden="true">{tagInfo[option].glyph}</span> {tagInfo[option].label}
          </label>
        ))}
      </fieldset>
      <label className="field">
        Your note (optional)
        <textarea value={note} maxLength={maxNoteLength} rows={3} onChange={(event) => setNote(event.target.value)} />
      </label>
      <button type="submit" disabled={busy || !tag}>
        Give my verdict
      </button>
    </form>
  );
}

/** An editor's decision on differing verdicts: the final tag, and why (required), then approval. */
function SettleForm({ claim, busy, onSettle }: { claim: Claim; busy: boolean; onSettle: (tag: Tag, comment: string) => Promise<boolean> }) {
  const [tag, setTag] = useState<Tag>(claim.tag);
  const [why, setWhy] = useState("");
  const id = useId();
  return (
    <form
      className="settle-verdicts"
      data-testid="settle-verdicts"
      aria-label="Settle the verdicts"
      onSubmit={(event) => {
        event.preventDefault();
        if (why.trim()) void onSettle(tag, why.trim());
      }}
    >
      <fieldset className="tag-choice">
        <legend>Final verdict</legend>
        {tags.map((option) => (
          <label key={option} className={`tag-option tag-option-${option}`}>
            <input type="radio" name={`${id}-final`} value={option} checked={tag === option} onChange={() => setTag(option)} />
            <span aria-hidden="true">{tagInfo[option].glyph}</span> {tagInfo[option].label}
          </label>
        ))}
      </fieldset>
      <label className="field">
        Why (required)
        <textarea value={why} required maxLength={maxNoteLength} rows={3} onChange={(event) => setWhy(event.target.value)} />
      </label>
      <button type="submit" disabled={busy || !why.trim()}>
        Settle and approve
      </button>
    </form>
  );
}

/** Sends the claim back to its author, with a comment saying what to change. */
function RequestChanges({ busy, onRequest }: { busy: boolean; onRequest: (comment: string) => Promise<boolean> }) {
  const [open, setOpen] = useState(false);
  const [comment, setComment] = useState("");
  if (!open)
    return (
      <button type="button" className="link-button" disabled={busy} onClick={() => setOpen(true)} data-testid="review-request-changes">
        Request changes…
      </button>
    );
  return (
    <form
      className="request-changes"
      aria-label="Request changes"
      onSubmit={async (event) => {
        event.preventDefault();
        if (comment.trim() && (await onRequest(comment.trim()))) setOpen(false);
      }}
    >
      <label className="field">
        What should change (required)
        <textarea value={comment} required maxLength={maxNoteLength} rows={3} onChange={(event) => setComment(event.target.value)} />
      </label>
      <button type="submit" disabled={busy || !comment.trim()}>
        Send back to the author
      </button>{" "}
      <button type="button" className="link-button" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </form>
  );
}
