/**
 * Accounts as an API client sees them: signing in, the people an admin
 * manages, invitations, deactivation and personal API tokens. Every person
 * is made through the API (test/accounts.ts), never written into the
 * database. The first account and the last admin, which need a database of
 * their own, are in first-account.test.ts; the limit on failed sign-ins in
 * sign-in-limit.test.ts; what each role may do in roles.test.ts.
 */
import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { closeDb, getDb } from "@/db/client";
import { sessions } from "@/db/schema";
import type { Role } from "@/lib/roles";
import { admin, person, sessionCookie, type TestPerson, testPassword } from "@/test/accounts";
import { call, createTestDocument } from "@/test/api-client";
import { authPost, signIn } from "@/test/auth-client";
import * as claimRoute from "./annotations/[id]/route";
import * as claimsRoute from "./documents/[slug]/annotations/route";
import * as invitationRoute from "./invitations/[token]/route";
import * as meRoute from "./me/route";
import * as tokenRoute from "./tokens/[id]/route";
import * as tokensRoute from "./tokens/route";
import * as userRoute from "./users/[id]/route";
import * as usersRoute from "./users/route";

let slug: string;
let claimId: string;

beforeAll(async () => {
  slug = (await createTestDocument([{ type: "paragraph", text: "Andy Jassy said the story was wrong." }])).slug;
  const created = await call(claimsRoute.POST, { slug }, { body: { start: 0, end: 10, tag: "disputed" } });
  expect(created.status).toBe(201);
  claimId = created.json.annotation.id;
});
afterAll(closeDb);

type Credentials = { token: string } | { cookie: string } | { reviewer: null };
const me = (who: Credentials) => call(meRoute.GET, {}, who);
const listPeople = (who: Credentials) => call(usersRoute.GET, {}, who);
const addPerson = (who: Credentials, body: unknown) => call(usersRoute.POST, {}, { ...who, body });
const changePerson = (who: Credentials, id: string, body: unknown) => call(userRoute.PATCH, { id }, { ...who, method: "PATCH", body });
const accept = (token: string, password: string) => call(invitationRoute.POST, { token }, { body: { password }, reviewer: null });
const newEmail = (name: string) => `${name}.${randomUUID().slice(0, 8)}@test.example`;
/** The token of an invitation link. */
const invitationToken = (url: string) => new URL(url).pathname.split("/").at(-1)!;

/** The people list as the admin reads it. */
async function everyone(): Promise<{ id: string; email: string; name: string; role: Role; active: boolean }[]> {
  const { status, json } = await listPeople({ token: (await admin()).token });
  expect(status).toBe(200);
  return json.users;
}

