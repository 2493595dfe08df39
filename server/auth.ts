/**
 * Sign-in, through better-auth on the app's own database: email and
 * password (hashed by the library), sessions stored in `sessions`, and, when
 * configured, single sign-on through an OpenID Connect provider. One
 * instance per database handle and per scheme: the session cookie is
 * `Secure` (with the `__Secure-` prefix) only when the app is served over
 * HTTPS, which the request (or `PUBLIC_URL`) tells.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { drizzleAdapter } from "@better-auth/drizzle-adapter";
import { type BetterAuthOptions, betterAuth } from "better-auth";
import { APIError } from "better-auth/api";
import { genericOAuth } from "better-auth/plugins/generic-oauth";
import { and, count, eq, sql } from "drizzle-orm";
import { type Database, getDb } from "@/db/client";
import { readPublicOrigin } from "@/db/env";
import { requestOrigin } from "@/lib/request-origin";
import { accounts, appSettings, sessions, users, verifications } from "@/db/schema";
import { minPasswordLength, maxPasswordLength } from "@/lib/limits";

const secretKey = "auth_secret";
/** Why a sign-up is refused once the first account exists. */
export const firstAccountOnly = "Accounts are added by an admin: ask one for an invitation.";
const firstAccountKey = "first_account";
/** How long a sign-up holds the claim to the first account before writing its user. */
const firstAccountClaimMs = 60_000;
/** The provider id of single sign-on, in its callback URL: `/api/auth/callback/oidc`. */
export const oidcProviderId = "oidc";

function createAuth(db: Database, secret: string, secure: boolean) {
  const options = {
    appName: "Fact-check annotator",
    secret,
    // Unset: each request's own origin (better-auth derives it per request).
    baseURL: readPublicOrigin() ?? undefined,
    basePath: "/api/auth",
    // Unset PUBLIC_URL: the origin the client addressed (its Host), as the
    // cross-origin check of proxy.ts reads it; Next's request.url names the
    // host the server listens on instead (`localhost` for 127.0.0.1), which
    // better-auth alone would take for the app's, refusing the browser's
    // own Origin.
    trustedOrigins: (request?: Request) => (request && !readPublicOrigin() ? [requestOrigin(request.url, request.headers.get("host"))] : []),
    database: drizzleAdapter(db, {
      provider: "pg",
      schema: { user: users, session: sessions, account: accounts, verification: verifications },
    }),
    emailAndPassword: { enabled: true, minPasswordLength, maxPasswordLength, autoSignIn: true },
    user: {
      additionalFields: {
        role: { type: "string", input: false, defaultValue: "viewer" },
        active: { type: "boolean", input: false, defaultValue: true },
      },
    },
    // Every request reads the session from the database, so a deactivated
    // person's sessions stop working at once.
    session: { cookieCache: { enabled: false } },
    account: { accountLinking: { enabled: true, trustedProviders: [oidcProviderId] } },
    // Failed sign-ins are limited in the database (server/sign-in-limit.ts), across instances.
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    // Its warning that no base URL is set is how the app works: each request's origin is used.
    logger: { level: "error" },
    advanced: { useSecureCookies: secure },
    databaseHooks: {
      user: {
        create: {
          // Only the first account is made by signing up, and it is an admin;
          // everyone else is added by an admin (server/people.ts).
          before: async (user) => {
            await claimFirstAccount(db, user.email);
            return { data: { ...user, role: "admin", active: true } };
          },
        },
      },
      session: {
        create: {
          before: async (session) => {
            const [user] = await db.select({ active: users.active }).from(users).where(eq(users.id, session.userId));
            if (!user?.active) throw new APIError("FORBIDDEN", { message: "This account has been deactivated." });
          },
        },
      },
    },
    plugins: oidcPlugins(),
  } satisfies BetterAuthOptions;
  return betterAuth(options);
}

export type Auth = ReturnType<typeof createAuth>;

/**
 * The auth of the database this process uses, for a request served over
 * HTTPS or not: `PUBLIC_URL`'s scheme when set, else the request's
 * (X-Forwarded-Proto is not read: behind a proxy that ends TLS, set
 * PUBLIC_URL).
 */
