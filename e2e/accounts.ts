/**
 * The people the journeys act as, made the way a script makes them, through
 * the API only: the first account signs up (or signs in, on a database that
 * has it already: the PostgreSQL run shares one with vitest), adds each
 * person with `POST /api/users`, the person sets a password through their
 * invitation and creates a personal API token. Nothing is written to the
 * database directly. Plain `fetch`, so that it serves the suite's server and
 * the servers a test starts itself (e2e/server-process.ts) alike.
 */
import { randomUUID } from "node:crypto";
import { testAdmin, testPassword } from "../test/account-constants";

export { testAdmin, testPassword };

export type Role = "viewer" | "reviewer" | "editor" | "admin";

/** A person with an account on one server: a Bearer token of theirs and a session cookie (`name=value`). */
export interface E2ePerson {
  name: string;
  email: string;
  role: Role;
  token: string;
  cookie: string;
}

/** The session cookie a sign-up, sign-in or invitation answer sets, as a `cookie` request header. */
export function sessionCookieOf(response: Response): string {
  const cookie = response.headers.getSetCookie().find((value) => /session_token=/.test(value));
  if (!cookie) throw new Error(`no session cookie was set (${response.status})`);
  return cookie.split(";")[0];
}

/** A JSON request to `origin`, from the app's own pages as far as the cross-origin check goes. */
async function send(origin: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${origin}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin, ...headers },
    body: JSON.stringify(body),
  });
}

async function expectStatus(response: Response, status: number, what: string): Promise<void> {
  if (response.status !== status) throw new Error(`${what} answered ${response.status}: ${await response.text()}`);
}

/** A personal API token of the person of `cookie`. */
async function tokenOf(origin: string, cookie: string): Promise<string> {
  const created = await send(origin, "/api/tokens", { name: "e2e" }, { cookie });
  await expectStatus(created, 201, "creating a token");
  return ((await created.json()) as { token: string }).token;
}

/**
 * The first account of a server's database (an admin): signed up on an
 * empty database, else signed in with the test password.
 */
export async function firstAccount(origin: string): Promise<E2ePerson> {
  let answer = await send(origin, "/api/auth/sign-up/email", { ...testAdmin, password: testPassword });
  // 403: another account was first; 422: this one was (better-auth checks the email before the first-account rule).
  if (answer.status === 403 || answer.status === 422)
    answer = await send(origin, "/api/auth/sign-in/email", { email: testAdmin.email, password: testPassword });
  await expectStatus(answer, 200, "signing up (or in) the first account");
  const cookie = sessionCookieOf(answer);
  return { ...testAdmin, role: "admin", cookie, token: await tokenOf(origin, cookie) };
}

/** A unique email for a name: names may repeat, emails may not. */
export const emailFor = (name: string) =>
  `${
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ".")
      .replace(/^\.|\.$/g, "") || "person"
  }.${randomUUID().slice(0, 8)}@e2e.example`;

/** Adds a person as the admin of `adminToken`; the answer's invitation link, as the People page shows it. */
export async function invite(origin: string, adminToken: string, person: { name: string; role: Role; email?: string }) {
  const email = person.email ?? emailFor(person.name);
  const added = await send(origin, "/api/users", { email, name: person.name, role: person.role }, { authorization: `Bearer ${adminToken}` });
  await expectStatus(added, 201, `adding ${person.name}`);
  return { email, invitationUrl: ((await added.json()) as { invitationUrl: string }).invitationUrl };
}

/** A person added by the admin of `adminToken`, who has accepted the invitation and made a token. */
export async function addPerson(origin: string, adminToken: string, name: string, role: Role): Promise<E2ePerson> {
  const { email, invitationUrl } = await invite(origin, adminToken, { name, role });
  const token = new URL(invitationUrl).pathname.split("/").at(-1)!;
  const accepted = await send(origin, `/api/invitations/${token}`, { password: testPassword });
  await expectStatus(accepted, 200, `${name} accepting the invitation`);
  const cookie = sessionCookieOf(accepted);
  return { name, email, role, cookie, token: await tokenOf(origin, cookie) };
}

/**
 * What a test sends to act as `person` from a script: their Bearer token
 * (no cookie, so no cross-origin check), and the app's origin all the same.
 */
export function bearer(person: { token: string }, origin?: string): Record<string, string> {
  return { authorization: `Bearer ${person.token}`, ...(origin ? { origin } : {}) };
}