describe("signing in", () => {
  it("answers an unknown email and a wrong password alike, so that neither tells whether the email has an account", async () => {
    const known = await person("Signing In", "reviewer");
    const unknownEmail = await signIn(newEmail("nobody"), testPassword);
    const wrongPassword = await signIn(known.email, `${testPassword}!`);
    expect(unknownEmail.status).toBe(401);
    expect(wrongPassword.status).toBe(401);
    expect(wrongPassword.json).toEqual(unknownEmail.json);
    expect(unknownEmail.json.error).toEqual({ code: expect.any(String), message: expect.any(String) });
    expect(unknownEmail.headers.getSetCookie()).toEqual([]);
  });

  it("gives a session cookie, HttpOnly and SameSite=Lax, not Secure over plain HTTP, that GET /api/me knows", async () => {
    const known = await person("Signing In", "reviewer");
    const answer = await signIn(known.email.toUpperCase(), testPassword);
    expect(answer.status).toBe(200);
    const cookie = answer.headers.getSetCookie().find((value) => value.startsWith("better-auth.session_token="));
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).not.toMatch(/; Secure/i);
    const { status, json } = await me({ cookie: sessionCookie(answer.headers) });
    expect(status).toBe(200);
    expect(json).toEqual({ user: { id: known.id, email: known.email, name: "Signing In", role: "reviewer" } });
  });

  it("over HTTPS, sets the session cookie Secure with the __Secure- prefix", async () => {
    const known = await person("Signing In", "reviewer");
    const { POST } = await import("./auth/[...all]/route");
    const request = new Request("https://localhost/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://localhost", "x-factcheck-client-address": `test-${randomUUID()}` },
      body: JSON.stringify({ email: known.email, password: testPassword }),
    });
    const answer = await POST(request);
    expect(answer.status).toBe(200);
    const cookie = answer.headers.getSetCookie().find((value) => value.includes("session_token="));
    expect(cookie).toMatch(/^__Secure-better-auth\.session_token=/);
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; HttpOnly/i);
  });

  it("refuses a callback URL holding a control character or a letter outside ASCII 400, not 500, and signs no one in", async () => {
    const known = await person("Signing In", "reviewer");
    for (const callbackURL of ["\u0000", "/documents\r\nSet-Cookie: x=y", "/a\tb", "/documents/café", "Ā"]) {
      const answer = await authPost("sign-in/email", { email: known.email, password: testPassword, callbackURL });
      expect(answer.status, JSON.stringify(callbackURL)).toBe(400);
      expect(answer.json.error).toEqual({
        code: "invalid_body",
        message: "callbackURL: must be a URL of printable ASCII characters (percent-encode the others).",
      });
      expect(answer.headers.getSetCookie()).toEqual([]);
    }
    expect((await authPost("sign-in/email", { email: known.email, password: testPassword, callbackURL: "/documents/caf%C3%A9" })).status).toBe(200);
  });

  it("signs out: the session cookie no longer works", async () => {
    const known = await person("Signing In", "reviewer");
    const cookie = sessionCookie((await signIn(known.email, testPassword)).headers);
    expect((await me({ cookie })).status).toBe(200);
    const { POST } = await import("./auth/[...all]/route");
    const out = await call(POST, { all: ["sign-out"] }, { path: "/api/auth/sign-out", cookie, body: {} });
    expect(out.status).toBe(200);
    expect((await me({ cookie })).status).toBe(401);
  });

  it("extends a session in use, cookie and all, through GET /api/auth/get-session, and only there (a page's reads cannot re-set the cookie)", async () => {
    const known = await person("Staying In", "reviewer");
    const cookie = sessionCookie((await signIn(known.email, testPassword)).headers);
    const day = 24 * 60 * 60 * 1000;
    // The latest expiry of the person's sessions (the invitation signed them in too).
    const expiry = async () =>
      Math.max(
        ...(await (await getDb()).select({ expiresAt: sessions.expiresAt }).from(sessions).where(eq(sessions.userId, known.id))).map((row) =>
          row.expiresAt.getTime(),
        ),
      );
    // Signed in two days ago: better-auth extends a session once it is a day old.
    const aged = new Date(Date.now() + 5 * day);
    await (await getDb()).update(sessions).set({ expiresAt: aged }).where(eq(sessions.userId, known.id));
    expect((await me({ cookie })).status).toBe(200);
    expect(await expiry()).toBe(aged.getTime());
    const { GET } = await import("./auth/[...all]/route");
    const kept = await call(GET, { all: ["get-session"] }, { path: "/api/auth/get-session", cookie });
    expect(kept.status).toBe(200);
    expect(kept.json.user.id).toBe(known.id);
    const renewed = kept.headers.getSetCookie().find((value) => value.startsWith("better-auth.session_token="));
    expect(renewed).toMatch(/; Max-Age=604800/i);
    expect(await expiry()).toBeGreaterThan(Date.now() + 7 * day - 60_000);
  });

  it("offers none of better-auth's other routes: nobody renames themself (claims record names), changes their email or deletes their account", async () => {
    const known = await person("Not Renamed", "viewer");
    const cookie = sessionCookie((await signIn(known.email, testPassword)).headers);
    const { POST } = await import("./auth/[...all]/route");
    for (const [route, body] of [
      ["update-user", { name: "Maya Chen" }],
      ["change-email", { newEmail: newEmail("taken") }],
      ["delete-user", {}],
      ["change-password", { currentPassword: testPassword, newPassword: "another long password" }],
    ] as const) {
      const answer = await call(POST, { all: route.split("/") }, { path: `/api/auth/${route}`, cookie, body });
      expect(answer.status, route).toBe(404);
      expect(answer.json.error.code).toBe("not_found");
    }
    expect((await me({ cookie })).json.user).toMatchObject({ name: "Not Renamed", email: known.email });
  });
});

