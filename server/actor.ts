/**
 * Who is acting: the signed-in person of a request, by a better-auth session
 * cookie or a personal API token (`Authorization: Bearer`). The only module
 * that reads either; the policy (server/policy.ts) decides what they may do.
 */
import "server-only";
import { cache } from "react";
import { HttpError } from "@/lib/http";
import { errorCode } from "@/lib/error-codes";
import { requestPathHeader, signInPath } from "@/lib/sign-in-path";
import type { Role } from "@/lib/roles";
import { getAuth, secureSessionCookie } from "./auth";
import { userOfToken } from "./tokens";

/** The person a use case acts for. */
export interface Actor {
  id: string;
  /** Recorded, with the id, on every claim they create or change, and on each event. */
  name: string;
  email: string;
  role: Role;
}

/**
 * The signed-in person of a request, or null (no session, an expired or
 * revoked one, a deactivated person, an unknown or revoked token). A
 * request with a Bearer token is judged by the token alone.
 */
export async function getActor(request: Request | Headers): Promise<Actor | null> {
  const headers = request instanceof Headers ? request : request.headers;
  const authorization = headers.get("authorization");
  if (authorization !== null && /^bearer\s/i.test(authorization)) {
    return userOfToken(authorization.replace(/^bearer\s+/i, "").trim());
  }
  const cookie = headers.get("cookie");
  if (!cookie) return null;
  // The cookie's name says whether it was set over HTTPS (server/auth.ts).
  const auth = await getAuth({ secure: cookie.includes(secureSessionCookie) });
  // Reading who acts never extends the session: only `GET /api/auth/get-session`
  // does (components/accounts/SessionKeeper.tsx), because only that answer
  // can carry the cookie's new expiry back to the browser. Extended here,
  // the database's expiry would move on and the cookie's would not, and the
  // browser would drop a session still in use after 7 days.
  const session = await auth.api.getSession({ headers, query: { disableRefresh: true } });
  if (!session || !session.user.active) return null;
  const { id, name, email, role } = session.user;
  return { id, name, email, role: role as Role };
}

/** The signed-in person of an API request: `401 unauthenticated` without one. */
export async function requireActor(request: Request): Promise<Actor> {
  const actor = await getActor(request);
  if (actor) return actor;
  throw new HttpError(401, errorCode.unauthenticated, "Sign in first, or send `Authorization: Bearer <token>`.");
}

/** The signed-in person of the page being rendered (a server component), from its request's headers. */
export const getPageActor = cache(async (): Promise<Actor | null> => {
  const { headers } = await import("next/headers");
  return getActor(new Headers(await headers()));
});

/**
 * The signed-in person of a page; without one, the page redirects to
 * sign-in and back to where the person was going (or, on a database with no
 * accounts yet, to creating the first).
 */
export async function requirePageActor(): Promise<Actor> {
  const actor = await getPageActor();
  if (actor) return actor;
  const [{ headers }, { redirect }] = await Promise.all([import("next/headers"), import("next/navigation")]);
  const { hasAccounts } = await import("./auth");
  if (!(await hasAccounts())) return redirect("/setup");
  return redirect(signInPath((await headers()).get(requestPathHeader)));
}
