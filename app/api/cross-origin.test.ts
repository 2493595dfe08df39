/**
 * Cross-site request forgery at the API, as a request meets it: through
 * proxy.ts (which Next runs before every route), then the route. A request
 * that changes something and is authenticated by the session cookie must
 * come from the app's own origin, else it is refused `403 cross_origin` and
 * changes nothing; a Bearer request is exempt, since no other site can make
 * a browser send one. lib/cross-origin.test.ts checks the header rule alone.
 */
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { proxy } from "@/proxy";
import { person, type TestPerson } from "@/test/accounts";
import { createTestDocument } from "@/test/api-client";
import * as authRoute from "./auth/[...all]/route";
import * as claimsRoute from "./documents/[slug]/annotations/route";
import * as meRoute from "./me/route";
import * as tokenRoute from "./tokens/[id]/route";
import * as tokensRoute from "./tokens/route";

type Handler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;

const app = "http://localhost";
const foreign = "https://evil.example";
let slug: string;
let editor: TestPerson;

beforeAll(async () => {
  slug = (await createTestDocument([{ type: "paragraph", text: "The spy chips were never found." }])).slug;
  editor = await person("Forgery Target", "editor");
});
afterAll(closeDb);

/** Sends a request the way `next start` does: proxy.ts first, then, if it lets the request through, the route. */
async function send(handler: Handler, params: unknown, path: string, init: { method: string; headers: Record<string, string>; body?: unknown }) {
  const body = init.body === undefined ? undefined : JSON.stringify(init.body);
  const headers = { ...init.headers, ...(body === undefined ? {} : { "content-type": "application/json" }) };
  const url = `${app}${path}`;
  const proxied = proxy(new NextRequest(url, { method: init.method, headers, body }));
  const response =
    proxied.headers.get("x-middleware-next") === "1"
      ? await handler(new Request(url, { method: init.method, headers, body }), { params: Promise.resolve(params as never) })
      : proxied;
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

const createClaim = (headers: Record<string, string>) =>
  send(claimsRoute.POST as Handler, { slug }, `/api/documents/${slug}/annotations`, {
    method: "POST",
    headers,
    // The same words each time: allowed, as this is about origins (else 409 same_words).
    body: { start: 4, end: 13, tag: "disputed", sameWords: "allow" },
  });
const claimCount = async () =>
  (
    await send(claimsRoute.GET as Handler, { slug }, `/api/documents/${slug}/annotations`, {
      method: "GET",
      headers: { authorization: `Bearer ${editor.token}` },
    })
  ).json.annotations.length;

describe("a request authenticated by the session cookie", () => {
  it("is refused 403 cross_origin when it changes something from another origin, and changes nothing", async () => {
    const before = await claimCount();
    const sources: Record<string, string>[] = [{ origin: foreign }, { origin: "null" }, { referer: `${foreign}/page` }, {}];
    for (const from of sources) {
      const answer = await createClaim({ cookie: editor.cookie, ...from });
      expect(answer.status, JSON.stringify(from)).toBe(403);
      expect(answer.json.error).toEqual({ code: "cross_origin", message: expect.any(String) });
    }
    expect(await claimCount()).toBe(before);
  });

  it("goes through from the app's own origin", async () => {
    const before = await claimCount();
    expect((await createClaim({ cookie: editor.cookie, origin: app })).status).toBe(201);
    expect((await createClaim({ cookie: editor.cookie, referer: `${app}/documents/${slug}` })).status).toBe(201);
    expect(await claimCount()).toBe(before + 2);
  });

  it("cannot revoke a token or sign out from another origin", async () => {
    const created = await send(tokensRoute.POST as Handler, {}, "/api/tokens", {
      method: "POST",
      headers: { cookie: editor.cookie, origin: app },
      body: { name: "kept" },
    });
    expect(created.status).toBe(201);
    const revoke = await send(tokenRoute.DELETE as Handler, { id: created.json.id }, `/api/tokens/${created.json.id}`, {
      method: "DELETE",
      headers: { cookie: editor.cookie, origin: foreign },
    });
    expect(revoke.status).toBe(403);
    const signOut = await send(authRoute.POST as Handler, { all: ["sign-out"] }, "/api/auth/sign-out", {
      method: "POST",
      headers: { cookie: editor.cookie, origin: foreign },
      body: {},
    });
    expect(signOut.status).toBe(403);
    const me = (headers: Record<string, string>) => send(meRoute.GET as Handler, {}, "/api/me", { method: "GET", headers });
    expect((await me({ authorization: `Bearer ${created.json.token}` })).status).toBe(200);
    expect((await me({ cookie: editor.cookie })).status).toBe(200);
  });

  it("may read from another origin: reads change nothing", async () => {
    expect((await send(meRoute.GET as Handler, {}, "/api/me", { method: "GET", headers: { cookie: editor.cookie, origin: foreign } })).status).toBe(
      200,
    );
  });
});

describe("a request with a Bearer token", () => {
  it("is exempt, whatever its origin, a cookie beside it included", async () => {
    const before = await claimCount();
    expect((await createClaim({ authorization: `Bearer ${editor.token}`, origin: foreign })).status).toBe(201);
    expect((await createClaim({ authorization: `Bearer ${editor.token}`, cookie: editor.cookie, origin: foreign })).status).toBe(201);
    expect(await claimCount()).toBe(before + 2);
  });
});
