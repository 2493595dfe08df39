"use client";

import type { EditorView } from "prosemirror-view";
import { useLayoutEffect, useRef, useState, useSyncExternalStore } from "react";
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
 * on the last lines on screen), and never outside the window. It is placed
 * again whenever the layout moves the words (the bar above the article grows
 * a line, the window narrows and the lines wrap anew), so it never covers
 * other words from where the selection used to be.
 *
 * On a touch screen it is docked at the bottom of the screen instead
 * (app/phone.css): next to the selection it would sit under the selection's
 * handles or the system's own copy menu.
 */
export function SelectionToolbar({ view, selectionFrom, selectionTo, onTag, refusal }: SelectionToolbarProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState<{ top: number; left: number } | null>(null);
  const docked = useSyncExternalStore(subscribeToPointer, isTouchScreen, () => false);

  useLayoutEffect(() => {
    if (docked) return;
    const place = () => {
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
      const top = y - box.top;
      setPosition((old) => (old && old.top === top && old.left === left ? old : { top, left }));
    };
    place();
    // The words move under a still selection when the article's box changes size (lines wrap anew) or the
    // bar above it does (a notice, the session's end); the toolbar's offset parent moves with the article.
    const observer = new ResizeObserver(place);
    observer.observe(view.dom);
    const bar = view.dom.closest(".annotator")?.querySelector(".annotator-bar");
    if (bar) observer.observe(bar);
    window.addEventListener("resize", place);
    return () => {
      observer.disconnect();
      window.removeEventListener("resize", place);
    };
  }, [view, selectionFrom, selectionTo, docked]);

  return (
    <div
      ref={ref}
      className={docked ? "selection-toolbar selection-toolbar-docked" : "selection-toolbar"}
      role="toolbar"
      aria-label="Tag the selection"
      data-testid="selection-toolbar"
      style={docked ? undefined : position ? { top: position.top, left: position.left } : { visibility: "hidden" }}
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

/** A screen whose main pointer is a finger: the toolbar docks at the bottom there. */
const touchQuery = "(pointer: coarse)";

function isTouchScreen(): boolean {
  return window.matchMedia(touchQuery).matches;
}

function subscribeToPointer(onChange: () => void): () => void {
  const query = window.matchMedia(touchQuery);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}
