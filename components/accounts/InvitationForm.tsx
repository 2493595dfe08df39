"use client";

import { useState } from "react";
import { FormError } from "@/components/articles/FormError";
import { api, failureMessage } from "@/lib/api-client";
import { maxPasswordLength, minPasswordLength } from "@/lib/limits";

/** Sets the invited person's password, which signs them in, then opens the list of articles. */
export function InvitationForm({ token, email }: { token: string; email: string }) {
  const [password, setPassword] = useState("");
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
          await api.acceptInvitation(token, password);
          // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- a whole page load: a client navigation keeps the root layout, whose header must read the new session
          window.location.assign("/");
        } catch (failure) {
          setError(failureMessage(failure, "The server cannot be reached; try again."));
          setBusy(false);
        }
      }}
    >
      {/* For password managers: the account the password is for. */}
      <input type="email" autoComplete="username" value={email} readOnly hidden />
      <label className="field">
        Password <span className="hint">({minPasswordLength} characters or more)</span>
        <input
          type="password"
          autoComplete="new-password"
          required
          minLength={minPasswordLength}
          maxLength={maxPasswordLength}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <FormError message={error} />
      <button type="submit" disabled={busy}>
        {busy ? "Saving…" : "Set password and sign in"}
      </button>
    </form>
  );
}