describe("people (admins only)", () => {
  const roles = ["viewer", "reviewer", "editor"] as const;

  it("answers 401 unauthenticated to nobody, and stores nothing", async () => {
    const target = await person("People Target", "viewer");
    const email = newEmail("refused");
    for (const answer of [
      await listPeople({ reviewer: null }),
      await addPerson({ reviewer: null }, { email, name: "Refused", role: "admin" }),
      await changePerson({ reviewer: null }, target.id, { role: "admin" }),
    ]) {
      expect(answer.status).toBe(401);
      expect(answer.json.error.code).toBe("unauthenticated");
    }
    const people = await everyone();
    expect(people.some((p) => p.email === email)).toBe(false);
    expect(people.find((p) => p.id === target.id)).toMatchObject({ role: "viewer", active: true });
  });

  it.each(roles)("refuses a %s 403 forbidden, naming what the role lacks, and stores nothing", async (role) => {
    const asker = await person(`People ${role}`, role);
    const target = await person("People Target", "viewer");
    const email = newEmail("refused");
    const plural = `${role[0].toUpperCase()}${role.slice(1)}s`;
    for (const answer of [
      await listPeople({ token: asker.token }),
      await addPerson({ token: asker.token }, { email, name: "Refused", role: "admin" }),
      await changePerson({ token: asker.token }, target.id, { role: "admin" }),
      await changePerson({ token: asker.token }, asker.id, { role: "admin" }),
      await changePerson({ token: asker.token }, target.id, { active: false }),
    ]) {
      expect(answer.status).toBe(403);
      expect(answer.json.error).toEqual({ code: "forbidden", message: `${plural} cannot manage people: admins can.` });
    }
    const people = await everyone();
    expect(people.some((p) => p.email === email)).toBe(false);
    expect(people.find((p) => p.id === target.id)).toMatchObject({ role: "viewer", active: true });
    expect(people.find((p) => p.id === asker.id)).toMatchObject({ role, active: true });
    expect((await me({ token: target.token })).status).toBe(200);
  });

  it("lets an admin list, add and change people", async () => {
    const { token } = await admin();
    const email = newEmail("Maya.Chen");
    const added = await addPerson({ token }, { email: email.toUpperCase(), name: "Maya Chen", role: "reviewer" });
    expect(added.status).toBe(201);
    expect(added.json.user).toEqual({ id: expect.any(String), email: email.toLowerCase(), name: "Maya Chen", role: "reviewer", active: true });
    expect(added.json.invitationUrl).toMatch(/^http:\/\/localhost\/invitations\/[\w-]+$/);
    const listed = await everyone();
    expect(listed).toContainEqual(added.json.user);
    for (const entry of listed) expect(Object.keys(entry).sort()).toEqual(["active", "email", "id", "name", "role"]);

    const promoted = await changePerson({ token }, added.json.user.id, { role: "editor" });
    expect(promoted.status).toBe(200);
    expect(promoted.json.user).toEqual({ ...added.json.user, role: "editor" });
    expect((await everyone()).find((p) => p.id === added.json.user.id)).toMatchObject({ role: "editor" });
  });

  it("refuses to add an email that has an account (409), whatever its case, and keeps the person as they were", async () => {
    const { token } = await admin();
    const existing = await person("People Existing", "reviewer");
    const again = await addPerson({ token }, { email: existing.email.toUpperCase(), name: "Someone Else", role: "admin" });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("email_taken");
    expect((await everyone()).filter((p) => p.email === existing.email)).toEqual([
      { id: existing.id, email: existing.email, name: "People Existing", role: "reviewer", active: true },
    ]);
  });

  it("refuses a body it cannot read with 400, and an unknown person with 404", async () => {
    const { token } = await admin();
    for (const body of [
      { email: "not an email", name: "X", role: "viewer" },
      { email: newEmail("x"), name: "X", role: "owner" },
      { email: newEmail("x"), name: "", role: "viewer" },
    ]) {
      const answer = await addPerson({ token }, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.json.error.code).toBe("invalid_body");
    }
    const target = await person("People Target", "viewer");
    expect((await changePerson({ token }, target.id, {})).status).toBe(400);
    expect((await changePerson({ token }, target.id, { role: "owner" })).status).toBe(400);
    expect((await changePerson({ token }, randomUUID(), { role: "editor" })).status).toBe(404);
    // An id no account has, nor could have (NUL, which the database cannot hold), is not found too.
    for (const id of ["\u0000", "x\u0000y", "a".repeat(300)]) expect((await changePerson({ token }, id, { role: "editor" })).status).toBe(404);
  });
});

