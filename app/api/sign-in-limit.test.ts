/**
 * The limit on failed sign-ins, as an API client sees it: the 6th failure
 * within 15 minutes for one email, or the 20th from one network address, is
 * answered `429 too_many_attempts` with `Retry-After`, even with the right
 * password; only failures count. The counts are kept in the database, so
 * they hold for a second app instance on it: shown by closing this
 * process's connection and opening a new one, which gets new auth instances
 * (server/auth.ts keeps one per database handle). On PGlite the database is
 * therefore a folder of this file's own, which outlives its connection.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { clientAddressHeader } from "@/lib/client-address";
import { admin, person, sessionCookie, testPassword } from "@/test/accounts";
import { call } from "@/test/api-client";
import { authPost, newAddress, signIn } from "@/test/auth-client";
import * as authRoute from "./auth/[...all]/route";
import * as invitationRoute from "./invitations/[token]/route";
import * as meRoute from "./me/route";
import * as usersRoute from "./users/route";

const folder = process.env.DATABASE_URL ? undefined : mkdtempSync(path.join(tmpdir(), "factcheck-sign-in-limit-"));
// Read when the database opens (db/client.ts), lazily, after this runs.
if (folder) process.env.PGLITE_DATA_DIR = path.join(folder, "pglite");

afterAll(async () => {
  await closeDb();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

const wrong = "not the password at all";

/** Signs in with a wrong password, expecting the plain refusal. */
async function fail(email: string, address = newAddress()) {
  const answer = await signIn(email, wrong, address);
  expect(answer.status, answer.text).toBe(401);
}

function expectLimited(answer: Awaited<ReturnType<typeof signIn>>) {
  expect(answer.status).toBe(429);
  expect(answer.json.error).toEqual({
    code: "too_many_attempts",
    message: expect.stringMatching(/^Too many failed sign-ins: try again in \d+ minutes?\.$/),
  });
  const wait = Number(answer.headers.get("retry-after"));
  expect(Number.isInteger(wait)).toBe(true);
  expect(wait).toBeGreaterThan(0);
  expect(wait).toBeLessThanOrEqual(15 * 60);
  expect(answer.headers.getSetCookie()).toEqual([]);
}

describe("failed sign-ins for one email", () => {
  it("answers the 6th attempt within 15 minutes 429, even with the right password, and leaves other emails alone", async () => {
    const limited = await person("Limited Email", "reviewer");
    const other = await person("Other Email", "reviewer");
    const address = newAddress();
    // From one address and from others alike: the email is what is counted here.
    for (let failure = 1; failure <= 5; failure++) await fail(limited.email, failure % 2 ? address : newAddress());
    expectLimited(await signIn(limited.email, testPassword, address));
    expectLimited(await signIn(limited.email.toUpperCase(), testPassword, newAddress()));
    expect((await signIn(other.email, testPassword, address)).status).toBe(200);
    // The session the person already has is not touched.
    expect((await call(meRoute.GET, {}, { cookie: limited.cookie })).status).toBe(200);
  });

  it("lets no more than 5 of 30 wrong sign-ins sent at once through to a password check", async () => {
    const target = await person("Tried At Once", "reviewer");
    const answers = await Promise.all(Array.from({ length: 30 }, () => signIn(target.email, wrong, newAddress())));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(25);
    expectLimited(await signIn(target.email, testPassword, newAddress()));
  });

  it("never counts successful sign-ins, nor forgets failures for one", async () => {
    const often = await person("Signs In Often", "editor");
    const address = newAddress();
    for (let failure = 1; failure <= 4; failure++) await fail(often.email, address);
    for (let success = 1; success <= 8; success++) {
      const answer = await signIn(often.email, testPassword, address);
      expect(answer.status).toBe(200);
      expect((await call(meRoute.GET, {}, { cookie: sessionCookie(answer.headers) })).json.user.id).toBe(often.id);
    }
    await fail(often.email, address);
    expectLimited(await signIn(often.email, testPassword, address));
  });

  it("counts a sign-in sent as a form like one sent as JSON", async () => {
    const formed = await person("Signs In By Form", "reviewer");
    const byForm = (password: string) =>
      call(
        authRoute.POST,
        { all: ["sign-in", "email"] },
        {
          path: "/api/auth/sign-in/email",
          reviewer: null,
          rawBody: new URLSearchParams({ email: formed.email, password }).toString(),
          contentType: "application/x-www-form-urlencoded",
          headers: { [clientAddressHeader]: newAddress() },
        },
      );
    expect((await byForm(testPassword)).status).toBe(200);
    for (let failure = 1; failure <= 3; failure++) expect((await byForm(wrong)).status).toBe(401);
    for (let failure = 4; failure <= 5; failure++) await fail(formed.email);
    expectLimited(await byForm(testPassword));
    expectLimited(await signIn(formed.email, testPassword));
  });

  it("counts an unknown email like a known one, and an email that is none not at all", async () => {
    const unknown = `nobody.${newAddress()}@test.example`;
    for (let failure = 1; failure <= 5; failure++) await fail(unknown);
    const limited = await signIn(unknown, wrong);
    expectLimited(limited);
    for (const email of ["a\u0000b@test.example", "not an email", ""]) {
      const answer = await signIn(email, wrong);
      expect(answer.status, JSON.stringify(email)).toBe(400);
      expect(answer.json.error).toEqual({ code: expect.any(String), message: expect.any(String) });
    }
  });
});

describe("failed sign-ins from one address", () => {
  it("answers the 20th attempt within 15 minutes 429, whichever email it names, and leaves other addresses alone", async () => {
    const someone = await person("Shared Address", "viewer");
    const address = newAddress();
    // 19 failures, each for another email, so that no email reaches its own limit.
    for (let failure = 1; failure <= 19; failure++) await fail(`guess.${failure}.${newAddress()}@test.example`, address);
    expectLimited(await signIn(someone.email, testPassword, address));
    expect((await signIn(someone.email, testPassword, newAddress())).status).toBe(200);
  });

  it("does not limit sign-ups and invitations", async () => {
    const address = newAddress();
    for (let failure = 1; failure <= 19; failure++) await fail(`guess.${failure}.${newAddress()}@test.example`, address);
    const signUp = await authPost("sign-up/email", { email: `late.${newAddress()}@test.example`, password: testPassword, name: "Late" }, address);
    // Refused as a sign-up (the first account exists), not as an attempt too many.
    expect(signUp.status).toBe(403);
    expect(signUp.json.error.code).toBe("forbidden");
    const email = `invited.${newAddress()}@test.example`;
    const added = await call(usersRoute.POST, {}, { body: { email, name: "Invited Late", role: "viewer" }, token: (await admin()).token });
    const token = new URL(added.json.invitationUrl).pathname.split("/").at(-1)!;
    const headers = { [clientAddressHeader]: address };
    expect((await call(invitationRoute.POST, { token }, { body: { password: testPassword }, reviewer: null, headers })).status).toBe(200);
  });
});

describe("two app instances on one database", () => {
  it("share the counts, and the secret that signs sessions", async () => {
    const shared = await person("Two Instances", "reviewer");
    const first = await getDb();
    for (let failure = 1; failure <= 5; failure++) await fail(shared.email);

    // A second instance: a new connection to the same database, with its own auth.
    await closeDb();
    expect(await getDb()).not.toBe(first);
    expectLimited(await signIn(shared.email, testPassword));
    const { status, json } = await call(meRoute.GET, {}, { cookie: shared.cookie });
    expect(status).toBe(200);
    expect(json.user.id).toBe(shared.id);
  });
});
