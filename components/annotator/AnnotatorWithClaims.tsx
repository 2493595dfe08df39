"use client";

import { useCallback, useEffect, useState } from "react";
import type { EditorAnnotation } from "@/lib/annotation";
import { api, ApiError } from "@/lib/api-client";
import { Annotator, type AnnotatorProps, preloadEditorParts } from "./Annotator";

/** Wait before loading the claims again after a failure. */
const retryAfterMs = 5_000;

type Loading =
  { state: "loading" } | { state: "failed"; message: string } | { state: "revised" } | { state: "loaded"; annotations: EditorAnnotation[] };

/**
 * The editor of an article's latest revision, opened once its claims have
 * come. They come from the API rather than inside the page: the page's HTML
 * stays the size of the article whatever the number of claims, and the
 * browser fetches the claims (preloaded from the page's head) while it
 * loads the editor's scripts.
 */
export function AnnotatorWithClaims(props: Omit<AnnotatorProps, "annotations" | "readOnly">) {
  const [loading, setLoading] = useState<Loading>({ state: "loading" });
  const { slug, revision } = props.document;

  const load = useCallback(async () => {
    setLoading({ state: "loading" });
    try {
      const body = await api.editorClaims(slug);
      // Offsets of another revision would put the highlights on the wrong words.
      if (body.revision !== revision) return setLoading({ state: "revised" });
      setLoading({ state: "loaded", annotations: body.annotations });
    } catch (error) {
      // An answer that is not the API's (not the claims, nor its error) reads as no answer.
      setLoading({ state: "failed", message: error instanceof ApiError ? error.message : "The server cannot be reached." });
    }
  }, [slug, revision]);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(preloadEditorParts, []);

  // Offline or a server restarting: try again by itself, and at once when the network is back.
  const failed = loading.state === "failed";
  useEffect(() => {
    if (!failed) return;
    const timer = setTimeout(() => void load(), retryAfterMs);
    const online = () => void load();
    window.addEventListener("online", online);
    return () => {
      clearTimeout(timer);
      window.removeEventListener("online", online);
    };
  }, [failed, load]);

  if (loading.state === "loaded") return <Annotator {...props} annotations={loading.annotations} />;
  if (loading.state === "revised") {
    return (
      <div className="annotator-loading" role="status" data-testid="claims-loading">
        The article was revised since this page was loaded.{" "}
        <button type="button" onClick={() => window.location.reload()}>
          Load the latest revision
        </button>
      </div>
    );
  }
  return (
    <div className="annotator-loading" role="status" data-testid="claims-loading">
      {loading.state === "loading" ? (
        "Loading the claims…"
      ) : (
        <>
          The claims could not be loaded: {loading.message} Trying again in a few seconds; changes you made that were not saved yet are kept in this
          browser.{" "}
          <button type="button" onClick={() => void load()}>
            Try again
          </button>
        </>
      )}
    </div>
  );
}
