"use client";

import { useState } from "react";
import { api, failureMessage } from "@/lib/api-client";

/** Ends the session, then goes to the sign-in page. */
export function SignOutButton() {
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="link-button"
        onClick={async () => {
          try {
            await api.signOut();
            // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- a whole page load: a client navigation keeps the root layout, whose header must read the new session
            window.location.assign("/sign-in");
          } catch (failure) {
            setError(failureMessage(failure, "The server cannot be reached: you are still signed in."));
          }
        }}
      >
        Sign out
      </button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
