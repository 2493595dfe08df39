"use client";

import { useRouter } from "next/navigation";
import { AppLink } from "@/components/AppLink";
import { useState } from "react";
import { SignInAgain } from "@/components/accounts/SignInAgain";
import { ArticlePreview } from "./ArticlePreview";
import { ArticleSourceFields } from "./ArticleSourceFields";
import { FormError } from "./FormError";
import { useCreateId } from "./create-id";
import { useArticleSource } from "./use-article-source";
import { api, ApiError, type DuplicateOf, textFormFailure } from "@/lib/api-client";
import { errorCode } from "@/lib/error-codes";

/**
 * Adds an article, then opens it in the editor. An article with the source
 * URL or the text of one stored is not added at once: the form names and
 * links to that one, and adds it only on "Add anyway".
 */
export function NewArticleForm() {
  const router = useRouter();
  const [meta, setMeta] = useState({ title: "", outlet: "", author: "", sourceUrl: "", publishedAt: "" });
  const { source, setSource, dropFurniture, setDropFurniture, body: sourceFields } = useArticleSource({ format: "text", content: "" });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [signedOut, setSignedOut] = useState(false);
  const [duplicateOf, setDuplicateOf] = useState<DuplicateOf | null>(null);
  const createId = useCreateId();
  const field = (name: keyof typeof meta, label: string, type = "text", required = false) => (
    <label className="field">
      {label}
      <input type={type} value={meta[name]} required={required} onChange={(e) => setMeta({ ...meta, [name]: e.target.value })} />
    </label>
  );

  return (
    <>
      <form
        className="article-form"
        onSubmit={async (event) => {
          event.preventDefault();
          const submitter = (event.nativeEvent as SubmitEvent).submitter;
          const anyway = submitter?.getAttribute("value") === "anyway";
          setBusy(true);
          setError(null);
          const body = { ...meta, ...sourceFields };
          try {
            const { slug } = await api.createArticle({ ...body, id: createId(body), duplicates: anyway ? "allow" : "refuse" });
            router.push(`/documents/${slug}`);
          } catch (failure) {
            if (failure instanceof ApiError && failure.code === errorCode.duplicate) {
              setDuplicateOf((failure.body as { duplicateOf: DuplicateOf }).duplicateOf);
              return;
            }
            const { signedOut, message } = textFormFailure(failure, "Your session has ended: sign in again, then add the article again.");
            setSignedOut(signedOut);
            setError(message);
          } finally {
            setBusy(false);
          }
        }}
      >
        {field("title", "Title", "text", true)}
        {field("outlet", "Outlet")}
        {field("author", "Author")}
        {field("sourceUrl", "Source URL", "url")}
        {field("publishedAt", "Publication date", "date")}
        <ArticleSourceFields value={source} onChange={setSource} />
        <ArticlePreview title={meta.title} source={source} dropFurniture={dropFurniture} onDropFurnitureChange={setDropFurniture} />
        <FormError message={error} />
        {duplicateOf && (
          <div role="alert" className="form-warning" data-testid="duplicate-warning">
            <p>
              This article may be here already: <AppLink href={`/documents/${duplicateOf.slug}`}>{duplicateOf.title}</AppLink>
              {duplicateOf.archived && " (archived, so not in the article list)"} has the same{" "}
              {duplicateOf.matchedBy === "sourceUrl" ? "source URL" : "text"}.
            </p>
            <button type="submit" name="duplicates" value="anyway" disabled={busy}>
              Add anyway
            </button>
          </div>
        )}
        {signedOut && (
          <p>
            <SignInAgain />
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? "Adding…" : "Add article"}
        </button>
      </form>
    </>
  );
}
