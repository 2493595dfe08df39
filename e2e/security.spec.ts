import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { APIResponse } from "@playwright/test";
import { expect, reviewer, test } from "./fixtures";
import { articleSlug, scriptHeaders } from "./pages/annotator-page";
import { loadPeople } from "./people";

/**
 * Browser hardening as a browser and a script meet it: the security headers
 * on every kind of answer, pages that still run under the policy, no framing,
 * and no change made by a request another site forged.
 */

function expectSecurityHeaders(response: APIResponse, what: string) {
  const headers = response.headers();
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBe("same-origin");
  const policy = headers["content-security-policy"];
  expect(policy, what).toBeDefined();
  expect(directive(policy, "frame-ancestors"), what).toEqual(["'none'"]);
  const scripts = directive(policy, "script-src");
  expect(
    scripts.some((source) => /^'nonce-[A-Za-z0-9+/=]{16,}'$/.test(source)),
    what,
  ).toBe(true);
  expect(scripts, what).not.toContain("'unsafe-inline'");
  expect(scripts, what).not.toContain("'unsafe-eval'");
}

function directive(policy: string, name: string): string[] {
  const found = policy
    .split(";")
    .map((d) => d.trim().split(/\s+/))
    .find(([n]) => n === name);
  return found ? found.slice(1) : [];
}

/**
 * Serves one page of another origin from a loopback server of its own (a
 * free port): the same site as the app (the same host), so the browser
 * sends the app's Lax cookie with what it posts. A page the test answered
 * with `page.route` instead would not do: Chrome then counts it as a public
 * address and refuses its frames to loopback whatever the app says.
 */
