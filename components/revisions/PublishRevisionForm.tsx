"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { type ArticleSource, ArticleSourceFields } from "@/components/articles/ArticleSourceFields";
import { FormError } from "@/components/articles/FormError";
import { useCreateId } from "@/components/articles/create-id";
import { postJson } from "@/components/articles/post-json";
import { ReviewerForm } from "@/components/ReviewerForm";

interface PublishResult {
  revision: { number: number };
  anchored: number;
  orphaned: number;
}

/** Publishes a revision; the text stays in the form if the server refuses it or cannot be reached. */
export function PublishRevisionForm({ slug, currentSource }: { slug: string; currentSource: string }) {
  const router = useRouter();
  const [source, setSource] = useState<ArticleSource>({ format: "text", content: currentSource });
  const [error, setError] = useState<string | null>(null);
  const [askName, setAskName] = useState(false);
  const [result, setResult] = useState<PublishResult | null>(null);
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
          Revision {result.revision.number} published: {result.anchored} claim{result.anchored === 1 ? "" : "s"} placed on the new
          text, {result.orphaned} orphan{result.orphaned === 1 ? "" : "s"}.
        </p>
        {/* A link, not a button: it can be opened in another tab. */}
        <Link href={`/documents/${encodeURIComponent(slug)}`} className="button-link">
          Open the article
        </Link>
      </div>
    );
  }

  return (
    <>
      {askName && <ReviewerForm reviewer={null} open onChange={() => setAskName(false)} />}
      <form
        className="article-form"
        onSubmit={async (event) => {
          event.preventDefault();
          setBusy(true);
          const body = { [source.format]: source.content };
          const response = await postJson<PublishResult>(`/api/documents/${slug}/revisions`, { ...body, id: createId(body) });
          setBusy(false);
          if (!response.ok) {
            setAskName(response.status === 401);
            return setError(response.status === 401 ? "Give your name first, then publish again." : response.message);
          }
          setError(null);
          setResult(response.body);
          router.refresh();
        }}
      >
        <ArticleSourceFields value={source} onChange={setSource} />
        <FormError message={error} />
        <button type="submit" disabled={busy}>
          {busy ? "Publishing…" : "Publish revision"}
        </button>
      </form>
    </>
  );
}
