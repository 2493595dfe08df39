/**
 * The people API tests act as, made the way a script would make them:
 * the first account signs up (or, on a shared PostgreSQL where another test
 * file made it, signs in), adds each person through `POST /api/users`, the
 * person sets a password through their invitation, and creates a personal
 * API token, which the test then sends as `Authorization: Bearer`.
 */
import { randomUUID } from "node:crypto";
import * as authRoute from "@/app/api/auth/[...all]/route";
import * as invitationRoute from "@/app/api/invitations/[token]/route";
import * as tokensRoute from "@/app/api/tokens/route";
import * as usersRoute from "@/app/api/users/route";
import { clientAddressHeader } from "@/lib/client-address";
import type { Role } from "@/lib/roles";
import { testAdmin, testPassword } from "./account-constants";
import { call } from "./api-client";

export { testAdmin, testPassword };

export interface TestPerson {
  id: string;
  name: string;
  email: string;
  role: Role;
  /** A session cookie (`name=value`) and a Bearer token of theirs. */
  cookie: string;
  token: string;
}

const people = new Map<string, Promise<TestPerson>>();

/** The session cookie a sign-in or invitation answer sets, as a request's `cookie` header. */
export function sessionCookie(headers: Headers): string {
  const cookie = headers.getSetCookie().find((value) => /session_token=/.test(value));
  if (!cookie) throw new Error("no session cookie was set");
  return cookie.split(";")[0];
}

/** The first account (an admin), signed up on an empty database, else signed in. */
export function admin(): Promise<TestPerson> {
  const key = "\u0000admin";
  let pending = people.get(key);
  if (!pending) {
    pending = (async () => {
      // From an address of its own: failures other tests provoke from theirs never hold it back.
      const headers = { [clientAddressHeader]: `test-admin-${randomUUID()}` };
      const auth = (path: string, body: unknown) =>
        call(authRoute.POST, { all: path.split("/") }, { path: `/api/auth/${path}`, body, reviewer: null, headers });
      let answer = await auth("sign-up/email", { ...testAdmin, password: testPassword });
      // 403: an account exists (this one, made by another test file on a shared PostgreSQL).
      if (answer.status === 403) answer = await auth("sign-in/email", { email: testAdmin.email, password: testPassword });
      if (answer.status !== 200) throw new Error(`the test admin could not sign in: ${answer.status} ${answer.text}`);
      const cookie = sessionCookie(answer.headers);
      return { ...(await withToken(cookie)), cookie };
    })();
    people.set(key, pending);
    pending.catch(() => people.delete(key));
  }
  return pending;
}

/**
 * The person of this name, added once per test file (names repeat across
 * files: each gets its own account, with a unique email, as two people may
 * share a name), with `role`, an editor when none is named. Named again,
 * with no role or the same one, it is the same person; named with another
 * role, it throws, since the test would not be acting as it says.
 */
export async function person(name: string, role?: Role): Promise<TestPerson> {
  const key = name;
  let pending = people.get(key);
  if (!pending) {
    pending = (async (role: Role) => {
      const { token: adminToken } = await admin();
      const email = `${
        name
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, ".")
          .replace(/^\.|\.$/g, "") || "person"
      }.${randomUUID().slice(0, 8)}@test.example`;
      const added = await call(usersRoute.POST, {}, { body: { email, name, role }, token: adminToken });
      if (added.status !== 201) throw new Error(`${name} could not be added: ${added.status} ${added.text}`);
      const invitation = new URL(added.json.invitationUrl).pathname.split("/").at(-1)!;
      const accepted = await call(invitationRoute.POST, { token: invitation }, { body: { password: testPassword }, reviewer: null });
      if (accepted.status !== 200) throw new Error(`${name} could not accept the invitation: ${accepted.status} ${accepted.text}`);
      const cookie = sessionCookie(accepted.headers);
      return { ...(await withToken(cookie)), cookie };
    })(role ?? "editor");
    people.set(key, pending);
    pending.catch(() => people.delete(key));
  }
  const made = await pending;
  if (role !== undefined && made.role !== role) throw new Error(`${name} was made a ${made.role} already, not a ${role}`);
  return made;
}

async function withToken(cookie: string): Promise<Omit<TestPerson, "cookie">> {
  const created = await call(tokensRoute.POST, {}, { body: { name: "tests" }, cookie });
  if (created.status !== 201) throw new Error(`no token could be created: ${created.status} ${created.text}`);
  const token: string = created.json.token;
  const { json } = await call((await import("@/app/api/me/route")).GET, {}, { token });
  return { ...json.user, token };
}
