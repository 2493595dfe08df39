"use client";

import type { EditorView } from "prosemirror-view";
import { useLayoutEffect, useRef, useState } from "react";
import { type Tag, tagInfo, tags } from "@/lib/tags";

interface SelectionToolbarProps {
  view: EditorView;
  selectionFrom: number;
  selectionTo: number;
  onTag: (tag: Tag) => void;
  /** Why the signed-in person cannot tag ("Viewers cannot tag claims: …"), shown instead of the tags; null when they can. */
  refusal: string | null;
}

/** Space kept between the selection and the toolbar, in pixels. */
const gap = 6;

/**
 * The small toolbar that floats under a selection and tags it; over the
 * selection instead when the window has no room for it below (a selection
 * on the last lines on screen), and never outside the window.
 */
export function SelectionToolbar({ view, selectionFrom, selectionTo, onTag, refusal }: SelectionToolbarProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState<{ top: number; left: number } | null>(null);

  useLayoutEffect(() => {
    const toolbar = ref.current;
    const parent = toolbar?.offsetParent;
    if (!toolbar || !parent) return;
    const box = parent.getBoundingClientRect();
    const end = view.coordsAtPos(selectionTo);
    // Near the selection's end, and inside the window on the right too (a narrow window, a line's end).
    const left = Math.max(0, Math.min(end.left - 40, window.innerWidth - toolbar.offsetWidth - gap) - box.left);
    const height = toolbar.offsetHeight;
    // In window coordinates: under the selection's end, else over its start, and on screen either way
    // (a selection that starts above the window and ends on its last line gets it at the window's top).
    let y = end.bottom + gap;
    if (y + height > window.innerHeight) y = Math.max(gap, view.coordsAtPos(selectionFrom).top - gap - height);
    setPosition({ top: y - box.top, left });
  }, [view, selectionFrom, selectionTo]);

  return (
    <div
      ref={ref}
      className="selection-toolbar"
      role="toolbar"
      aria-label="Tag the selection"
      data-testid="selection-toolbar"
      style={position ? { top: position.top, left: position.left } : { visibility: "hidden" }}
    >
      {refusal !== null && (
        <p className="selection-refusal" role="status" data-testid="tag-refusal">
          {refusal}
        </p>
      )}
      {refusal === null &&
        tags.map((tag) => (
          <button
            key={tag}
            type="button"
            className={`tag-button tag-button-${tag}`}
            // Keep the editor's selection: a mousedown on a button would otherwise collapse it.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => onTag(tag)}
            title={`${tagInfo[tag].description} (${tagInfo[tag].shortcutLabel})`}
          >
            <span aria-hidden="true">{tagInfo[tag].glyph}</span> {tagInfo[tag].label}
            <kbd>{tagInfo[tag].shortcutLabel}</kbd>
          </button>
        ))}
    </div>
  );
}
