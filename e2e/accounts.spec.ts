/**
 * Accounts as people meet them, from a fresh database: the first account,
 * people invited through the People page, each in a browser of their own,
 * what each role may do in the editor, and signing in and out.
 *
 * The server is one of its own (`next start` of the suite's build) on a new
 * PGlite folder, in the PostgreSQL pass of CI too: a database with no
 * accounts is what is under test, and the suite's PostgreSQL has them.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, type BrowserContext, type Page, expect, test } from "@playwright/test";
import { addPerson, bearer, emailFor, testAdmin, testPassword } from "./accounts";
import { AnnotatorPage, articleSlug } from "./pages/annotator-page";
import { killStartedServers, ServerProcess } from "./server-process";

let root: string;
let server: ServerProcess;
const contexts: BrowserContext[] = [];

test.beforeAll(async () => {
  test.setTimeout(120_000);
  root = mkdtempSync(path.join(tmpdir(), "factcheck-accounts-"));
  server = await ServerProcess.start(path.join(root, "pglite"));
  await server.ready();
});
test.afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
});
test.afterAll(async () => {
  await killStartedServers();
  rmSync(root, { recursive: true, force: true });
});

/** A browser of one person's own: no cookie shared with anyone else's. */
async function newBrowser(browser: Browser, options: Parameters<Browser["newContext"]>[0] = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.origin, ...options });
  contexts.push(context);
  return context.newPage();
}

/** Adds a person on the People page, and copies their invitation link with its Copy button. */
async function invite(page: Page, person: { name: string; email: string; role: string }): Promise<string> {
  const form = page.getByRole("region", { name: "Add a person" });
  await form.getByLabel("Email").fill(person.email);
  await form.getByLabel("Name").fill(person.name);
  await form.getByLabel("Role").selectOption(person.role);
  await form.getByRole("button", { name: "Add person" }).click();
  const invitation = page.getByTestId("invitation");
  await expect(invitation).toContainText(`${person.name} is added.`);
  await invitation.getByRole("button", { name: "Copy the link" }).click();
  await expect(invitation.getByRole("status")).toHaveText("Copied.");
  const link = await page.evaluate(() => navigator.clipboard.readText());
  await expect(invitation.getByTestId("invitation-url")).toHaveText(link);
  expect(link).toMatch(new RegExp(`^${server.origin}/invitations/`));
  return link;
}

/** Opens an invitation link in a browser of its own and sets the password: signed in, on the article list. */
async function accept(browser: Browser, link: string, person: { name: string; email: string }): Promise<Page> {
  const page = await newBrowser(browser);
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Set your password" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(`For ${person.name} (${person.email})`);
  await page.getByLabel("Password").fill(testPassword);
  await page.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(page.getByRole("heading", { name: "Articles" })).toBeVisible();
  await expect(page.getByTestId("signed-in")).toContainText(person.name);
  return page;
}

