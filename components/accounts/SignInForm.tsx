"use client";

import { useState } from "react";
import { FormError } from "@/components/articles/FormError";
import { api, failureMessage } from "@/lib/api-client";

interface SignInFormProps {
  /** Where to go once signed in (a path of this app, checked by the page). */
  next: string;
  /** Offer single sign-on (an OpenID Connect provider is configured). */
  singleSignOn: boolean;
}

/** Email and password, or single sign-on; then back to where the person was going. */
export function SignInForm({ next, singleSignOn }: SignInFormProps) {
  const [credentials, setCredentials] = useState({ email: "", password: "" });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fail = (failure: unknown) => {
    setError(failureMessage(failure, "The server cannot be reached; try again."));
    setBusy(false);
  };
  return (
    <>
      <form
        className="account-form"
        onSubmit={async (event) => {
          event.preventDefault();
          setBusy(true);
          setError(null);
          try {
            await api.signIn({ email: credentials.email.trim(), password: credentials.password });
            window.location.assign(next);
          } catch (failure) {
            fail(failure);
          }
        }}
      >
        <label className="field">
          Email
          <input
            type="email"
            autoComplete="username"
            required
            value={credentials.email}
            onChange={(e) => setCredentials({ ...credentials, email: e.target.value })}
          />
        </label>
        <label className="field">
          Password
          <input
            type="password"
            autoComplete="current-password"
            required
            value={credentials.password}
            onChange={(e) => setCredentials({ ...credentials, password: e.target.value })}
          />
        </label>
        <FormError message={error} />
        <button type="submit" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {singleSignOn && (
        <p>
          <button
            type="button"
            disabled={busy}
            onClick={async () => {
              setBusy(true);
              setError(null);
              try {
                window.location.assign(await api.singleSignOnUrl(next));
              } catch (failure) {
                fail(failure);
              }
            }}
          >
            Single sign-on
          </button>
        </p>
      )}
    </>
  );
}
