"use client";

import { useEffect, useId, useState } from "react";
import { api, failureMessage } from "@/lib/api-client";
import type { ChangeEntry, HistoryEntry } from "@/lib/claim-history";
import { describeChange, formatChangeTime } from "@/lib/history-words";
import type { CommentFeed } from "./comment-feed";

type Loaded = { changes: ChangeEntry[] } | { error: string } | null;

const isChange = (entry: HistoryEntry): entry is ChangeEntry => entry.kind === "change";

/**
 * The open claim's History: every change to it in words, oldest first,
 * read again whenever the server confirms a change (`updatedAt`) and
 * whenever a comment on it is added, edited or deleted (`comments`: a
 * comment is in the history but leaves `updatedAt` as it was). The list
 * is only ever drawn in the browser, after its request, so the times can be
 * on the reader's own clock and language without a hydration mismatch.
 */
export function ChangeHistory({ claimId, updatedAt, comments }: { claimId: string; updatedAt: string | null; comments: CommentFeed }) {
  const heading = useId();
  const [loaded, setLoaded] = useState<Loaded>(null);
  // The live feed brings every page the claim's comment events, its own person's included (live-feed.ts).
  const [commentEvents, setCommentEvents] = useState(0);
  useEffect(() => comments.follow(claimId, () => setCommentEvents((heard) => heard + 1)), [comments, claimId]);
  useEffect(() => {
    // A claim the server has not stored yet has no history there.
    if (updatedAt === null) return;
    let current = true;
    api.claimHistory(claimId).then(
      (history) => current && setLoaded({ changes: history.filter(isChange) }),
      (error: unknown) => current && setLoaded({ error: failureMessage(error, "The history cannot be read: the server cannot be reached.") }),
    );
    return () => {
      current = false;
    };
  }, [claimId, updatedAt, commentEvents]);

  return (
    <section className="claim-history" aria-labelledby={heading} data-testid="claim-history">
      <h3 id={heading}>History</h3>
      {loaded === null ? (
        <p className="hint">{updatedAt === null ? "Not saved yet." : "Loading…"}</p>
      ) : "error" in loaded ? (
        <p className="hint">{loaded.error}</p>
      ) : (
        <ol>
          {loaded.changes.map((change) => (
            <li key={change.id} data-testid="history-entry" data-action={change.action}>
              {describeChange(change)},{" "}
              <time dateTime={change.at} title={change.at}>
                {formatChangeTime(change.at)}
              </time>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