describe("invitations", () => {
  async function invite(role: Role = "reviewer") {
    const email = newEmail("invited");
    const added = await addPerson({ token: (await admin()).token }, { email, name: "Invited Person", role });
    expect(added.status).toBe(201);
    return { user: added.json.user, token: invitationToken(added.json.invitationUrl) };
  }

  it("sets the password and signs the person in: 200 { user } and a session cookie that works on /api/me", async () => {
    const { user, token } = await invite("viewer");
    const accepted = await accept(token, testPassword);
    expect(accepted.status).toBe(200);
    expect(accepted.json).toEqual({ user });
    const { status, json } = await me({ cookie: sessionCookie(accepted.headers) });
    expect(status).toBe(200);
    expect(json.user).toEqual({ id: user.id, email: user.email, name: "Invited Person", role: "viewer" });
    expect((await signIn(user.email, testPassword)).status).toBe(200);
  });

  it("works once: used again it is 404, and the password stays the first one", async () => {
    const { user, token } = await invite();
    expect((await accept(token, testPassword)).status).toBe(200);
    const again = await accept(token, "another long password");
    expect(again.status).toBe(404);
    expect(again.json.error.code).toBe("not_found");
    expect(again.headers.getSetCookie()).toEqual([]);
    expect((await signIn(user.email, "another long password")).status).toBe(401);
    expect((await signIn(user.email, testPassword)).status).toBe(200);
  });

  it("answers an unknown invitation 404", async () => {
    for (const token of ["inv_unknown", "", "a".repeat(500)]) {
      const answer = await accept(token, testPassword);
      expect(answer.status).toBe(404);
      expect(answer.json.error.code).toBe("not_found");
    }
  });

  it("refuses a weak password 400 weak_password and leaves the invitation usable", async () => {
    const { user, token } = await invite();
    for (const password of ["short", "x".repeat(1000)]) {
      const refused = await accept(token, password);
      expect(refused.status).toBe(400);
      expect(refused.json.error.code).toBe("weak_password");
      expect(refused.headers.getSetCookie()).toEqual([]);
    }
    expect((await signIn(user.email, "short")).status).toBe(401);
    expect((await accept(token, testPassword)).status).toBe(200);
  });
});

describe("deactivation", () => {
  it("stops the person's session cookie and token at once, and their claims keep their name", async () => {
    const { token: adminToken } = await admin();
    const leaving = await person("Leaving Reviewer", "reviewer");
    const created = await call(claimsRoute.POST, { slug }, { body: { start: 11, end: 16, tag: "denied" }, token: leaving.token });
    expect(created.status).toBe(201);
    expect((await me({ cookie: leaving.cookie })).status).toBe(200);

    const deactivated = await changePerson({ token: adminToken }, leaving.id, { active: false });
    expect(deactivated.status).toBe(200);
    expect(deactivated.json.user).toMatchObject({ id: leaving.id, active: false });

    for (const who of [{ cookie: leaving.cookie }, { token: leaving.token }]) {
      const answer = await me(who);
      expect(answer.status).toBe(401);
      expect(answer.json.error.code).toBe("unauthenticated");
      const write = await call(claimRoute.DELETE, { id: created.json.annotation.id }, { ...who, method: "DELETE" });
      expect(write.status).toBe(401);
    }
    expect((await signIn(leaving.email, testPassword)).status).not.toBe(200);

    const claims = (await call(claimsRoute.GET, { slug })).json.annotations;
    expect(claims.find((claim: { id: string }) => claim.id === created.json.annotation.id)).toMatchObject({
      createdBy: "Leaving Reviewer",
      updatedBy: "Leaving Reviewer",
    });
    expect((await everyone()).find((p) => p.id === leaving.id)).toMatchObject({ name: "Leaving Reviewer", active: false });
  });

  it("lets a reactivated person sign in again, but their old token stays revoked", async () => {
    const { token: adminToken } = await admin();
    const back = await person("Returning Reviewer", "reviewer");
    expect((await changePerson({ token: adminToken }, back.id, { active: false })).status).toBe(200);
    expect((await changePerson({ token: adminToken }, back.id, { active: true })).status).toBe(200);
    expect((await me({ token: back.token })).status).toBe(401);
    expect((await me({ cookie: back.cookie })).status).toBe(401);
    const signedIn = await signIn(back.email, testPassword);
    expect(signedIn.status).toBe(200);
    expect((await me({ cookie: sessionCookie(signedIn.headers) })).json.user).toMatchObject({ id: back.id, role: "reviewer" });
  });
});

