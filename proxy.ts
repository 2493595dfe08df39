import { type NextRequest, NextResponse } from "next/server";
import { readPublicOrigin } from "@/db/env";
import { crossOriginRefusal } from "@/lib/cross-origin";
import { errorCode } from "@/lib/error-codes";
import { requestOrigin } from "@/lib/request-origin";
import { requestPathHeader } from "@/lib/sign-in-path";
import { contentSecurityPolicy, createNonce, staticSecurityHeaders } from "@/lib/security-headers";

/**
 * Runs before every request, pages, API and static files alike (no matcher):
 * refuses cross-site requests that would change something, and gives every
 * answer the security headers, with a fresh nonce that Next reads from the
 * request's Content-Security-Policy and puts on the scripts of the page it
 * renders (every page is rendered per request; see app/layout.tsx).
 */
export function proxy(request: NextRequest) {
  const nonce = createNonce();
  const policy = contentSecurityPolicy(nonce, { development: process.env.NODE_ENV === "development" });

  const ownOrigin = readPublicOrigin() ?? requestOrigin(request.url, request.headers.get("host"));
  // Every path, not only /api: a server action is a POST to a page.
  const refusal = crossOriginRefusal({ method: request.method, headers: request.headers, ownOrigin });
  if (refusal) {
    const response = NextResponse.json({ error: { code: errorCode.crossOrigin, message: refusal } }, { status: 403 });
    return withSecurityHeaders(response, policy);
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", policy);
  // Where the person was going, for a page that sends them to sign in first.
  requestHeaders.set(requestPathHeader, request.nextUrl.pathname + request.nextUrl.search);
  return withSecurityHeaders(NextResponse.next({ request: { headers: requestHeaders } }), policy);
}

function withSecurityHeaders(response: NextResponse, policy: string): NextResponse {
  response.headers.set("Content-Security-Policy", policy);
  for (const [name, value] of Object.entries(staticSecurityHeaders)) response.headers.set(name, value);
  return response;
}
