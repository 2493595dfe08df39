"use client";

import NextLink from "next/link";
import { type ComponentProps, useEffect, useRef, useState } from "react";

/** How long keyboard focus must rest on a link before its page is fetched, in milliseconds. */
const focusDwellMs = 300;

/**
 * The app's link: `next/link`, prefetching the page it leads to once the
 * reader reaches for it (pointer over it, finger on it, or keyboard focus)
 * rather than as soon as it scrolls into view. Every page's header and bars
 * hold a dozen links to pages rendered on request; prefetched on sight, each
 * page view cost the server a dozen renders, in the very moments it was
 * sending the page's own data (the editor's claims waited behind them).
 * Reached for, the next page is still fetched before the click lands. This
 * is Next's own "hover-triggered prefetch" (its prefetching guide): the link
 * starts with prefetching off and turns Next's default on at the first sign
 * of intent. `prefetch={false}` keeps it off. Focus counts once it rests on
 * the link (`focusDwellMs`): tabbing down a review table of 100 rows passes
 * over 100 links to editor pages, and fetched each of them.
 */
export function AppLink({ prefetch, onMouseEnter, onTouchStart, onFocus, onBlur, ...props }: ComponentProps<typeof NextLink>) {
  const [reached, setReached] = useState(false);
  const reach = () => setReached(true);
  const dwell = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(dwell.current), []);
  return (
    <NextLink
      {...props}
      prefetch={reached && prefetch !== false ? (prefetch ?? null) : false}
      onMouseEnter={(event) => {
        reach();
        onMouseEnter?.(event);
      }}
      onTouchStart={(event) => {
        reach();
        onTouchStart?.(event);
      }}
      onFocus={(event) => {
        clearTimeout(dwell.current);
        dwell.current = setTimeout(reach, focusDwellMs);
        onFocus?.(event);
      }}
      onBlur={(event) => {
        clearTimeout(dwell.current);
        onBlur?.(event);
      }}
    />
  );
}
