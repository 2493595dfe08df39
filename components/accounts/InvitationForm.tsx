"use client";

import { useState } from "react";
import { FormError } from "@/components/articles/FormError";
import { api } from "@/lib/api-client";
import { maxPasswordLength, minPasswordLength } from "@/lib/limits";
import { useAccountSubmit } from "./use-account-submit";

/** Sets the invited person's password, which signs them in, then opens the list of articles. */
export function InvitationForm({ token, email }: { token: string; email: string }) {
  const [password, setPassword] = useState("");
  const { error, busy, submit } = useAccountSubmit();
  return (
    <form
      className="account-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit(async () => {
          await api.acceptInvitation(token, password);
          return "/";
        });
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
