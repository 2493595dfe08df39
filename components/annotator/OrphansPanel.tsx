"use client";

import { useEffect, useRef, useState } from "react";
import type { EditorAnnotation as Annotation } from "@/lib/annotation";
import { tagInfo } from "@/lib/tags";

interface OrphansPanelProps {
  orphans: Annotation[];
  /** True when words are selected to re-attach a claim to (and the person may). */
  canReattach: boolean;
  /** Why the signed-in person cannot re-attach orphans; null when they can. */
  reattachRefusal?: string | null;
  onReattach: (orphan: Annotation) => void;
  /** Absent on read-only revisions. */
  onDelete?: (orphan: Annotation) => void;
  /** An orphan the page was opened on (`?claim=`): marked and scrolled to. */
  openedId?: string | null;
}

/**
 * Claims whose words a revision removed or changed beyond doubt. They are
 * never moved onto other words by themselves: a reviewer re-attaches each to
 * a selection, or deletes it.
 */
export function OrphansPanel({ orphans, canReattach, reattachRefusal = null, onReattach, onDelete, openedId = null }: OrphansPanelProps) {
  const openedRef = useRef<HTMLLIElement>(null);
  // Deleting an orphan is not on the undo stack (it is not in the text), so it is asked twice.
  const [confirming, setConfirming] = useState<string | null>(null);
  // Where the keyboard goes once the question is answered: back to the orphan's Delete, or to the heading.
  const refocus = useRef<{ deleteOf: string } | "heading" | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const target = refocus.current;
    refocus.current = null;
    if (target === "heading") headingRef.current?.focus();
    else if (target) listRef.current?.querySelector<HTMLElement>(`[data-claim-id="${target.deleteOf}"] .orphan-delete`)?.focus();
  });
  useEffect(() => {
    openedRef.current?.scrollIntoView({ block: "center" });
  }, []);

  return (
    <section className="orphans-panel" aria-labelledby="orphans-heading" data-testid="orphans-panel">
      <h2 id="orphans-heading" ref={headingRef} tabIndex={-1}>
        Orphans ({orphans.length})
      </h2>
      <p className="hint">
        {onDelete
          ? "The words of these claims are not in this revision. Select the words a claim now belongs to, then re-attach it, or delete it."
          : "The words of these claims were not in this revision."}
      </p>
      {reattachRefusal && (
        <p className="role-notice" role="note" data-testid="reattach-refusal">
          {reattachRefusal}
        </p>
      )}
      <ol className="claim-list" ref={listRef}>
        {orphans.map((orphan) => (
          <li
            key={orphan.id}
            ref={orphan.id === openedId ? openedRef : undefined}
            className={orphan.id === openedId ? "orphan orphan-opened" : "orphan"}
            aria-current={orphan.id === openedId ? "true" : undefined}
            data-claim-id={orphan.id}
          >
            {orphan.id === openedId && <p className="orphan-opened-note">The claim you opened: its words are not in this revision.</p>}
            <span className={`tag-pill tag-pill-${orphan.tag}`}>
              <span aria-hidden="true">{tagInfo[orphan.tag].glyph}</span> {tagInfo[orphan.tag].label}
            </span>{" "}
            <q>{orphan.quote}</q>
            {orphan.note && <p className="orphan-note">{orphan.note}</p>}
            {onDelete && (
              <div className="orphan-actions">
                <button type="button" disabled={!canReattach} onMouseDown={(e) => e.preventDefault()} onClick={() => onReattach(orphan)}>
                  Re-attach to selection
                </button>
                {confirming === orphan.id ? (
                  <span
                    role="group"
                    aria-label="Delete this claim for good?"
                    className="orphan-confirm"
                    onKeyDown={(event) => {
                      // Esc answers Keep.
                      if (event.key !== "Escape") return;
                      event.preventDefault();
                      refocus.current = { deleteOf: orphan.id };
                      setConfirming(null);
                    }}
                  >
                    Delete it{orphan.note ? " and its note" : ""} for good?{" "}
                    <button
                      type="button"
                      className="danger"
                      onClick={() => {
                        refocus.current = "heading";
                        setConfirming(null);
                        onDelete(orphan);
                      }}
                    >
                      Delete for good
                    </button>{" "}
                    <button
                      type="button"
                      autoFocus
                      onClick={() => {
                        refocus.current = { deleteOf: orphan.id };
                        setConfirming(null);
                      }}
                    >
                      Keep
                    </button>
                  </span>
                ) : (
                  <button type="button" className="danger orphan-delete" onClick={() => setConfirming(orphan.id)}>
                    Delete
                  </button>
                )}
              </div>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