async function foreignPage(html: string) {
  const server = createServer((_request, response) => {
    response.setHeader("content-type", "text/html; charset=utf-8");
    response.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

test("every kind of answer carries the security headers, with a fresh script nonce", async ({ request, api }) => {
  const claim = await api.create({ words: "Reporters got played", tag: "denied", reviewer });
  // As the signed-in editor's browser asks: with the session cookie.
  const signedIn = { headers: { cookie: loadPeople().editor.cookie } };
  const get = (url: string) => request.get(url, signedIn);
  const answers: [string, APIResponse][] = [
    ["home page", await get("/")],
    ["editor", await get(`/documents/${articleSlug}`)],
    ["article review page", await get(`/documents/${articleSlug}/review`)],
    ["review page", await get("/review")],
    ["new article page", await get("/documents/new")],
    ["API JSON", await get("/api/documents")],
    ["API claim", await get(`/api/annotations/${claim.id}`)],
    ["API error", await get("/api/documents/no-such-article")],
    ["API refusal", await request.post(`/api/annotations/${claim.id}/restore`, { headers: { ...signedIn.headers, origin: "https://evil.example" } })],
    ["export", await get(`/api/documents/${articleSlug}/export?format=csv`)],
    ["404 page", await get("/no-such-page")],
    ["icon", await request.get("/icon.svg")],
    ["sign-in page", await request.get("/sign-in")],
  ];
  const statuses = Object.fromEntries(answers.map(([what, response]) => [what, response.status()]));
  expect(statuses).toEqual({
    "home page": 200,
    editor: 200,
    "article review page": 200,
    "review page": 200,
    "new article page": 200,
    "API JSON": 200,
    "API claim": 200,
    "API error": 404,
    "API refusal": 403,
    export: 200,
    "404 page": 404,
    icon: 200,
    "sign-in page": 200,
  });
  for (const [what, response] of answers) expectSecurityHeaders(response, what);

  // Next's own static files, where the page's scripts come from.
  const html = await answers[0][1].text();
  const script = html.match(/<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/)?.[1];
  expect(script).toBeDefined();
  const asset = await request.get(script!);
  expect(asset.status()).toBe(200);
  expectSecurityHeaders(asset, "static script");

  // Each answer has its own nonce, and every script of a page carries the nonce of its answer.
  const nonces = answers.map(([, response]) =>
    directive(response.headers()["content-security-policy"], "script-src").find((s) => s.startsWith("'nonce-")),
  );
  expect(new Set(nonces).size).toBe(answers.length);
  for (const [what, response] of answers.filter(([what]) => /page|editor/.test(what))) {
    const page = await response.text();
    const nonce = directive(response.headers()["content-security-policy"], "script-src")
      .find((s) => s.startsWith("'nonce-"))!
      .slice("'nonce-".length, -1);
    const tags = page.match(/<script\b[^>]*>/g) ?? [];
    expect(tags.length, what).toBeGreaterThan(0);
    for (const tag of tags) expect(tag, what).toContain(`nonce="${nonce}"`);
  }
});

test("the editor runs under the policy: it opens, tags and saves with no violation reported", async ({ annotator, page, api }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  page.on("pageerror", (error) => violations.push(`page error: ${error.message}`));
  await annotator.goto();
  const words = "Reporters got played";
  await annotator.selectWithKeyboard(words);
  await page.keyboard.press("Alt+Shift+N");
  const id = await annotator.openClaimId();
  await annotator.claimEditor.getByLabel("Note").fill("Checked under the policy");
  await annotator.expectSaved();
  expect((await annotator.highlights())[id]).toBe(words);
  expect(await api.list()).toMatchObject([{ id, tag: "denied", note: "Checked under the policy" }]);

  // The other pages too: the list of articles and the review page.
  await page.getByRole("link", { name: "Review all claims" }).click();
  await expect(page.getByText(words).first()).toBeVisible();
  await page.goto("/documents/new");
  await page
    .getByLabel("Upload a file (.txt, .md, .html)")
    .setInputFiles({ name: "a.txt", mimeType: "text/plain", buffer: Buffer.from("Headline\n\nA paragraph.") });
  await expect(page.getByLabel("Article text")).toHaveValue("Headline\n\nA paragraph.");
  expect(violations).toEqual([]);
});

test("another site cannot frame the app", async ({ page, baseURL }) => {
  const editorUrl = `${baseURL}/documents/${articleSlug}`;
  const attacker = await foreignPage(
    `<!doctype html><iframe onload="document.title = 'framed'" src="${editorUrl}" width="800" height="600"></iframe>`,
  );
  try {
    await page.goto(`${attacker.origin}/attack`);
    // Once the frame has loaded, it holds the browser's error page, not the editor.
    await expect(page).toHaveTitle("framed");
    const frame = page.frames().find((f) => f !== page.mainFrame());
    expect(frame?.url()).not.toContain(baseURL!);
    await expect(page.frameLocator("iframe").getByTestId("article-text")).toHaveCount(0);
  } finally {
    await attacker.close();
  }
});

test("a form on another site cannot restore a deleted claim with the session cookie; the app's own request can", async ({
  page,
  api,
  request,
  baseURL,
}) => {
  const claim = await api.create({ words: "Reporters got played", tag: "denied", reviewer });
  const deleted = await request.delete(`/api/annotations/${claim.id}`, { headers: await scriptHeaders(baseURL!, reviewer) });
  expect(deleted.status()).toBe(204);
  const restoreUrl = `${baseURL}/api/annotations/${claim.id}/restore`;

  // The attacker's page sits on another port of the app's host: the same site, so the browser sends the Lax
  // session cookie (the page's browser is signed in as the editor).
  const attacker = await foreignPage(`<!doctype html><form method="POST" action="${restoreUrl}"><button>Win a prize</button></form>`);
  try {
    await page.goto(`${attacker.origin}/attack`);
    const [answer] = await Promise.all([page.waitForResponse(restoreUrl), page.getByRole("button", { name: "Win a prize" }).click()]);
    expect((await answer.request().allHeaders()).cookie).toContain("session_token=");
    expect(answer.status()).toBe(403);
    expect(await answer.json()).toMatchObject({ error: { code: "cross_origin", message: expect.stringContaining(attacker.origin) } });
    expect(await api.list()).toEqual([]);
  } finally {
    await attacker.close();
  }

  // The same request by a script naming another site, or naming none, is refused too.
  const cookie = loadPeople().editor.cookie;
  const forged = await request.post(restoreUrl, { headers: { cookie, origin: "https://evil.example" } });
  expect(forged.status()).toBe(403);
  expect((await forged.json()).error.code).toBe("cross_origin");
  const unnamed = await request.post(restoreUrl, { headers: { cookie } });
  expect(unnamed.status()).toBe(403);
  expect(await api.list()).toEqual([]);

  // From the app's own origin it works.
  const restored = await request.post(restoreUrl, { headers: { cookie, origin: new URL(baseURL!).origin } });
  expect(restored.status()).toBe(200);
  expect(await api.list()).toMatchObject([{ id: claim.id, tag: "denied" }]);
});
