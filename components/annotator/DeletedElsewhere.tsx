"use client";

import { useEffect, useState } from "react";
import type { DeletedElsewhere as Deletion } from "./claim-sync";

/**
 * A claim another reviewer deleted while this reviewer was changing it: the
 * change was not applied, and what they typed stays in the fields below.
 * They restore the claim with it, or discard it (the claim stays deleted).
 */
export function DeletedElsewhere({ deletion, onRestore, onDiscard }: { deletion: Deletion; onRestore: () => void; onDiscard: () => void }) {
  // The time on the reader's clock, drawn only in the browser (the server's clock and zone may differ).
  const [time, setTime] = useState<string | null>(null);
  useEffect(() => setTime(new Date(deletion.at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hourCycle: "h23" })), [deletion.at]);
  return (
    <div className="overwritten" role="alert" data-testid="deleted-elsewhere">
      <p>
        Deleted by {deletion.by}
        {time && ` at ${time}`}. Your change below is not saved.
      </p>
      <button type="button" onClick={onRestore}>
        Restore with my change
      </button>{" "}
      <button type="button" onClick={onDiscard}>
        Discard
      </button>
    </div>
  );
}
