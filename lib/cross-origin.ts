/**
 * Cross-site request forgery, decided on a request's headers alone.
 *
 * A browser sends the `reviewer` cookie with any request to this app, even
 * one a form or script on another site makes, so a request that changes
 * something and is authenticated by that cookie must prove it comes from the
 * app's own pages: its `Origin` (or, when a browser leaves that out, its
 * `Referer`) must be the app's origin. Browsers set both and no page can
 * forge them. Requests carrying no cookie are not this check's concern (the
 * route answers them `401`), nor are Bearer tokens, which no other site can
 * make a browser send.
 */

/** The methods that change state, which a forged request could abuse. */
const stateChanging = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface CrossOriginQuestion {
  method: string;
  headers: Headers;
  /** The app's own origin: `PUBLIC_URL`'s when set, else the one the request came in on. */
  ownOrigin: string;
}

/**
 * Why the request must be refused as cross-origin (a message for the
 * client), or null when it may go on.
 */
export function crossOriginRefusal({ method, headers, ownOrigin }: CrossOriginQuestion): string | null {
  if (!stateChanging.has(method.toUpperCase())) return null;
  if (!headers.get("cookie")) return null;
  if (/^bearer\s/i.test(headers.get("authorization") ?? "")) return null;
  const origin = headers.get("origin");
  if (origin !== null) {
    return originOf(origin) === ownOrigin ? null : `The request came from ${describe(origin)}, not from this app (${ownOrigin}).`;
  }
  const referer = headers.get("referer");
  if (referer) {
    return originOf(referer) === ownOrigin
      ? null
      : `The request came from a page of ${describe(originOf(referer) ?? referer)}, not of this app (${ownOrigin}).`;
  }
  return `A request that changes something and carries the reviewer cookie must name where it comes from: send "Origin: ${ownOrigin}".`;
}

/** The origin of a URL as browsers serialise it; null for `null` (sandboxed pages, privacy redirects) and for what is no URL. */
function originOf(url: string): string | null {
  try {
    const { origin } = new URL(url);
    return origin === "null" ? null : origin;
  } catch {
    return null;
  }
}

function describe(value: string): string {
  return value === "null" ? "an opaque origin" : JSON.stringify(value.slice(0, 200));
}
