"use client";

import { useEffect } from "react";
import { api } from "@/lib/api-client";

/** How often a page asks for its session to be extended; the server extends it at most once a day. */
const everyMs = 60 * 60 * 1000;
const lastKept = "session-kept-at";
/** The first time, a few seconds after the page opens. */
const firstAfterMs = 5_000;

/**
 * Keeps a session in daily use from expiring: a signed-in page reads the
 * session from better-auth's own route once an hour, whose answer extends
 * the session and the cookie together once the session is a day old
 * (server/actor.ts says why reading it elsewhere does not).
 */
export function SessionKeeper() {
  useEffect(() => {
    const keep = () => {
      const at = Number(window.localStorage.getItem(lastKept) ?? 0);
      if (Date.now() - at < everyMs) return;
      window.localStorage.setItem(lastKept, String(Date.now()));
      // A failure changes nothing: the session lasts as it was, and the next page tries again.
      api.keepSession().catch(() => window.localStorage.removeItem(lastKept));
    };
    // Not as the page opens: the page's own requests come first.
    const first = window.setTimeout(keep, firstAfterMs);
    const timer = window.setInterval(keep, everyMs);
    return () => {
      window.clearTimeout(first);
      window.clearInterval(timer);
    };
  }, []);
  return null;
}
