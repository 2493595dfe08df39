/**
 * The first account, and the last admin, as an API client sees them. Both
 * need a database no one else writes: one with no account yet, and one
 * where these are the only admins. So this file always runs on in-memory
 * PGlite databases of its own, made afresh where a test needs an empty one,
 * even when DATABASE_URL names the suite's shared PostgreSQL.
 */
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { closeDb } from "@/db/client";
import { sessionCookie, testPassword } from "@/test/accounts";
import { call } from "@/test/api-client";
import { signIn, signUp } from "@/test/auth-client";
import * as invitationRoute from "./invitations/[token]/route";
import * as meRoute from "./me/route";
import * as userRoute from "./users/[id]/route";
import * as usersRoute from "./users/route";

// Read when the database opens (db/client.ts), lazily, after this runs.
delete process.env.DATABASE_URL;
process.env.PGLITE_DATA_DIR = "memory://";

/** Makes the next request open a new, empty in-memory database. */
const emptyDatabase = closeDb;

afterEach(() => {
  vi.unstubAllEnvs();
});
afterAll(closeDb);

const email = (name: string) => `${name}.${randomUUID().slice(0, 8)}@newsroom.example`;
const me = (cookie: string) => call(meRoute.GET, {}, { cookie });
const people = async (cookie: string) => (await call(usersRoute.GET, {}, { cookie })).json.users as { email: string; role: string }[];
const changePerson = (cookie: string, id: string, body: unknown) => call(userRoute.PATCH, { id }, { cookie, method: "PATCH", body });

/** Signs up the first account; its session cookie and id. */
async function firstAccount(address = email("first")): Promise<{ cookie: string; id: string; email: string }> {
  const answer = await signUp(address, testPassword, "First Admin");
  expect(answer.status, answer.text).toBe(200);
  const cookie = sessionCookie(answer.headers);
  return { cookie, id: (await me(cookie)).json.user.id, email: address };
}

/** An admin adds a person who accepts the invitation: their session cookie and id. */
async function addPerson(adminCookie: string, role: string, name: string): Promise<{ cookie: string; id: string }> {
  const added = await call(usersRoute.POST, {}, { cookie: adminCookie, body: { email: email(name.toLowerCase().replace(/\W+/g, ".")), name, role } });
  expect(added.status).toBe(201);
  const token = new URL(added.json.invitationUrl).pathname.split("/").at(-1)!;
  const accepted = await call(invitationRoute.POST, { token }, { body: { password: testPassword }, reviewer: null });
  expect(accepted.status).toBe(200);
  return { cookie: sessionCookie(accepted.headers), id: added.json.user.id };
}

describe("the first account", () => {
  it("goes to one of several sign-ups sent at once: the others are refused 403", async () => {
    await emptyDatabase();
    const answers = await Promise.all(Array.from({ length: 4 }, (_, i) => signUp(email(`racer${i}`), testPassword, `Racer ${i}`)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 403, 403, 403]);
    const winner = answers.find((answer) => answer.status === 200)!;
    expect(await people(sessionCookie(winner.headers))).toHaveLength(1);
  });

  it("is made by signing up on an empty database, and is an admin", async () => {
    await emptyDatabase();
    const address = email("first");
    const answer = await signUp(address, testPassword, "First Admin");
    expect(answer.status).toBe(200);
    const { status, json } = await me(sessionCookie(answer.headers));
    expect(status).toBe(200);
    expect(json.user).toEqual({ id: expect.any(String), email: address, name: "First Admin", role: "admin" });
    expect((await signIn(address, testPassword)).status).toBe(200);
  });

  it("is the only one made by signing up: every later sign-up is 403 alike, whether its email has an account or not, and stores nothing", async () => {
    await emptyDatabase();
    const first = await firstAccount();
    const second = email("second");
    const refused = await signUp(second, testPassword, "Second Person");
    expect(refused.status).toBe(403);
    expect(refused.json.error).toEqual({ code: "forbidden", message: "Accounts are added by an admin: ask one for an invitation." });
    expect(refused.headers.getSetCookie()).toEqual([]);
    const sameEmail = await signUp(first.email, "another long password", "Impostor");
    expect(sameEmail.status).toBe(403);
    expect(sameEmail.json).toEqual(refused.json);

    expect((await people(first.cookie)).map((person) => person.email)).toEqual([first.email]);
    expect((await signIn(second, testPassword)).status).toBe(401);
    expect((await signIn(first.email, "another long password")).status).toBe(401);
    expect((await me(first.cookie)).json.user).toMatchObject({ name: "First Admin", role: "admin" });
  });

  it("with ADMIN_EMAIL set, may be made only for that address (in any case)", async () => {
    await emptyDatabase();
    const chief = email("chief");
    vi.stubEnv("ADMIN_EMAIL", chief);
    const other = email("other");
    const refused = await signUp(other, testPassword, "Someone Else");
    expect(refused.status).toBe(403);
    expect(refused.json.error.message).toContain("ADMIN_EMAIL");
    expect(refused.headers.getSetCookie()).toEqual([]);
    expect((await signIn(other, testPassword)).status).toBe(401);

    const made = await signUp(chief.toUpperCase(), testPassword, "Chief");
    expect(made.status).toBe(200);
    const cookie = sessionCookie(made.headers);
    expect((await me(cookie)).json.user).toMatchObject({ email: chief, role: "admin" });
    expect((await people(cookie)).map((person) => person.email)).toEqual([chief]);
  });
});