async function signIn(page: Page, email: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(testPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("from a fresh database: the first account invites people, who sign in; the reviewer tags, the viewer cannot, the editor retags", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  // Every page leads to creating the first account, and it lands on the article list.
  const admin = await newBrowser(browser, { permissions: ["clipboard-read", "clipboard-write"] });
  await admin.goto(`/documents/${articleSlug}`);
  await expect(admin).toHaveURL(`${server.origin}/setup`);
  await admin.goto("/sign-in");
  await expect(admin).toHaveURL(`${server.origin}/setup`);
  await expect(admin.getByRole("heading", { name: "Create the first account" })).toBeVisible();
  await admin.getByLabel("Your name").fill(testAdmin.name);
  await admin.getByLabel("Email").fill(testAdmin.email);
  await admin.getByLabel("Password").fill(testPassword);
  await admin.getByRole("button", { name: "Create the account" }).click();
  await expect(admin.getByRole("heading", { name: "Articles" })).toBeVisible();
  await expect(admin).toHaveURL(`${server.origin}/`);
  await expect(admin.getByTestId("signed-in")).toHaveText(`${testAdmin.name} admin`);
  // Once it exists, setting up again leads to signing in.
  expect((await admin.request.get("/setup", { maxRedirects: 0 })).headers().location).toMatch(/\/sign-in$/);

  // The admin invites a reviewer, a viewer and an editor from the People page.
  await admin.getByRole("link", { name: "People" }).click();
  const reviewer = { name: "Rita Reviewer", email: emailFor("Rita Reviewer"), role: "reviewer" };
  const viewer = { name: "Vic Viewer", email: emailFor("Vic Viewer"), role: "viewer" };
  const editor = { name: "Maya Chen", email: emailFor("Maya Chen"), role: "editor" };
  const links = [await invite(admin, reviewer), await invite(admin, viewer), await invite(admin, editor)];
  const people = admin.getByTestId("person");
  await expect(people).toHaveCount(4);
  await expect(people.filter({ hasText: viewer.email })).toContainText("active");

  // Each accepts their link in a browser of their own; a link works once.
  const asReviewer = await accept(browser, links[0], reviewer);
  const asViewer = await accept(browser, links[1], viewer);
  const asEditor = await accept(browser, links[2], editor);
  await asReviewer.goto(links[0]);
  await expect(asReviewer.getByTestId("invitation-unusable")).toBeVisible();

  // The viewer signs out, and signs in again through the sign-in page.
  await asViewer.getByRole("navigation", { name: "Site" }).getByRole("button", { name: "Sign out" }).click();
  await expect(asViewer).toHaveURL(`${server.origin}/sign-in`);
  await asViewer.goto(`/documents/${articleSlug}`);
  await expect(asViewer).toHaveURL(`${server.origin}/sign-in?next=${encodeURIComponent(`/documents/${articleSlug}`)}`);
  await signIn(asViewer, viewer.email);
  await expect(asViewer).toHaveURL(`${server.origin}/documents/${articleSlug}`);

  // The reviewer tags a claim.
  const words = "Bloomberg should retract";
  await asReviewer.goto(`/documents/${articleSlug}`);
  const reviewing = new AnnotatorPage(asReviewer);
  await reviewing.selectWithMouse(words);
  await reviewing.tagFromToolbar("disputed");
  const id = await reviewing.openClaimId();
  await reviewing.expectSaved();

  // The viewer selecting words is told they cannot tag, and nothing is made.
  const viewing = new AnnotatorPage(asViewer);
  await asViewer.reload();
  await expect(viewing.highlight(id)).toBeVisible();
  await viewing.selectWithMouse("complicated and time-consuming review");
  await expect(viewing.toolbar).toContainText("Viewers cannot tag claims");
  await asViewer.keyboard.press("Alt+Shift+D");
  await expect(viewing.claimEditor).toBeHidden();

  // The editor retags the reviewer's claim.
  await asEditor.goto(`/documents/${articleSlug}`);
  const editing = new AnnotatorPage(asEditor);
  await editing.highlight(id).click();
  await expect(editing.claimEditor.getByTestId("claim-read-only")).toBeHidden();
  await editing.claimEditor.getByRole("radio", { name: "Denied" }).check();
  await editing.expectSaved();

  const listed = await server.fetch(`/api/documents/${articleSlug}/annotations`, { headers: bearer(await server.firstAccount()) });
  expect((await listed.json()).annotations).toEqual([
    expect.objectContaining({ id, quote: words, tag: "denied", createdBy: reviewer.name, updatedBy: editor.name }),
  ]);

  // The last admin cannot be demoted; a deactivated person's session stops at once, and comes back with reactivation.
  const adminRow = people.filter({ hasText: testAdmin.email });
  await adminRow.getByLabel(`Role of ${testAdmin.name}`).selectOption("editor");
  await expect(admin.getByRole("main").getByRole("alert")).toHaveText(`${testAdmin.name} is the last admin: make someone else an admin first.`);
  await admin.reload();
  await expect(adminRow.getByLabel(`Role of ${testAdmin.name}`)).toHaveValue("admin");
  const viewerRow = people.filter({ hasText: viewer.email });
  await viewerRow.getByRole("button", { name: `Deactivate ${viewer.name}` }).click();
  await expect(viewerRow).toContainText("deactivated");
  await asViewer.reload();
  await expect(asViewer).toHaveURL(`${server.origin}/sign-in?next=${encodeURIComponent(`/documents/${articleSlug}`)}`);
  await signIn(asViewer, viewer.email);
  await expect(asViewer.getByRole("main").getByRole("alert")).toContainText("deactivated");
  await viewerRow.getByRole("button", { name: `Reactivate ${viewer.name}` }).click();
  await expect(viewerRow).toContainText("active");
  await signIn(asViewer, viewer.email);
  await expect(asViewer).toHaveURL(`${server.origin}/documents/${articleSlug}`);

  // People is the admins' page only.
  await asReviewer.goto("/people");
  await expect(asReviewer.getByTestId("people-refused")).toHaveText("Only admins can manage people.");
  await expect(asReviewer.getByRole("navigation", { name: "Site" }).getByRole("link", { name: "People" })).toHaveCount(0);
});

test("a page opened signed out leads to sign-in and back; the session cookie is HttpOnly and SameSite=Lax, not Secure, over http", async ({
  browser,
}) => {
  await server.firstAccount();
  const page = await newBrowser(browser);
  const review = `/documents/${articleSlug}/review?tag=disputed`;
  await page.goto(review);
  await expect(page).toHaveURL(`${server.origin}/sign-in?next=${encodeURIComponent(review)}`);
  // No provider configured here: no single sign-on offered.
  await expect(page.getByRole("button", { name: "Single sign-on" })).toHaveCount(0);

  // A wrong password is told without saying whether the email exists; the 6th failure in a row for one email waits.
  const alert = page.getByRole("main").getByRole("alert");
  const attempt = async () => {
    const [answer] = await Promise.all([
      page.waitForResponse((response) => response.url().endsWith("/api/auth/sign-in/email")),
      page.getByRole("button", { name: "Sign in" }).click(),
    ]);
    return answer.status();
  };
  await page.getByLabel("Password").fill("not the password");
  for (const email of [testAdmin.email, "nobody@e2e.example"]) {
    await page.getByLabel("Email").fill(email);
    expect(await attempt()).toBe(401);
    await expect(alert).toHaveText("Invalid email or password");
  }
  for (let failure = 2; failure <= 5; failure++) expect(await attempt()).toBe(401);
  expect(await attempt()).toBe(429);
  await expect(alert).toHaveText("Too many failed sign-ins: try again in 15 minutes.");

  await signIn(page, testAdmin.email);
  await expect(page).toHaveURL(`${server.origin}${review}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  const [session] = (await page.context().cookies()).filter((cookie) => cookie.name.endsWith("session_token"));
  expect(session).toMatchObject({ name: "better-auth.session_token", httpOnly: true, sameSite: "Lax", secure: false });

  // A next that leaves the app is not followed.
  await page.goto(`/sign-in?next=${encodeURIComponent("//evil.example/")}`);
  await expect(page).toHaveURL(`${server.origin}/`);
});

test("the account page creates an API token shown once, which a script then uses, and revokes it", async ({ browser }) => {
  const admin = await server.firstAccount();
  const page = await newBrowser(browser, { permissions: ["clipboard-read", "clipboard-write"] });
  await page.goto("/sign-in");
  await signIn(page, testAdmin.email);
  await page.getByRole("navigation", { name: "Site" }).getByRole("link", { name: "Account" }).click();
  await expect(page.getByTestId("account-role")).toHaveText("admin");
  await page.getByLabel("Token name").fill("nightly export");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByTestId("token-secret").textContent();
  expect(token).toBeTruthy();
  const me = await server.fetch("/api/me", { headers: bearer({ token: token! }) });
  expect((await me.json()).user).toMatchObject({ email: testAdmin.email, role: "admin" });

  // Shown once: after a reload it is listed by name only.
  await page.reload();
  const listed = page.getByTestId("tokens").getByRole("listitem").filter({ hasText: "nightly export" });
  await expect(listed).toHaveCount(1);
  await expect(page.getByTestId("token-secret")).toHaveCount(0);
  await listed.getByRole("button", { name: "Revoke nightly export" }).click();
  await expect(listed).toHaveCount(0);
  expect((await server.fetch("/api/me", { headers: bearer({ token: token! }) })).status).toBe(401);
  expect((await server.fetch("/api/me", { headers: bearer(admin) })).status).toBe(200);
});

// The History section of the claim's panel comes with the claim-history work of issue #15 (wip/history: data-testid
// "claim-history", lib/history-words.ts's wording); the lead turns this into a test at merge.
test("the History section of a claim's panel shows the reviewer's tag and the editor's retag with their names", async ({ browser }) => {
  const admin = await server.firstAccount();
  const reviewer = await addPerson(server.origin, admin.token, "Rita Reviewer", "reviewer");
  const editor = await addPerson(server.origin, admin.token, "Maya Chen", "editor");
  const text: string = (await (await server.fetch(`/api/documents/${articleSlug}`, { headers: bearer(admin) })).json()).document.text;
  const start = text.indexOf("time-consuming review");
  const created = await server.fetch(`/api/documents/${articleSlug}/annotations`, {
    method: "POST",
    headers: { "content-type": "application/json", ...bearer(reviewer) },
    body: JSON.stringify({ start, end: start + "time-consuming review".length, tag: "disputed" }),
  });
  const { annotation } = await created.json();
  const retagged = await server.fetch(`/api/annotations/${annotation.id}`, {
    method: "PATCH",
    headers: { "content-type": "application/json", ...bearer(editor) },
    body: JSON.stringify({ version: annotation.version, tag: "denied" }),
  });
  expect(retagged.status).toBe(200);

  const page = await newBrowser(browser);
  await page.goto("/sign-in");
  await signIn(page, testAdmin.email);
  await expect(page).toHaveURL(`${server.origin}/`);
  await page.goto(`/documents/${articleSlug}?claim=${annotation.id}`);
  const history = new AnnotatorPage(page).claimEditor.getByTestId("claim-history");
  await expect(history).toContainText("Rita Reviewer tagged the claim disputed");
  await expect(history).toContainText("Maya Chen changed the tag from disputed to denied");
});

test("with an OpenID Connect provider configured, Single sign-on leads to its authorization page, with this app's callback", async ({ browser }) => {
  test.setTimeout(120_000);
  // A provider of its own on loopback: its discovery document and an authorization page (no live provider is needed).
  const provider = createServer((request, response) => {
    const origin = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
    if (request.url === "/.well-known/openid-configuration") {
      response.setHeader("content-type", "application/json");
      response.end(
        JSON.stringify({
          issuer: origin,
          authorization_endpoint: `${origin}/authorize`,
          token_endpoint: `${origin}/token`,
          userinfo_endpoint: `${origin}/userinfo`,
          jwks_uri: `${origin}/jwks`,
          response_types_supported: ["code"],
          subject_types_supported: ["public"],
          id_token_signing_alg_values_supported: ["RS256"],
        }),
      );
    } else response.end("<!doctype html><title>Newsroom sign-on</title><p>Sign in to the newsroom.</p>");
  });
  await new Promise<void>((resolve) => provider.listen(0, "127.0.0.1", resolve));
  const providerOrigin = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
  try {
    // PUBLIC_URL too, as a newsroom sets it: the provider knows the app by the callback address registered with it.
    const sso = await ServerProcess.start(path.join(root, "pglite-sso"), (origin) => ({
      PUBLIC_URL: origin,
      OIDC_DISCOVERY_URL: `${providerOrigin}/.well-known/openid-configuration`,
      OIDC_CLIENT_ID: "factcheck",
      OIDC_CLIENT_SECRET: "not a secret",
    }));
    await sso.ready();
    await sso.firstAccount();
    const page = await newBrowser(browser, { baseURL: sso.origin });
    await page.goto("/sign-in?next=%2Freview");
    await page.getByRole("button", { name: "Single sign-on" }).click();
    await expect(page).toHaveTitle("Newsroom sign-on");
    const authorize = new URL(page.url());
    expect(authorize.origin + authorize.pathname).toBe(`${providerOrigin}/authorize`);
    expect(authorize.searchParams.get("client_id")).toBe("factcheck");
    expect(authorize.searchParams.get("redirect_uri")).toBe(`${sso.origin}/api/auth/callback/oidc`);
  } finally {
    await new Promise((resolve) => provider.close(resolve));
  }
});
