"use client";

import { observeElementRect, useVirtualizer, type Virtualizer } from "@tanstack/react-virtual";
import { type KeyboardEvent, memo, useCallback, useLayoutEffect, useRef, useState } from "react";
import { tagInfo } from "@/lib/tags";
import type { Claim } from "./claim";
import type { SyncStatus } from "./claim-sync";
import { estimatedRowPx } from "./ClaimListPlaceholder";

/** Rows drawn beyond each edge of the list's box, so that a scroll shows rows already drawn. */
const overscan = 6;

export interface ClaimListProps {
  claims: readonly Claim[];
  activeId: string | null;
  status: SyncStatus;
  onOpen: (id: string) => void;
  /** Each claim's number of comments (none shown when absent or 0). */
  commentCounts?: ReadonlyMap<string, number>;
}

/**
 * Claims as buttons that open them, in a box that scrolls: only the rows in
 * view (and a few around them) are drawn, so a change costs the same with
 * fifty claims as with 50,000 (`@tanstack/react-virtual` places the rows).
 * Every claim stays in reach of the keyboard: Tab and Shift+Tab go from row
 * to row, as the arrow keys, Home, End, Page Up and Page Down do, each
 * drawing the row it reaches; from the first or last row Tab leaves the list.
 */
// Memoised: the editor re-renders on every selection change, the list only when claims or saving change.
export const ClaimList = memo(function ClaimList({ claims, activeId, status, onOpen, commentCounts }: ClaimListProps) {
  const boxRef = useRef<HTMLDivElement>(null);
  // The row that has (or is to get) the keyboard: always drawn, even scrolled out of view, so focus stays on it.
  const [focused, setFocused] = useState<number | null>(null);
  const focusedRef = useRef<number | null>(null);
  focusedRef.current = focused !== null && focused < claims.length ? focused : null;
  const [focusPending, setFocusPending] = useState(false);
  // eslint-disable-next-line react-hooks/incompatible-library -- the app does not build with the React Compiler, which this warns of
  const virtualizer = useVirtualizer({
    count: claims.length,
    getScrollElement: () => boxRef.current,
    estimateSize: () => estimatedRowPx,
    overscan,
    // Hidden (a claim open: the panel keeps the list, undrawn), the box measures nothing; the rows it had stay.
    observeElementRect: keepSizeWhileHidden,
    measureElement: measureRow,
    initialRect: { width: 320, height: 600 },
    rangeExtractor: (range) => withFocused(range, focusedRef.current),
  });
  const showMarks = status.state !== "saving";

  // A row reached with the keyboard is drawn by this render: give it the keyboard now.
  useLayoutEffect(() => {
    if (!focusPending || focused === null) return;
    setFocusPending(false);
    boxRef.current?.querySelector<HTMLElement>(`li[data-index="${focused}"] button`)?.focus();
  }, [focusPending, focused]);

  const moveTo = useCallback(
    (index: number) => {
      const target = Math.max(0, Math.min(claims.length - 1, index));
      virtualizer.scrollToIndex(target, { align: "auto" });
      setFocused(target);
      setFocusPending(true);
    },
    [claims.length, virtualizer],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLOListElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const row = (event.target as HTMLElement).closest<HTMLElement>("li[data-index]");
    if (!row) return;
    const index = Number(row.dataset.index);
    // Tab is moved here, not left to the browser: keys pressed faster than the list redraws on scrolling
    // would run past the last row drawn and out of the list. From the first or last row, Tab leaves the list.
    if (event.key === "Tab") {
      const next = index + (event.shiftKey ? -1 : 1);
      if (next < 0 || next >= claims.length) return;
      event.preventDefault();
      moveTo(next);
      return;
    }
    if (event.shiftKey) return;
    const page = Math.max(1, Math.floor((boxRef.current?.clientHeight ?? 0) / estimatedRowPx));
    const next = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: claims.length - 1, PageDown: index + page, PageUp: index - page }[
      event.key
    ];
    if (next === undefined) return;
    event.preventDefault();
    moveTo(next);
  };

  const rows = virtualizer.getVirtualItems();
  return (
    <div className="claim-list-box" ref={boxRef}>
      <ol
        className="claim-list"
        data-testid="claim-list"
        style={{ height: virtualizer.getTotalSize() }}
        onKeyDown={onKeyDown}
        onFocus={(event) => {
          const row = (event.target as HTMLElement).closest<HTMLElement>("li[data-index]");
          if (row) setFocused(Number(row.dataset.index));
        }}
      >
        {rows.map((row) => {
          const claim = claims[row.index];
          return (
            <li
              key={claim.id}
              data-index={row.index}
              ref={virtualizer.measureElement}
              aria-posinset={row.index + 1}
              aria-setsize={claims.length}
              style={{ transform: `translateY(${row.start}px)` }}
            >
              <ClaimRow
                claim={claim}
                active={claim.id === activeId}
                unsaved={showMarks && status.unsaved.has(claim.id)}
                comments={commentCounts?.get(claim.id) ?? 0}
                onOpen={onOpen}
              />
            </li>
          );
        })}
      </ol>
    </div>
  );
});

interface ClaimRowProps {
  claim: Claim;
  active: boolean;
  unsaved: boolean;
  comments: number;
  onOpen: (id: string) => void;
}

/** One claim of the list: its tag, its words, and what is pending on it. */
const ClaimRow = memo(function ClaimRow({ claim, active, unsaved, comments, onOpen }: ClaimRowProps) {
  return (
    <button
      type="button"
      className={`claim-list-item claim-list-${claim.tag}`}
      aria-current={active ? "true" : undefined}
      onClick={() => onOpen(claim.id)}
    >
      <span className={`tag-pill tag-pill-${claim.tag}`}>
        <span aria-hidden="true">{tagInfo[claim.tag].glyph}</span> {tagInfo[claim.tag].label}
      </span>{" "}
      <q>{claim.quote}</q>
      {claim.previousQuote && <span className="words-changed-mark"> words changed</span>}
      <CommentCount count={comments} />
      {unsaved && <span className="unsaved-mark"> (unsaved)</span>}
    </button>
  );
});

/** The rows in view, and the row with the keyboard wherever it is. */
function withFocused(
  { startIndex, endIndex, overscan, count }: { startIndex: number; endIndex: number; overscan: number; count: number },
  focused: number | null,
) {
  const from = Math.max(0, startIndex - overscan);
  const to = Math.min(count - 1, endIndex + overscan);
  const indexes: number[] = [];
  if (focused !== null && focused < from) indexes.push(focused);
  for (let i = from; i <= to; i++) indexes.push(i);
  if (focused !== null && focused > to) indexes.push(focused);
  return indexes;
}

type ListVirtualizer = Virtualizer<HTMLDivElement, Element>;

/** The list's box as the virtualizer sees it, less the zero sizes of its being hidden. */
function keepSizeWhileHidden(instance: ListVirtualizer, callback: (rect: { width: number; height: number }) => void) {
  return observeElementRect(instance, (rect) => {
    if (rect.height > 0) callback(rect);
  });
}

/** A row's height; a hidden row (a claim open) keeps the one it had. */
function measureRow(element: Element, entry: ResizeObserverEntry | undefined, instance: ListVirtualizer): number {
  const height = entry?.borderBoxSize?.[0]?.blockSize ?? element.getBoundingClientRect().height;
  if (height > 0) return height;
  return instance.measurementsCache[Number(element.getAttribute("data-index"))]?.size ?? estimatedRowPx;
}

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
