"use client";

import { type PointerEvent, useRef } from "react";

/** How far down, in pixels, the sheet's handle must be dragged to close it; a shorter drag springs back. */
const dismissDistance = 80;

interface Drag {
  pointerId: number;
  startY: number;
  distance: number;
}

/**
 * Swipe down to close, for the claim panel when it is a bottom sheet (a
 * phone's width: app/phone.css makes it one, fixed to the bottom of the
 * screen). The handle's pointer handlers move the sheet with the finger, and
 * close it past `dismissDistance`, else let it spring back. Where the panel is
 * not a sheet (a wide screen, where it is not fixed) a drag does nothing.
 * Pointer events cover a finger, a pen and a mouse alike.
 */
export function useSheetSwipe<T extends HTMLElement>(onDismiss: () => void) {
  const sheetRef = useRef<T>(null);
  const drag = useRef<Drag | null>(null);

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

  const handleProps = {
    onPointerDown: (event: PointerEvent<HTMLElement>) => {
      const sheet = sheetRef.current;
      if (!sheet || !event.isPrimary || event.button !== 0 || getComputedStyle(sheet).position !== "fixed") return;
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
  return { sheetRef, handleProps };
}
