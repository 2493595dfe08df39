/**
 * Where a page sends a person who is not signed in: the sign-in page, with
 * the path they were going to, to which it returns them. Only a path of this
 * app is kept (never another site).
 */
export const requestPathHeader = "x-request-path";

export function signInPath(next: string | null | undefined): string {
  const safe = safeNextPath(next);
  return safe === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(safe)}`;
}

/**
 * `next` when it is a path on this app, else "/". Browsers drop tabs and
 * line breaks from a URL and read a backslash as a slash, so `/\t/evil.com`
 * would lead to another site: a path holding any of them, or that resolves
 * to another origin, is refused.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(next)) return "/";
  const base = "http://app.invalid";
  let resolved: URL;
  try {
    resolved = new URL(next, base);
  } catch {
    return "/";
  }
  return resolved.origin === base ? resolved.pathname + resolved.search + resolved.hash : "/";
}