describe("API tokens", () => {
  async function tokenOf(who: TestPerson, name = "script") {
    const created = await call(tokensRoute.POST, {}, { body: { name }, cookie: who.cookie });
    expect(created.status).toBe(201);
    expect(Object.keys(created.json).sort()).toEqual(["id", "token"]);
    return created.json as { id: string; token: string };
  }

  it("shows a new token once: GET /api/tokens lists it without its secret", async () => {
    const owner = await person("Token Owner", "reviewer");
    const { id, token } = await tokenOf(owner, "nightly import");
    const listed = await call(tokensRoute.GET, {}, { cookie: owner.cookie });
    expect(listed.status).toBe(200);
    expect(listed.text).not.toContain(token);
    expect(listed.json.tokens).toContainEqual({ id, name: "nightly import", createdAt: expect.any(String), lastUsedAt: null });
    for (const entry of listed.json.tokens) expect(Object.keys(entry).sort()).toEqual(["createdAt", "id", "lastUsedAt", "name"]);
    expect((await me({ token })).json.user).toMatchObject({ id: owner.id, role: "reviewer" });
    const used = (await call(tokensRoute.GET, {}, { token })).json.tokens.find((entry: { id: string }) => entry.id === id);
    expect(used.lastUsedAt).toEqual(expect.any(String));
  });

  it("is revoked by its owner: 204, then 401 everywhere, and gone from the list", async () => {
    const owner = await person("Token Owner", "reviewer");
    const { id, token } = await tokenOf(owner);
    const revoked = await call(tokenRoute.DELETE, { id }, { method: "DELETE", token });
    expect(revoked.status).toBe(204);
    expect(revoked.text).toBe("");
    for (const answer of [await me({ token }), await call(claimsRoute.GET, { slug }, { token })]) {
      expect(answer.status).toBe(401);
      expect(answer.json.error.code).toBe("unauthenticated");
    }
    expect((await call(tokensRoute.GET, {}, { cookie: owner.cookie })).json.tokens.some((entry: { id: string }) => entry.id === id)).toBe(false);
    expect((await call(tokenRoute.DELETE, { id }, { method: "DELETE", cookie: owner.cookie })).status).toBe(404);
  });

  it("cannot be revoked by anyone else, an admin included (404), and keeps working", async () => {
    const owner = await person("Token Owner", "reviewer");
    const { id, token } = await tokenOf(owner);
    for (const other of [await person("Token Thief", "editor"), await admin()]) {
      const answer = await call(tokenRoute.DELETE, { id }, { method: "DELETE", token: other.token });
      expect(answer.status).toBe(404);
      expect(answer.json.error.code).toBe("not_found");
      expect((await call(tokensRoute.GET, {}, { token: other.token })).text).not.toContain(id);
    }
    expect((await me({ token })).status).toBe(200);
  });

  it("needs a session or token to create, list or revoke one", async () => {
    const owner = await person("Token Owner", "reviewer");
    const { id, token } = await tokenOf(owner);
    for (const answer of [
      await call(tokensRoute.POST, {}, { body: { name: "x" }, reviewer: null }),
      await call(tokensRoute.GET, {}, { reviewer: null }),
      await call(tokenRoute.DELETE, { id }, { method: "DELETE", reviewer: null }),
    ]) {
      expect(answer.status).toBe(401);
      expect(answer.json.error.code).toBe("unauthenticated");
    }
    expect((await me({ token })).status).toBe(200);
  });
});

/** Every `route.ts` under app/api, with its path parameters named as in its folder. */
function routeFiles(folder = import.meta.dirname): { name: string; file: string }[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return routeFiles(path.join(folder, entry.name));
    if (entry.name !== "route.ts") return [];
    const relative = path.relative(path.dirname(import.meta.dirname), folder);
    return [{ name: `/${relative.replace(/\[(?:\.\.\.)?(\w+)\]/g, "{$1}")}`, file: path.join(folder, entry.name) }];
  });
}

