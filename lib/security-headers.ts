/**
 * The headers every page and API answer carries, so that a page of the app
 * runs only its own scripts, cannot be framed, never has its answers read as
 * another type, and tells other sites nothing of its addresses.
 */

/** Headers that do not change from one answer to the next. */
export const staticSecurityHeaders = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
} as const;

/**
 * The Content-Security-Policy of one answer. Scripts run only from the app's
 * own origin with the answer's `nonce` (Next puts it on its own scripts when
 * it renders the page), and what those load (`'strict-dynamic'`); never
 * inline ones without it. `development` allows `eval`, which React's dev
 * tooling uses to rebuild server error stacks (never in production).
 */
export function contentSecurityPolicy(nonce: string, { development = false } = {}): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // The editor positions its toolbar and ProseMirror sets widths with style
    // attributes, which no nonce can cover; inline styles cannot run code, so
    // styles keep 'unsafe-inline' (scripts never do). A nonce here would make
    // browsers ignore 'unsafe-inline', so there is none.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  return directives.join("; ");
}

/** A fresh nonce: 128 random bits, base64. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
