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

/** `next` when it is a path on this app, else "/". */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  return next;
}
