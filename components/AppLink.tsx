"use client";

import NextLink from "next/link";
import { useRouter } from "next/navigation";
import type { ComponentProps, FocusEvent, MouseEvent, TouchEvent } from "react";

/**
 * The app's link: `next/link`, prefetching the page it leads to when the
 * reader reaches for it (pointer over it, finger on it, or keyboard focus)
 * rather than as soon as it scrolls into view. Every page's header and bars
 * hold a dozen links to pages rendered on request; prefetched on sight, each
 * page view cost the server a dozen renders, in the very moments it was
 * sending the page's own data (the editor's claims waited behind them).
 * Reached for, the next page is still fetched before the click lands.
 */
export function AppLink({ prefetch, onMouseEnter, onTouchStart, onFocus, ...props }: ComponentProps<typeof NextLink>) {
  const router = useRouter();
  const href = typeof props.href === "string" ? props.href : null;
  const onIntent = prefetch !== false && href !== null && href.startsWith("/") ? () => router.prefetch(href) : null;
  return (
    <NextLink
      {...props}
      prefetch={false}
      onMouseEnter={(event: MouseEvent<HTMLAnchorElement>) => {
        onIntent?.();
        onMouseEnter?.(event);
      }}
      onTouchStart={(event: TouchEvent<HTMLAnchorElement>) => {
        onIntent?.();
        onTouchStart?.(event);
      }}
      onFocus={(event: FocusEvent<HTMLAnchorElement>) => {
        onIntent?.();
        onFocus?.(event);
      }}
    />
  );
}
