"use client";

import { useState } from "react";
import { FormError } from "@/components/articles/FormError";
import { api, failureMessage } from "@/lib/api-client";
import { maxPasswordLength, maxReviewerLength, minPasswordLength } from "@/lib/limits";

/** Creates the first account (an admin), signed in at once, then opens the list of articles. */
export function SetupForm() {
  const [account, setAccount] = useState({ name: "", email: "", password: "" });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="account-form"
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        setError(null);
        try {
          await api.signUp({ ...account, name: account.name.trim(), email: account.email.trim() });
          // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- a whole page load: a client navigation keeps the root layout, whose header must read the new session
          window.location.assign("/");
        } catch (failure) {
          setError(failureMessage(failure, "The server cannot be reached; try again."));
          setBusy(false);
        }
      }}
    >
      <label className="field">
        Your name
        <input
          autoComplete="name"
          required
          maxLength={maxReviewerLength}
          value={account.name}
          onChange={(e) => setAccount({ ...account, name: e.target.value })}
        />
      </label>
      <label className="field">
        Email
        <input type="email" autoComplete="email" required value={account.email} onChange={(e) => setAccount({ ...account, email: e.target.value })} />
      </label>
      <label className="field">
        Password <span className="hint">({minPasswordLength} characters or more)</span>
        <input
          type="password"
          autoComplete="new-password"
          required
          minLength={minPasswordLength}
          maxLength={maxPasswordLength}
          value={account.password}
          onChange={(e) => setAccount({ ...account, password: e.target.value })}
        />
      </label>
      <FormError message={error} />
      <button type="submit" disabled={busy}>
        {busy ? "Creating…" : "Create the account"}
      </button>
    </form>
  );
}
