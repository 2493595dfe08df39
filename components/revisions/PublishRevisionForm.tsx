"use client";

import { AppLink } from "@/components/AppLink";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { ArticlePreview } from "@/components/articles/ArticlePreview";
import { ArticleSourceFields } from "@/components/articles/ArticleSourceFields";
import { useArticleSource } from "@/components/articles/use-article-source";
import { FormError } from "@/components/articles/FormError";
import { useCreateId } from "@/components/articles/create-id";
import { api, type PublishedRevision, textFormFailure } from "@/lib/api-client";
import { SignInAgain } from "@/components/accounts/SignInAgain";
import { RevisionSummary } from "./RevisionSummary";

/**
 * Publishes a revision; the text stays in the form if the server refuses it
 * or cannot be reached. As on "add an article", pasted Markdown or HTML is
 * recognised and the preview shows the revision as it will read, under
 * `headline` (the article's, which a text pasted without one keeps).
 */
export function PublishRevisionForm({ slug, currentSource, headline }: { slug: string; currentSource: string; headline: string }) {
  const router = useRouter();
  const { source, setSource, dropFurniture, setDropFurniture, body } = useArticleSource({ format: "text", content: currentSource });
  const [error, setError] = useState<string | null>(null);
  const [signedOut, setSignedOut] = useState(false);
  const [result, setResult] = useState<PublishedRevision | null>(null);
  const [busy, setBusy] = useState(false);
  const createId = useCreateId();
  // The result takes the keyboard: the form it replaces had it.
  const resultRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);

  if (result) {
    return (
      <div role="status" className="publish-result" data-testid="publish-result" tabIndex={-1} ref={resultRef}>
        <p>
          Revision {result.revision.number} published: {result.anchored} claim{result.anchored === 1 ? "" : "s"} placed on the new text,{" "}
          {result.orphaned} orphan{result.orphaned === 1 ? "" : "s"}.
        </p>
        <RevisionSummary slug={slug} summary={result} />
        {/* A link, not a button: it can be opened in another tab. */}
        <AppLink href={`/documents/${encodeURIComponent(slug)}`} className="button-link">
          Open the article
        </AppLink>
      </div>
    );
  }

  return (
    <>
      <form
        className="article-form"
        onSubmit={async (event) => {
          event.preventDefault();
          setBusy(true);
          try {
            const published = await api.publishRevision(slug, { ...body, id: createId(body) });
            setError(null);
            setResult(published);
            router.refresh();
          } catch (failure) {
            const { signedOut, message } = textFormFailure(failure, "Your session has ended: sign in again, then publish again.");
            setSignedOut(signedOut);
            setError(message);
          } finally {
            setBusy(false);
          }
        }}
      >
        <ArticleSourceFields value={source} onChange={setSource} />
        <ArticlePreview title={headline} source={source} dropFurniture={dropFurniture} onDropFurnitureChange={setDropFurniture} />
        <FormError message={error} />
        {signedOut && (
          <p>
            <SignInAgain />
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? "Publishing…" : "Publish revision"}
        </button>
      </form>
    </>
  );
}
