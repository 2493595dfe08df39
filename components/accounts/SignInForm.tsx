"use client";

import { useState } from "react";
import { FormError } from "@/components/articles/FormError";
import { api } from "@/lib/api-client";
import { useAccountSubmit } from "./use-account-submit";

interface SignInFormProps {
  /** Where to go once signed in (a path of this app, checked by the page). */
  next: string;
  /** Offer single sign-on (an OpenID Connect provider is configured). */
  singleSignOn: boolean;
}

/** Email and password, or single sign-on; then back to where the person was going. */
export function SignInForm({ next, singleSignOn }: SignInFormProps) {
  const [credentials, setCredentials] = useState({ email: "", password: "" });
  const { error, busy, submit } = useAccountSubmit();
  return (
    <>
      <form
        className="account-form"
        onSubmit={(event) => {
          event.preventDefault();
          void submit(async () => {
            await api.signIn({ email: credentials.email.trim(), password: credentials.password });
            return next;
          });
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
          <button type="button" disabled={busy} onClick={() => void submit(() => api.singleSignOnUrl(next))}>
            Single sign-on
          </button>
        </p>
      )}
    </>
  );
}
