"use client";

import { Activity, memo, useEffect, useRef, useState } from "react";
import { ChangeTime } from "@/components/ChangeTime";
import { isHttpUrl } from "@/lib/http-url";
import { type Tag, tagInfo, tags } from "@/lib/tags";
import type { Claim } from "./claim";
import type { OverwriteNotice, SyncStatus } from "./claim-sync";

interface ClaimPanelProps {
  /** Shows claims without letting them change (earlier revisions). */
  readOnly?: boolean;
  claims: readonly Claim[];
  active: Claim | null;
  /** Every claim under the last click, when there was more than one. */
  choices: Claim[];
  status: SyncStatus;
  onOpen: (id: string | null) => void;
  onChange: (claim: Claim, options?: { typing?: boolean }) => void;
  onDelete: (claim: Claim) => void;
  /** Another reviewer's words the open claim's save replaced, until dismissed. */
  overwritten?: OverwriteNotice | null;
  onDismissOverwritten?: () => void;
  /** Marks the verdict of a claim whose words a revision changed as checked; resolves to an error message or null. */
  onVerdictChecked?: (claim: Claim) => Promise<string | null>;
}

/** The side panel: the open claim's details, or the list of all claims. */
export function ClaimPanel({
  readOnly = false,
  claims,
  active,
  choices,
  status,
  onOpen,
  onChange,
  onDelete,
  overwritten = null,
  onDismissOverwritten,
  onVerdictChecked,
}: ClaimPanelProps) {
  // While a claim is open the list is hidden and keeps what it last showed,
  // so changes meanwhile (a retag, a note typed) do not render it unseen.
  const [listed, setListed] = useState({ claims, status });
  if (!active && (listed.claims !== claims || listed.status !== status)) setListed({ claims, status });
  const list = active ? listed : { claims, status };
  // A claim picked from the list takes the keyboard: the list hides, and
  // focus would otherwise fall to the page. One opened from the article
  // (a click, a shortcut) leaves it in the article.
  const [picked, setPicked] = useState<string | null>(null);
  if (picked !== null && picked !== active?.id) setPicked(null);
  const pick = (id: string) => {
    setPicked(id);
    onOpen(id);
  };
  return (
    <aside
      className="claim-panel"
      aria-label="Claims"
      data-testid="claim-panel"
      // The tag shortcuts retag the open claim from its panel too, as they do from the article (Esc,
      // which closes it, is the editor's: see Annotator).
      onKeyDown={(event) => {
        if (!active || event.defaultPrevented || event.nativeEvent.isComposing) return;
        const tag = readOnly ? undefined : shortcutTag(event);
        if (tag) {
          event.preventDefault();
          if (tag !== active.tag) onChange({ ...active, tag });
        }
      }}
    >
      {choices.length > 1 && (
        <nav aria-label="Claims at this place" className="claim-choices" data-testid="claim-choices">
          <h2>{choices.length} claims here</h2>
          <ClaimList claims={choices} activeId={active?.id ?? null} status={status} onOpen={onOpen} />
        </nav>
      )}
      {active && (
        <ClaimEditor
          key={active.id}
          readOnly={readOnly}
          claim={active}
          status={status}
          onChange={onChange}
          onDelete={onDelete}
          onClose={() => onOpen(null)}
          takeFocus={picked === active.id}
          overwritten={overwritten?.id === active.id ? overwritten : null}
          onDismissOverwritten={onDismissOverwritten}
          onVerdictChecked={onVerdictChecked}
        />
      )}
      {/* Hidden, not unmounted, while a claim is open: with thousands of
          claims, taking the list down and building it again cost more than
          the rest of opening or deleting a claim; "Show more" keeps what it
          showed. */}
      <Activity mode={active ? "hidden" : "visible"}>
        <h2>Claims ({list.claims.length})</h2>
        {list.claims.length === 0 ? (
          <p className="hint">
            Select words in the article, then choose a tag in the toolbar under the selection or press a shortcut:
          </p>
        ) : (
          <ClaimList claims={list.claims} activeId={null} status={list.status} onOpen={pick} />
        )}
        {!readOnly && <Shortcuts />}
      </Activity>
    </aside>
  );
}

/** The tag whose shortcut (Alt+Shift+letter, `tagInfo`) a key press is, by the key's place on the keyboard. */
function shortcutTag(event: { altKey: boolean; shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; code: string }): Tag | undefined {
  if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return undefined;
  return tags.find((tag) => event.code === tagInfo[tag].shortcutCode);
}

