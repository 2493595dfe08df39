"use client";

import { useState } from "react";
import type { AgreementReport } from "@/server/agreement";
import { AgreementSummary } from "./AgreementSummary";

/** Disagreements listed over all articles; the rest are one filter away (`verdicts=differ`). */
const disagreementsShown = 100;

type Loading = { kind: "idle" } | { kind: "loading" } | { kind: "failed"; message: string } | { kind: "shown"; agreement: AgreementReport };

/**
 * The agreement between reviewers over all articles, read when asked
 * (`GET /api/agreement`). It is measured on every verdict of the archive
 * (seconds at a million claims), so the page of all claims does not wait for
 * it on every view, filter and "Next 100"; an article's review page, whose
 * verdicts are few, shows its agreement at once.
 */
export function AgreementOnDemand() {
  const [state, setState] = useState<Loading>({ kind: "idle" });
  if (state.kind === "shown") return <AgreementSummary agreement={state.agreement} acrossArticles disagreementsShown={disagreementsShown} />;
  const show = async () => {
    setState({ kind: "loading" });
    try {
      const response = await fetch("/api/agreement");
      const body = await response.json();
      if (!response.ok) setState({ kind: "failed", message: body?.error?.message ?? `The agreement could not be read (${response.status}).` });
      else setState({ kind: "shown", agreement: body as AgreementReport });
    } catch {
      setState({ kind: "failed", message: "The agreement could not be read: the server did not answer." });
    }
  };
  return (
    <section className="agreement" aria-labelledby="agreement-heading" data-testid="agreement-on-demand">
      <h2 id="agreement-heading">Agreement between reviewers</h2>
      <p className="hint">Measured on every verdict of every article, so it is read when you ask.</p>
      <button type="button" onClick={show} disabled={state.kind === "loading"}>
        {state.kind === "loading" ? "Measuring…" : "Show agreement"}
      </button>
      {state.kind === "failed" && (
        <p role="alert" className="field-error">
          {state.message}
        </p>
      )}
    </section>
  );
}
