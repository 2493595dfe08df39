"use client";

import { useEffect, useState } from "react";
import type { SyncStatus } from "./claim-sync";

/** Says whether the reviewer's work is safely on the server. */
export function SaveStatus({ status, onRetry }: { status: SyncStatus; onRetry: () => void }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (status.state !== "offline") return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [status.state]);

  const count = status.unsaved.size;
  const changes = `${count} unsaved change${count === 1 ? "" : "s"}`;
  let text = "All changes saved";
  if (status.state === "saving") text = "Saving…";
  if (status.state === "offline") {
    const seconds = status.retryAt ? Math.max(0, Math.ceil((status.retryAt - now) / 1000)) : 0;
    text = `${changes}: the server cannot be reached. Retrying in ${seconds} s`;
  }
  if (status.state === "refused") text = `${changes}: the server refused a change`;

  return (
    <span className={`save-status save-status-${status.state}`} role="status" aria-live="polite" data-testid="save-status" data-state={status.state}>
      {text}
      {status.state === "offline" && (
        <button type="button" className="link-button" onClick={onRetry}>
          Retry now
        </button>
      )}
    </span>
  );
}
