"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiError, api, failureMessage } from "@/lib/api-client";
import { errorCode } from "@/lib/error-codes";

const claimsWord = (count: number) => (count === 1 ? "1 claim" : `${count} claims`);

/**
 * The article's claim count now, when a deletion was refused because it
 * changed since the dialog named it (`409 confirmation_required` carries
 * `claimCount`); else null.
 */
function changedClaimCount(failure: unknown): number | null {
  if (!(failure instanceof ApiError) || failure.code !== errorCode.confirmationRequired) return null;
  const count = (failure.body as { claimCount?: unknown } | null)?.claimCount;
  return typeof count === "number" ? count : null;
}

/** What changed between the count the person was shown and the server's, in their words. */
function countChange(shown: number, now: number): string {
  const difference = Math.abs(now - shown);
  const which = difference === 1 ? "A claim was" : `${difference} claims were`;
  return `${which} ${now > shown ? "added" : "deleted"} since you opened this.`;
}

/**
 * An article's row actions on the home page: Archive or Unarchive (editors),
 * and Delete (admins), which first asks, naming how many claims go with it.
 * When claims were added or deleted while it asked, the server refuses the
 * count it was sent; the dialog then says so, names the new count and asks again.
 */
export function ArticleActions({
  slug,
  title,
  archived,
  claimCount,
  mayArchive,
  mayDelete,
}: {
  slug: string;
  title: string;
  archived: boolean;
  claimCount: number;
  mayArchive: boolean;
  mayDelete: boolean;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  // The count the server gave when it refused the one the dialog named (null: the page's count holds).
  const [serverCount, setServerCount] = useState<{ shown: number; now: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const confirmedCount = serverCount?.now ?? claimCount;
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      setConfirming(false);
      setServerCount(null);
      router.refresh();
    } catch (failure) {
      const now = changedClaimCount(failure);
      if (now === null) setError(failureMessage(failure, "The server cannot be reached; try again."));
      else {
        setServerCount({ shown: confirmedCount, now });
        // The row's own counts are stale too.
        router.refresh();
      }
    } finally {
      setBusy(false);
    }
  };
  const closeDialog = () => {
    setConfirming(false);
    setServerCount(null);
  };
  if (!mayArchive && !mayDelete) return null;
  return (
    <span className="article-actions">
      {mayArchive && (
        <button type="button" className="link-button" disabled={busy} onClick={() => run(() => api.archiveArticle(slug, !archived))}>
          {archived ? "Unarchive" : "Archive"}
          <span className="sr-only"> “{title}”</span>
        </button>
      )}
      {mayDelete && !confirming && (
        <button type="button" className="link-button" disabled={busy} onClick={() => setConfirming(true)}>
          Delete<span className="sr-only"> “{title}”</span>
        </button>
      )}
      {confirming && (
        <span role="alertdialog" aria-label={`Delete “${title}”?`} className="article-delete-confirm" data-testid="delete-confirm">
          {/* Present from the dialog's start, so that screen readers announce the change when it comes. */}
          <span role="status" className="article-delete-changed" data-testid="delete-count-changed">
            {serverCount && countChange(serverCount.shown, serverCount.now)}
          </span>
          <span>
            Delete “{title}” and its {claimsWord(confirmedCount)}? This cannot be undone.
          </span>
          <button type="button" className="danger" disabled={busy} onClick={() => run(() => api.deleteArticle(slug, confirmedCount))}>
            Delete for good
          </button>
          <button type="button" disabled={busy} onClick={closeDialog}>
            Cancel
          </button>
        </span>
      )}
      {error && (
        <span role="alert" className="form-error">
          {error}
        </span>
      )}
    </span>
  );
}