/** How many claims the list shows before "Show more": a long article may have thousands. */
const listPage = 100;

interface ClaimListProps {
  claims: readonly Claim[];
  activeId: string | null;
  status: SyncStatus;
  onOpen: (id: string) => void;
}

// Memoised: the editor re-renders on every selection change, the list only when claims or saving change.
const ClaimList = memo(function ClaimList({ claims, activeId, status, onOpen }: ClaimListProps) {
  const [shown, setShown] = useState(listPage);
  const showMarks = status.state !== "saving";
  return (
    <>
      <ol className="claim-list">
        {claims.slice(0, shown).map((claim) => (
          <li key={claim.id}>
            <button
              type="button"
              className={`claim-list-item claim-list-${claim.tag}`}
              aria-current={claim.id === activeId ? "true" : undefined}
              onClick={() => onOpen(claim.id)}
            >
              <span className={`tag-pill tag-pill-${claim.tag}`}>
                <span aria-hidden="true">{tagInfo[claim.tag].glyph}</span> {tagInfo[claim.tag].label}
              </span>{" "}
              <q>{claim.quote}</q>
              {claim.previousQuote && <span className="words-changed-mark"> words changed</span>}
              {showMarks && status.unsaved.has(claim.id) && <span className="unsaved-mark"> (unsaved)</span>}
            </button>
          </li>
        ))}
      </ol>
      {claims.length > shown && (
        <button type="button" className="link-button" onClick={() => setShown(shown + listPage)}>
          Show {Math.min(listPage, claims.length - shown)} more of {claims.length - shown}
        </button>
      )}
    </>
  );
});

function Shortcuts() {
  return (
    <dl className="shortcuts">
      {tags.map((tag) => (
        <div key={tag}>
          <dt>
            <kbd>{tagInfo[tag].shortcutLabel}</kbd>
          </dt>
          <dd>Tag the selection {tagInfo[tag].label.toLowerCase()}</dd>
        </div>
      ))}
      <div>
        <dt>
          <kbd>Ctrl+Z</kbd> / <kbd>Ctrl+Shift+Z</kbd>
        </dt>
        <dd>Undo / redo a claim change (⌘ on a Mac)</dd>
      </div>
      <div>
        <dt>
          <kbd>Esc</kbd>
        </dt>
        <dd>Close the open claim</dd>
      </div>
    </dl>
  );
}

interface ClaimEditorProps {
  readOnly: boolean;
  claim: Claim;
  status: SyncStatus;
  onChange: (claim: Claim, options?: { typing?: boolean }) => void;
  onDelete: (claim: Claim) => void;
  onClose: () => void;
  /** Focus the claim's heading when it opens. */
  takeFocus: boolean;
  overwritten: OverwriteNotice | null;
  onDismissOverwritten?: () => void;
  onVerdictChecked?: (claim: Claim) => Promise<string | null>;
}

const fieldNames: Record<string, string> = { tag: "tag", note: "note", claimant: "claimant", evidence: "evidence links" };

