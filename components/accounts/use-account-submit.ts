"use client";

import { useState } from "react";
import { failureMessage } from "@/lib/api-client";

/**
 * The sending state of an account form: `submit(send)` runs `send`, then
 * loads the page it resolves to, a whole page load (a client navigation
 * keeps the root layout, whose header must read the new session); a
 * failure is shown and the form can be sent again.
 */
export function useAccountSubmit() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (send: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    try {
      window.location.assign(await send());
    } catch (failure) {
      setError(failureMessage(failure, "The server cannot be reached; try again."));
      setBusy(false);
    }
  };
  return { error, busy, submit };
}
