"use client";

import type { EditorAnnotation as Annotation } from "@/lib/annotation";
import { tagInfo } from "@/lib/tags";

interface OrphansPanelProps {
  orphans: Annotation[];
  /** True when words are selected to re-attach a claim to. */
  canReattach: boolean;
  error: string | null;
  onReattach: (orphan: Annotation) => void;
  /** Absent on read-only revisions. */
  onDelete?: (orphan: Annotation) => void;
}

/**
 * Claims whose words a revision removed or changed beyond doubt. They are
 * never moved onto other words by themselves: a reviewer re-attaches each to
 * a selection, or deletes it.
 */
export function OrphansPanel({ orphans, canReattach, error, onReattach, onDelete }: OrphansPanelProps) {
  return (
    <section className="orphans-panel" aria-labelledby="orphans-heading" data-testid="orphans-panel">
      <h2 id="orphans-heading">Orphans ({orphans.length})</h2>
      <p className="hint">
        {onDelete
          ? "The words of these claims are not in this revision. Select the words a claim now belongs to, then re-attach it, or delete it."
          : "The words of these claims were not in this revision."}
      </p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <ol className="claim-list">
        {orphans.map((orphan) => (
          <li key={orphan.id} className="orphan" data-claim-id={orphan.id}>
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
                <button type="button" className="danger" onClick={() => onDelete(orphan)}>
                  Delete
                </button>
              </div>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
