"use client";

import { type PointerEvent, useEffect, useRef } from "react";

/** How far down, in pixels, the sheet's handle must be dragged to close it; a shorter drag springs back. */
const dismissDistance = 80;

/** Room kept between a claim's words and the top of the sheet, in pixels. */
const clearance = 16;

/** Where app/phone.css makes the open claim's panel a sheet: keep the two in step. */
const sheetMedia = "(max-width: 900px)";

interface Drag {
  pointerId: number;
  startY: number;
  distance: number;
}

/**
 * The claim panel's behaviour when it is a bottom sheet (under 900 px:
 * app/phone.css fixes it to the bottom of the screen while a claim is open).
 * The claim's words stay in sight above the sheet, the page scrolled up if
 * the sheet would cover them. Swipe down to close: the sheet's pointer
 * handlers (`gripProps`, on the sheet) move it with a finger put on its handle
 * or the open claim's header, and close it past
 * `dismissDistance`, else let it spring back (pointer events cover a finger,
 * a pen and a mouse alike). Where the panel is not a sheet (a wide screen,
 * where it is not fixed) this does nothing.
 */
export function useClaimSheet<T extends HTMLElement>(activeId: string | null, onDismiss: () => void) {
  const sheetRef = useRef<T>(null);
  const drag = useRef<Drag | null>(null);

  useEffect(() => {
    const sheet = sheetRef.current;
    if (!activeId || !sheet || !isSheet(sheet)) return;
    // Its words are one piece or several (where other claims overlap it): up to the last above the sheet, the first not off the top.
    const pieces = document.querySelectorAll(".article-text .claim-active");
    if (pieces.length === 0) return;
    const bottom = pieces[pieces.length - 1].getBoundingClientRect().bottom;
    const covered = Math.min(bottom + clearance - sheet.getBoundingClientRect().top, pieces[0].getBoundingClientRect().top - clearance);
    if (covered > 0) window.scrollBy(0, covered);
  }, [activeId]);

  const follow = (distance: number) => {
    const sheet = sheetRef.current;
    if (!sheet) return;
    // Down only: the sheet is as tall as it may be already. No transition while the finger leads.
    sheet.style.transform = distance > 0 ? `translateY(${distance}px)` : "";
    sheet.style.transition = drag.current ? "none" : "";
  };
  const end = (event: PointerEvent<HTMLElement>, cancelled: boolean) => {
    const current = drag.current;
    if (!current || current.pointerId !== event.pointerId) return;
    drag.current = null;
    follow(0);
    if (!cancelled && current.distance > dismissDistance) onDismiss();
  };

  const gripProps = {
    onPointerDown: (event: PointerEvent<HTMLElement>) => {
      const sheet = sheetRef.current;
      if (!sheet || !event.isPrimary || event.button !== 0 || !isSheet(sheet) || !isGrip(event.target)) return;
      drag.current = { pointerId: event.pointerId, startY: event.clientY, distance: 0 };
      event.currentTarget.setPointerCapture(event.pointerId);
    },
    onPointerMove: (event: PointerEvent<HTMLElement>) => {
      const current = drag.current;
      if (!current || current.pointerId !== event.pointerId) return;
      current.distance = event.clientY - current.startY;
      follow(current.distance);
    },
    onPointerUp: (event: PointerEvent<HTMLElement>) => end(event, false),
    onPointerCancel: (event: PointerEvent<HTMLElement>) => end(event, true),
  };
  return { sheetRef, gripProps };
}

/**
 * Whether the panel is shown as a sheet (phone.css), not beside or below the
 * article. Read from the media query and the panel's class, not from its
 * computed style: \`getComputedStyle\` made Chrome work out the page's styles
 * then and there, after every claim added, retagged or removed (3 ms with
 * 50,000 claims on the article), where the next frame does it anyway.
 */
function isSheet(panel: HTMLElement): boolean {
  return panel.classList.contains("claim-panel-open") && window.matchMedia(sheetMedia).matches;
}

/** Where a drag of the sheet starts: its handle, or the open claim's header, but not a button or link there. */
function isGrip(target: EventTarget): boolean {
  return target instanceof Element && target.closest(".sheet-handle, .claim-editor > header") !== null && target.closest("button, a") === null;
}
