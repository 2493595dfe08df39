"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { followLiveFeed } from "@/components/annotator/live-feed";

/** Wait after a change before reading the page again, so a burst of changes (an import, a revision) makes one read. */
const settleMs = 250;

/**
 * Keeps a server-rendered review page current: on each change in the
 * article's live feed after `after` (the feed's position when the page was
 * made), the page's server components render again (`router.refresh`), so
 * its counts and rows follow; what the reader typed in its filters stays.
 */
export function LiveRefresh({ slug, after }: { slug: string; after: number }) {
  const router = useRouter();
  // The first position only: a refreshed page brings a later one, but the open stream (resumed with Last-Event-ID) is already there.
  const [from] = useState(after);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const changed = () => {
      clearTimeout(timer);
      timer = setTimeout(() => router.refresh(), settleMs);
    };
    // A comment changes the table too (its Comments column).
    const unfollow = followLiveFeed(slug, from, { onClaim: changed, onComment: changed, onRevision: changed });
    return () => {
      clearTimeout(timer);
      unfollow();
    };
  }, [slug, from, router]);
  return null;
}
