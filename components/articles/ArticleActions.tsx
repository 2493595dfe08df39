"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, failureMessage } from "@/lib/api-client";

const claimsWord = (count: number) => (count === 1 ? "1 claim" : `${count} claims`);

/**
 * An article's row actions on the home page: Archive or Unarchive (editors),
 * and Delete (admins), which first asks, naming how many claims go with it.
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
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      setConfirming(false);
      router.refresh();
    } catch (failure) {
      setError(failureMessage(failure, "The server cannot be reached; try again."));
    } finally {
      setBusy(false);
    }
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
          <span>
            Delete “{title}” and its {claimsWord(claimCount)}? This cannot be undone.
          </span>
          <button type="button" className="danger" disabled={busy} onClick={() => run(() => api.deleteArticle(slug, claimCount))}>
            Delete for good
          </button>
          <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
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
