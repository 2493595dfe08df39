"use client";

import { useEffect, useId, useState } from "react";
import { api, failureMessage } from "@/lib/api-client";
import type { ChangeEntry, HistoryEntry } from "@/lib/claim-history";
import { describeChange, formatChangeTime } from "@/lib/history-words";

type Loaded = { changes: ChangeEntry[] } | { error: string } | null;

const isChange = (entry: HistoryEntry): entry is ChangeEntry => entry.kind === "change";

/**
 * The open claim's History: every change to it in words, oldest first,
 * read again whenever the server confirms a change (`updatedAt`). The list
 * is only ever drawn in the browser, after its request, so the times can be
 * on the reader's own clock and language without a hydration mismatch.
 */
export function ChangeHistory({ claimId, updatedAt }: { claimId: string; updatedAt: string | null }) {
  const heading = useId();
  const [loaded, setLoaded] = useState<Loaded>(null);
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
  }, [claimId, updatedAt]);

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
