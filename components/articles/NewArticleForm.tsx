"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { SignInAgain } from "@/components/accounts/SignInAgain";
import { type ArticleSource, ArticleSourceFields } from "./ArticleSourceFields";
import { FormError } from "./FormError";
import { useCreateId } from "./create-id";
import { api, textFormFailure } from "@/lib/api-client";

/** Adds an article, then opens it in the editor. */
export function NewArticleForm() {
  const router = useRouter();
  const [meta, setMeta] = useState({ title: "", outlet: "", author: "", sourceUrl: "", publishedAt: "" });
  const [source, setSource] = useState<ArticleSource>({ format: "text", content: "" });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [signedOut, setSignedOut] = useState(false);
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
          setBusy(true);
          setError(null);
          const body = { ...meta, [source.format]: source.content };
          try {
            const { slug } = await api.createArticle({ ...body, id: createId(body) });
            router.push(`/documents/${slug}`);
          } catch (failure) {
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
        <FormError message={error} />
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