/** Routes that answer without a session: the health check, sign-in itself, and accepting an invitation. */
const openRoutes: Record<string, string[]> = {
  "/api/health": ["GET"],
  "/api/auth/{all}": ["GET", "POST"],
  "/api/invitations/{token}": ["POST"],
};

type Handler = (request: Request, context: { params: Promise<unknown> }) => Promise<Response>;

describe("every API route", () => {
  /** Each route and method it takes (its OPTIONS answer's Allow, less HEAD and OPTIONS), with parameters naming real things. */
  async function everyRoute() {
    const params = { slug, id: claimId, token: "inv_unknown", all: ["get-session"] };
    const routes: { name: string; method: string; handler: Handler; params: unknown }[] = [];
    for (const { name, file } of routeFiles()) {
      const exported = (await import(file)) as Record<string, Handler>;
      const allow = exported.OPTIONS
        ? ((await call(exported.OPTIONS, params, { method: "OPTIONS", reviewer: null })).headers.get("allow") ?? "")
        : Object.keys(exported).join(", ");
      for (const method of allow.split(/,\s*/).filter((m) => exported[m] && m !== "HEAD" && m !== "OPTIONS")) {
        routes.push({ name, method, handler: exported[method], params });
      }
    }
    return routes;
  }

  it("answers 401 unauthenticated to nobody, a revoked token and a deactivated person, except health, sign-in and accepting an invitation", async () => {
    const routes = await everyRoute();
    expect(routes.length).toBeGreaterThan(20);
    // An editor's revoked token, and an admin who was deactivated (their token and session).
    const editor = await person("Every Route Editor", "editor");
    const revoked = (await call(tokensRoute.POST, {}, { body: { name: "revoked" }, token: editor.token })).json;
    expect((await call(tokenRoute.DELETE, { id: revoked.id }, { method: "DELETE", token: editor.token })).status).toBe(204);
    const gone = await person("Every Route Gone Admin", "admin");
    expect((await changePerson({ token: (await admin()).token }, gone.id, { active: false })).status).toBe(200);
    const credentials = [
      { reviewer: null },
      { token: "fca_never-made" },
      { cookie: "better-auth.session_token=forged.value" },
      { token: revoked.token },
      { token: gone.token },
      { cookie: gone.cookie },
    ];
    const before = (await call(claimsRoute.GET, { slug })).json.annotations;
    for (const { name, method, handler, params } of routes) {
      if (openRoutes[name]?.includes(method)) continue;
      for (const nobody of credentials) {
        // A query no route takes: the 401 comes before anything is read.
        const query = "format=none&revision=0&fields=all&from=yesterday&skip=all";
        const answer = await call(handler, params, { method, query, ...nobody, ...(method === "GET" ? {} : { body: {} }) });
        expect(answer.status, `${method} ${name} ${JSON.stringify(nobody)}`).toBe(401);
        expect(answer.json.error).toEqual({ code: "unauthenticated", message: expect.any(String) });
      }
    }
    expect((await call(claimsRoute.GET, { slug })).json.annotations).toEqual(before);
  });

  it("takes a Bearer token on every route, acting with its person's role", async () => {
    const viewer = await person("Token Viewer", "viewer");
    for (const { name, method, handler, params } of await everyRoute()) {
      if (openRoutes[name]?.includes(method)) continue;
      // Not their own token: revoking it would end the test.
      const routeParams = name === "/api/tokens/{id}" ? { id: randomUUID() } : params;
      const query = name.endsWith("/export") ? "format=csv" : undefined;
      const answer = await call(handler, routeParams, { method, query, token: viewer.token, ...(method === "GET" ? {} : { body: {} }) });
      expect(answer.status, `${method} ${name}: ${answer.text.slice(0, 200)}`).not.toBe(401);
      expect(answer.status, `${method} ${name}`).toBeLessThan(500);
      // A viewer reads; everything that changes claims, articles or people is refused before the body is looked at, or the body is wrong.
      if (method === "GET") expect(answer.status, `${method} ${name}: ${answer.text.slice(0, 200)}`).toBe(name === "/api/users" ? 403 : 200);
    }
  });
});