describe("the last admin", () => {
  it("can be neither demoted nor deactivated (409 last_admin), by themself", async () => {
    await emptyDatabase();
    const only = await firstAccount();
    for (const change of [{ role: "editor" }, { role: "viewer" }, { active: false }, { role: "reviewer", active: false }]) {
      const answer = await changePerson(only.cookie, only.id, change);
      expect(answer.status, JSON.stringify(change)).toBe(409);
      expect(answer.json.error.code).toBe("last_admin");
    }
    expect((await me(only.cookie)).json.user.role).toBe("admin");
    // A change that keeps them an admin is no demotion.
    expect((await changePerson(only.cookie, only.id, { role: "admin", active: true })).status).toBe(200);
  });

  it("lets two admins demote each other one at a time, down to one admin only", async () => {
    await emptyDatabase();
    const first = await firstAccount();
    const second = await addPerson(first.cookie, "admin", "Second Admin");

    // The first demotes the second, and is then the last.
    expect((await changePerson(first.cookie, second.id, { role: "editor" })).status).toBe(200);
    expect((await changePerson(first.cookie, first.id, { role: "editor" })).status).toBe(409);
    expect((await changePerson(second.cookie, first.id, { role: "editor" })).status).toBe(403);

    // Made an admin again, the second demotes the first, and is then the last.
    expect((await changePerson(first.cookie, second.id, { role: "admin" })).status).toBe(200);
    expect((await changePerson(second.cookie, first.id, { active: false })).status).toBe(200);
    const last = await changePerson(second.cookie, second.id, { role: "viewer" });
    expect(last.status).toBe(409);
    expect(last.json.error).toEqual({ code: "last_admin", message: expect.stringContaining("Second Admin is the last admin") });

    const admins = (await people(second.cookie)).filter((person) => person.role === "admin");
    expect(admins).toHaveLength(2); // the deactivated first keeps the role, but cannot act
    expect((await me(first.cookie)).status).toBe(401);
    expect((await me(second.cookie)).json.user.role).toBe("admin");
  });

  it("keeps one admin when two demote each other at once", async () => {
    await emptyDatabase();
    const first = await firstAccount();
    const second = await addPerson(first.cookie, "admin", "Second Admin");
    const answers = await Promise.all([
      changePerson(first.cookie, second.id, { role: "editor" }),
      changePerson(second.cookie, first.id, { role: "editor" }),
    ]);
    const [won, lost] = [...answers].sort((a, b) => a.status - b.status);
    expect(won.status).toBe(200);
    // Refused as the last admin, or as no admin any more.
    expect([403, 409]).toContain(lost.status);
    const roles = [(await me(first.cookie)).json.user.role, (await me(second.cookie)).json.user.role].sort();
    expect(roles).toEqual(["admin", "editor"]);
  });
});
