"use client";

import type { EditorView } from "prosemirror-view";
import { useLayoutEffect, useRef, useState } from "react";
import { type Tag, tagInfo, tags } from "@/lib/tags";

interface SelectionToolbarProps {
  view: EditorView;
  selectionTo: number;
  onTag: (tag: Tag) => void;
}

/** The small toolbar that floats under a selection and tags it. */
export function SelectionToolbar({ view, selectionTo, onTag }: SelectionToolbarProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState<{ top: number; left: number } | null>(null);

  useLayoutEffect(() => {
    const parent = ref.current?.offsetParent;
    if (!parent) return;
    const box = parent.getBoundingClientRect();
    const at = view.coordsAtPos(selectionTo);
    setPosition({ top: at.bottom - box.top + 6, left: Math.max(0, at.left - box.left - 40) });
  }, [view, selectionTo]);

  return (
    <div
      ref={ref}
      className="selection-toolbar"
      role="toolbar"
      aria-label="Tag the selection"
      data-testid="selection-toolbar"
      style={position ? { top: position.top, left: position.left } : { visibility: "hidden" }}
    >
      {tags.map((tag) => (
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
