"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useId, useState } from "react";
import { api, ApiError } from "@/lib/api-client";
import { type ImportOutcome, readImportResponse } from "./import-response";
import { ImportReport } from "./ImportReport";

interface ImportClaimsProps {
  slug: string;
  /** Why the signed-in person cannot import (their role), shown instead of the form; null when they can. */
  refusal: string | null;
}

type ImportState = { kind: "idle" } | { kind: "sending" } | { kind: "done"; outcome: ImportOutcome };

/**
 * Imports a W3C Web Annotation file into one article: the file's text goes to
 * the import API as it is, the answer is reported, and the table is refreshed
 * to show what was created.
 */
export function ImportClaims({ slug, refusal }: ImportClaimsProps) {
  const router = useRouter();
  const id = useId();
  const [state, setState] = useState<ImportState>({ kind: "idle" });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File)) return;
    setState({ kind: "sending" });
    let outcome: ImportOutcome;
    try {
      const answer = await api.importClaims(slug, await file.text(), { skipUnplaceable: Boolean(form.get("skip")) });
      outcome = readImportResponse(answer.status, answer.body);
    } catch (failure) {
      if (!(failure instanceof ApiError) || failure.unreachable) {
        outcome = { kind: "refused", status: 0, code: "offline", message: "The server could not be reached. Try again.", skipped: [] };
      } else outcome = readImportResponse(failure.status, failure.body);
    }
    setState({ kind: "done", outcome });
    if (outcome.kind === "imported" && outcome.created > 0) router.refresh();
  }

  return (
    <section className="review-transfer review-import" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Import claims</h2>
      {refusal && (
        <p className="role-notice" role="note" data-testid="import-refusal">
          {refusal}
        </p>
      )}
      {/* Imported claims are recorded as the signed-in person's. */}
      <form className="import-form" onSubmit={submit} hidden={refusal !== null}>
        <div className="review-field">
          <label htmlFor={`${id}-file`}>W3C Web Annotation file (JSON)</label>
          <input id={`${id}-file`} type="file" name="file" accept=".json,.jsonld,application/json,application/ld+json" required />
        </div>
        <label className="import-skip">
          <input type="checkbox" name="skip" /> Skip annotations that cannot be imported, and import the rest
        </label>
        <button type="submit" disabled={state.kind === "sending"}>
          {state.kind === "sending" ? "Importing…" : "Import"}
        </button>
      </form>
      <div role="status" aria-live="polite">
        {state.kind === "done" && <ImportReport outcome={state.outcome} />}
      </div>
    </section>
  );
}
