/**
 * A reviewer tags while the database is away. The app is the build
 * Playwright's web server made, started once more on a free port and pointed
 * at PostgreSQL through a proxy the test cuts (every connection dropped, new
 * ones refused) and restores.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { type APIRequestContext, type Browser, type Page, expect, request as playwrightRequest, test } from "@playwright/test";
import { type DbProxy, startDbProxy } from "../test/db-proxy";
import { bearer } from "./accounts";
import { AnnotatorPage } from "./pages/annotator-page";
import { loadPeople, storageStateOf } from "./people";
import { freePort } from "./server-process";

const databaseUrl = process.env.DATABASE_URL;
const text = "Officials said the new bridge cost twelve million pounds. Critics said the real figure was nearer thirty million.";

test.skip(!databaseUrl, "Needs PostgreSQL (DATABASE_URL): PGlite runs inside the app's process and cannot become unreachable.");

let proxy: DbProxy;
let server: ChildProcess;
let baseURL: string;
let api: APIRequestContext;

test.beforeAll(async () => {
  if (!databaseUrl) return;
  test.setTimeout(120_000);
  proxy = await startDbProxy(databaseUrl!);
  const port = await freePort();
  baseURL = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: proxy.url },
    stdio: ["ignore", "ignore", "inherit"],
  });
  // The suite's editor: this server shares the suite's database, its people included.
  api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { ...bearer(loadPeople().editor), origin: baseURL } });
  await expect.poll(async () => (await api.get("/api/documents").catch(() => null))?.status(), { timeout: 90_000 }).toBe(200);
});

test.afterAll(async () => {
  await api?.dispose();
  if (server?.exitCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  await proxy?.close();
});

async function openEditor(browser: Browser, slug: string): Promise<{ page: Page; annotator: AnnotatorPage }> {
  // Signed in as the suite's editor (cookies are per host, not per port: the session works here too).
  const context = await browser.newContext({ baseURL, storageState: storageStateOf("editor") });
  const page = await context.newPage();
  await page.goto(`/documents/${slug}`);
  const annotator = new AnnotatorPage(page);
  await expect(annotator.text).toBeVisible();
  return { page, annotator };
}

test("claims tagged while the database is down are kept, survive a reload, and are saved exactly once when it is back", async ({ browser }) => {
  test.setTimeout(90_000);
  const created = await api.post("/api/documents", { data: { id: randomUUID(), title: `Bridge costs ${randomUUID()}`, text } });
  expect(created.status()).toBe(201);
  const { slug } = (await created.json()).document;
  const { page, annotator } = await openEditor(browser, slug);

  const unavailable: number[] = [];
  page.on("response", (response) => {
    if (response.url().includes("/annotations") && response.request().method() === "POST") unavailable.push(response.status());
  });
  proxy.cut();
  await annotator.selectWithMouse("twelve million pounds");
  await annotator.tagFromToolbar("disputed");
  const first = await annotator.openClaimId();
  await annotator.selectWithMouse("nearer thirty million");
  await annotator.tagFromToolbar("denied");
  const second = await annotator.openClaimId();
  expect(second).not.toBe(first);

  // The server answered (503), and the editor treats that as "later", not as a refusal.
  await expect.poll(() => unavailable.includes(503)).toBe(true);
  await expect(annotator.saveStatus).toHaveAttribute("data-state", "offline");
  await expect(annotator.saveStatus).toContainText("unsaved change");
  expect(await api.get(`/api/documents/${slug}/annotations`).then((response) => response.status())).toBe(503);

  // A page that needs the database says so plainly instead of failing.
  await page.reload();
  await expect(page.getByTestId("database-unavailable")).toContainText("The database cannot be reached; your changes are kept and will be saved.");

  proxy.restore();
  // The notice reloads itself; the editor puts the kept claims back and saves them.
  await expect(annotator.text).toBeVisible({ timeout: 20_000 });
  await expect(annotator.saveStatus).toHaveAttribute("data-state", "saved", { timeout: 30_000 });
  expect(await annotator.highlights()).toEqual({ [first]: "twelve million pounds", [second]: "nearer thirty million" });

  const listed = await api.get(`/api/documents/${slug}/annotations`);
  expect(listed.status()).toBe(200);
  const claims = (await listed.json()).annotations as { id: string; quote: string; tag: string }[];
  expect(claims.map(({ id, quote, tag }) => ({ id, quote, tag })).sort((a, b) => a.quote.localeCompare(b.quote))).toEqual([
    { id: second, quote: "nearer thirty million", tag: "denied" },
    { id: first, quote: "twelve million pounds", tag: "disputed" },
  ]);
});
