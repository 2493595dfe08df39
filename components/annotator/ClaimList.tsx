"use client";

import { memo, useState } from "react";
import { tagInfo, tags } from "@/lib/tags";
import type { Claim } from "./claim";
import type { SyncStatus } from "./claim-sync";

/** How many claims the list shows before "Show more": a long article may have thousands. */
const listPage = 100;

interface ClaimListProps {
  claims: readonly Claim[];
  activeId: string | null;
  status: SyncStatus;
  onOpen: (id: string) => void;
  /** Each claim's number of comments (none shown when absent or 0). */
  commentCounts?: ReadonlyMap<string, number>;
}

/** Claims as buttons that open them, in pages of `listPage`. */
// Memoised: the editor re-renders on every selection change, the list only when claims or saving change.
export const ClaimList = memo(function ClaimList({ claims, activeId, status, onOpen, commentCounts }: ClaimListProps) {
  const [shown, setShown] = useState(listPage);
  const showMarks = status.state !== "saving";
  return (
    <>
      <ol className="claim-list" data-testid="claim-list">
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
              <CommentCount count={commentCounts?.get(claim.id) ?? 0} />
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

/** A claim's number of comments, as its list entry shows it (nothing for none). */
function CommentCount({ count }: { count: number }) {
  if (count === 0) return null;
  return (
    <span className="comment-count" data-testid="comment-count" aria-label={`${count} comment${count === 1 ? "" : "s"}`}>
      {" "}
      <span aria-hidden="true">💬 {count}</span>
    </span>
  );
}

/** The keyboard shortcuts, under the list. */
export function Shortcuts() {
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