export async function getAuth(served: Request | { secure: boolean }): Promise<Auth> {
  const db = await getDb();
  const publicOrigin = readPublicOrigin();
  const secure = publicOrigin
    ? publicOrigin.startsWith("https:")
    : served instanceof Request
      ? new URL(served.url).protocol === "https:"
      : served.secure;
  let forDb = instances.get(db);
  if (!forDb) instances.set(db, (forDb = new Map()));
  let auth = forDb.get(secure);
  if (!auth) {
    const pending = readSecret(db).then((secret) => createAuth(db, secret, secure));
    forDb.set(secure, (auth = pending));
    pending.catch(() => forDb.delete(secure));
  }
  return auth;
}

/** The session cookie's name over HTTPS (over HTTP it has no prefix). */
export const secureSessionCookie = "__Secure-better-auth.session_token";

const instances = new WeakMap<Database, Map<boolean, Promise<Auth>>>();

/** `BETTER_AUTH_SECRET`, else the one generated once and kept in the database, so that every instance on it shares it. */
async function readSecret(db: Database): Promise<string> {
  const fromEnv = process.env.BETTER_AUTH_SECRET;
  if (fromEnv) return fromEnv;
  await db
    .insert(appSettings)
    .values({ key: secretKey, value: randomBytes(32).toString("base64url") })
    .onConflictDoNothing();
  const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, secretKey));
  return row.value;
}

/**
 * Lets a sign-up through only as the database's first account, and only
 * for `ADMIN_EMAIL` when that is set; two sign-ups at once race for one
 * marker row, and the loser is refused.
 */
async function claimFirstAccount(db: Database, email: string): Promise<void> {
  const adminEmail = process.env.ADMIN_EMAIL?.trim().toLowerCase();
  if (adminEmail && email.toLowerCase() !== adminEmail) {
    throw new APIError("FORBIDDEN", { message: "Only the address in ADMIN_EMAIL may create the first account." });
  }
  // The marker says when it was taken: a sign-up writes its user right after, so one left a
  // minute without a user is a failed sign-up's, which the next may take over (never a racing one's).
  const marker = `${Date.now()} ${email}`;
  const claimed = await db.insert(appSettings).values({ key: firstAccountKey, value: marker }).onConflictDoNothing().returning();
  if (claimed.length > 0) return;
  const [{ value: userCount }] = await db.select({ value: count() }).from(users);
  if (userCount === 0) {
    const stale = String(Date.now() - firstAccountClaimMs);
    const taken = await db
      .update(appSettings)
      .set({ value: marker })
      .where(
        and(
          eq(appSettings.key, firstAccountKey),
          sql`(case when ${appSettings.value} ~ '^[0-9]+ ' then split_part(${appSettings.value}, ' ', 1)::bigint else 0 end) < ${stale}::bigint`,
        ),
      )
      .returning();
    if (taken.length > 0) return;
  }
  throw new APIError("FORBIDDEN", { message: firstAccountOnly });
}

/** Whether any account exists yet (none: every page leads to creating the first). */
export async function hasAccounts(): Promise<boolean> {
  const db = await getDb();
  const [row] = await db.select({ id: users.id }).from(users).limit(1);
  return row !== undefined;
}

/** Whether single sign-on is configured (the sign-in page then offers it). */
export const hasSingleSignOn = () => oidcPlugins().length > 0;

/**
 * Single sign-on through a generic OpenID Connect provider, when
 * `OIDC_DISCOVERY_URL`, `OIDC_CLIENT_ID` and `OIDC_CLIENT_SECRET` are set.
 * Only people an admin has added (matched by email) can sign in through it.
 */
function oidcPlugins() {
  const { OIDC_DISCOVERY_URL, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET } = process.env;
  if (!OIDC_DISCOVERY_URL || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET) return [];
  return [
    genericOAuth({
      config: [
        {
          providerId: oidcProviderId,
          discoveryUrl: OIDC_DISCOVERY_URL,
          clientId: OIDC_CLIENT_ID,
          clientSecret: OIDC_CLIENT_SECRET,
          scopes: ["openid", "email", "profile"],
          pkce: true,
          disableImplicitSignUp: true,
        },
      ],
    }),
  ];
}
