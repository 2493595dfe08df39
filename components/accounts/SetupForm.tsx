"use client";

import { useState } from "react";
import { FormError } from "@/components/articles/FormError";
import { api } from "@/lib/api-client";
import { maxPasswordLength, maxReviewerLength, minPasswordLength } from "@/lib/limits";
import { useAccountSubmit } from "./use-account-submit";

/** Creates the first account (an admin), signed in at once, then opens the list of articles. */
export function SetupForm() {
  const [account, setAccount] = useState({ name: "", email: "", password: "" });
  const { error, busy, submit } = useAccountSubmit();
  return (
    <form
      className="account-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit(async () => {
          await api.signUp({ ...account, name: account.name.trim(), email: account.email.trim() });
          return "/";
        });
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