function ClaimEditor({
  readOnly,
  claim,
  status,
  onChange,
  onDelete,
  onClose,
  takeFocus,
  overwritten,
  onDismissOverwritten,
  onVerdictChecked,
}: ClaimEditorProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (takeFocus) heading.current?.focus();
  }, [takeFocus]);
  const [checkError, setCheckError] = useState<string | null>(null);
  const [link, setLink] = useState("");
  const [linkError, setLinkError] = useState<string | null>(null);
  const refused = status.refused.get(claim.id);

  const addLink = () => {
    const value = link.trim();
    if (!isHttpUrl(value)) return setLinkError("Enter a full http:// or https:// address.");
    if (claim.evidence.includes(value)) return setLinkError("This link is already listed.");
    onChange({ ...claim, evidence: [...claim.evidence, value] });
    setLink("");
    setLinkError(null);
  };

  return (
    <section
      className="claim-editor"
      aria-label="Open claim"
      data-testid="claim-editor"
      data-claim-id={claim.id}
      onKeyDown={(event) => {
        // A link typed but not added would go with the closed claim: Esc leaves the claim open.
        if (event.key === "Escape" && link !== "") event.preventDefault();
      }}
    >
      <header>
        <h2 ref={heading} tabIndex={-1}>
          <span className={`tag-pill tag-pill-${claim.tag}`} data-testid="claim-tag">
            <span aria-hidden="true">{tagInfo[claim.tag].glyph}</span> {tagInfo[claim.tag].label}
          </span>{" "}
          claim
        </h2>
        <button type="button" className="link-button" onClick={onClose} aria-label="Close claim">
          Close
        </button>
      </header>
      <blockquote data-testid="claim-quote">{claim.quote}</blockquote>
      {claim.previousQuote && (
        <p className="words-changed" role="note" data-testid="words-changed">
          A revision changed these words; the claim was on <q>{claim.previousQuote}</q>. Check that the verdict still holds.
          {!readOnly && onVerdictChecked && (
            <>
              {" "}
              <button
                type="button"
                onClick={async (event) => {
                  const button = event.currentTarget;
                  const error = await onVerdictChecked(claim);
                  setCheckError(error);
                  // The button goes with the note it is in: the keyboard stays in the claim, unless it went elsewhere meanwhile.
                  const focus = document.activeElement;
                  if (!error && (focus === button || focus === document.body)) heading.current?.focus();
                }}
              >
                The verdict still holds
              </button>
            </>
          )}
          {checkError && <span className="field-error"> {checkError}</span>}
        </p>
      )}
      {status.unsaved.has(claim.id) && status.state !== "saving" && (
        <p className="unsaved-mark" role="note">
          {refused ? `Not saved: ${refused}` : "Not saved yet: kept here and retried."}
        </p>
      )}

      {overwritten && (
        <div className="overwritten" role="alert" data-testid="overwritten">
          <p>{overwritten.by} changed this claim while you were editing it. Your changes were saved over theirs; they had written:</p>
          <ul>
            {Object.entries(overwritten.theirs).map(([field, value]) => (
              <li key={field}>
                {fieldNames[field]}: <q>{Array.isArray(value) ? value.join(", ") : String(value)}</q>
              </li>
            ))}
          </ul>
          <button type="button" onClick={onDismissOverwritten}>
            Dismiss
          </button>
        </div>
      )}
      {/* A disabled fieldset disables every control in it: how earlier revisions stay read-only. */}
      <fieldset className="claim-fields" disabled={readOnly}>
      <fieldset className="tag-choice">
        <legend>Tag</legend>
        {tags.map((tag: Tag) => (
          <label key={tag} className={`tag-option tag-option-${tag}`}>
            <input type="radio" name="tag" value={tag} checked={claim.tag === tag} onChange={() => onChange({ ...claim, tag })} />
            <span aria-hidden="true">{tagInfo[tag].glyph}</span> {tagInfo[tag].label}
          </label>
        ))}
      </fieldset>

      <label className="field">
        Claimant (who made the claim)
        <input value={claim.claimant} maxLength={200} placeholder="e.g. Andy Jassy" onChange={(e) => onChange({ ...claim, claimant: e.target.value }, { typing: true })} />
      </label>

      <label className="field">
        Note
        <textarea value={claim.note} maxLength={10_000} rows={5} onChange={(e) => onChange({ ...claim, note: e.target.value }, { typing: true })} />
      </label>

      <div className="field">
        <span id="evidence-label">Evidence links</span>
        {claim.evidence.length > 0 && (
          <ul className="evidence-list" aria-labelledby="evidence-label">
            {claim.evidence.map((url) => (
              <li key={url}>
                <a href={url} target="_blank" rel="noopener noreferrer">
                  {url}
                </a>{" "}
                <button type="button" className="link-button" aria-label={`Remove link ${url}`} onClick={() => onChange({ ...claim, evidence: claim.evidence.filter((u) => u !== url) })}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="evidence-add">
          <input
            type="url"
            aria-label="Add an evidence link"
            placeholder="https://…"
            value={link}
            aria-invalid={linkError ? "true" : undefined}
            onChange={(e) => {
              setLink(e.target.value);
              setLinkError(null);
            }}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                addLink();
              }
            }}
          />
          <button type="button" onClick={addLink}>
            Add link
          </button>
        </div>
        {linkError && (
          <p className="field-error" role="alert">
            {linkError}
          </p>
        )}
      </div>

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
        <button type="button" className="danger" onClick={() => onDelete(claim)}>
          Delete claim
        </button>
      )}
      </fieldset>
    </section>
  );
}
