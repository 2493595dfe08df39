"use client";

import { useState } from "react";
import { ChangeTime } from "@/components/ChangeTime";
import { FormError } from "@/components/articles/FormError";
import { api, failureMessage } from "@/lib/api-client";
import { maxReviewerLength } from "@/lib/limits";
import { CopyButton } from "./CopyButton";

/** A token as listed: never its secret. */
interface TokenRow {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/**
 * Personal API tokens, for scripts (`Authorization: Bearer <token>`, with
 * this person's role): create one (its secret shown this once), list, revoke.
 */
export function ApiTokens({ initialTokens }: { initialTokens: TokenRow[] }) {
  const [tokens, setTokens] = useState(initialTokens);
  const [name, setName] = useState("");
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const unreachable = "The server cannot be reached; try again.";

  return (
    <section aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">API tokens</h2>
      <p className="hint">
        A script sends a token as <code>Authorization: Bearer &lt;token&gt;</code> and acts as you, with your role, until you revoke it.
      </p>
      <form
        className="token-form"
        onSubmit={async (event) => {
          event.preventDefault();
          setBusy(true);
          setError(null);
          try {
            const trimmed = name.trim();
            const { id, token } = await api.createToken(trimmed);
            setCreated({ name: trimmed, token });
            setTokens((list) => [{ id, name: trimmed, createdAt: new Date().toISOString(), lastUsedAt: null }, ...list]);
            setName("");
          } catch (failure) {
            setError(failureMessage(failure, unreachable));
          } finally {
            setBusy(false);
          }
        }}
      >
        <label className="review-field">
          Token name
          <input required maxLength={maxReviewerLength} placeholder="e.g. nightly export" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="submit" disabled={busy}>
          Create token
        </button>
      </form>
      {created && (
        <div className="invitation" role="status" data-testid="new-token">
          <p>The token “{created.name}”, shown this once: copy it now.</p>
          <p className="secret-line">
            <code data-testid="token-secret">{created.token}</code> <CopyButton text={created.token} label="Copy the token" />
          </p>
        </div>
      )}
      <FormError message={error} />
      {tokens.length === 0 ? (
        <p>No tokens.</p>
      ) : (
        <ul className="token-list" data-testid="tokens">
          {tokens.map((token) => (
            <li key={token.id}>
              <strong>{token.name}</strong>{" "}
              <span className="hint">
                created <ChangeTime iso={token.createdAt} />
                {token.lastUsedAt ? (
                  <>
                    , last used <ChangeTime iso={token.lastUsedAt} />
                  </>
                ) : (
                  ", never used"
                )}
              </span>{" "}
              <button
                type="button"
                className="danger"
                onClick={async () => {
                  setError(null);
                  try {
                    await api.revokeToken(token.id);
                    setTokens((list) => list.filter((t) => t.id !== token.id));
                    if (created) setCreated(null);
                  } catch (failure) {
                    setError(failureMessage(failure, unreachable));
                  }
                }}
              >
                Revoke<span className="sr-only"> {token.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
