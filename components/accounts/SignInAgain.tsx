"use client";

import { useEffect, useState } from "react";
import { signInPath } from "@/lib/sign-in-path";

/**
 * A link to sign in again, back to this page afterwards. It opens another
 * tab: what the person typed here stays on this page, to be sent once they
 * are signed in.
 */
export function SignInAgain() {
  const [href, setHref] = useState("/sign-in");
  useEffect(() => setHref(signInPath(window.location.pathname + window.location.search)), []);
  return (
    <a href={href} target="_blank" rel="noopener" data-testid="sign-in-again">
      Sign in again
    </a>
  );
}
