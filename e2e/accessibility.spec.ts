/**
 * Every page of the app, as the role that uses it, checked by axe-core
 * against WCAG 2 A and AA: no violation of serious or critical impact (#19).
 * Lesser ones (moderate, minor) are left to review by eye. `/setup` is not
 * among them: it is only reachable on an empty database, and the suite's
 * people exist before any journey.
 */
import AxeBuilder from "@axe-core/playwright";
import { type Browser, type Page, expect, test } from "@playwright/test";
import { bearer, invite, type Role } from "./accounts";
import { loadPeople, storageStateOf } from "./people";

const blocking = new Set(["serious", "critical"]);

/** The serious and critical violations on the page, one readable block each (rule, help, the elements and why). */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  return results.violations
    .filter((violation) => blocking.has(violation.impact ?? ""))
    .map((violation) =>
      [
        `${violation.impact} ${violation.id}: ${violation.help} (${violation.helpUrl})`,
        ...violation.nodes.map((node) => `  ${node.target.join(" ")}\n    ${node.failureSummary?.replaceAll("\n", "\n    ")}`),
      ].join("\n"),
    );
}

/** A phone's screen (#19 names 390 × 844), where the pages lay out in one column. */
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** Opens `path` in a browser signed in as `role` (signed out when null), on a desktop's screen or `device`, waits for `ready`, and checks it. */
async function check(
  browser: Browser,
  baseURL: string,
  role: Role | null,
  path: string,
  ready: (page: Page) => Promise<void>,
  device: Partial<typeof phone> = {},
) {
  const context = await browser.newContext({ baseURL, ...device, ...(role ? { storageState: storageStateOf(role) } : {}) });
  try {
    const page = await context.newPage();
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await ready(page);
    expect((await seriousViolations(page)).join("\n\n"), `axe on ${path} as ${role ?? "signed out"}`).toBe("");
  } finally {
    await context.close();
  }
}

// An article of its own, with two revisions and a claim in review, so every page has something to show.
let slug = "";
let claimId = "";
let personId = "";
let invitationPath = "";

test.beforeAll(async ({ request, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const people = loadPeople();
  const editor = bearer(people.editor, origin);
  const text = "Accessible article\n\nThe minister said the bridge cost four million.\n\nCritics said it cost twice that.";
  const created = await request.post("/api/documents", {
    data: { title: `Accessibility check ${Date.now()}`, outlet: "Example News", text },
    headers: editor,
  });
  expect(created.status(), await created.text()).toBe(201);
  slug = (await created.json()).document.slug;
  const revised = await request.post(`/api/documents/${slug}/revisions`, {
    data: { text: text.replace("twice that", "three times that") },
    headers: editor,
  });
  expect(revised.status(), await revised.text()).toBe(201);
  const latest = (await (await request.get(`/api/documents/${slug}`, { headers: editor })).json()).document.text as string;
  const words = "the bridge cost four million";
  const start = [...latest.slice(0, latest.indexOf(words))].length;
  const claim = await request.post(`/api/documents/${slug}/annotations`, {
    data: { start, end: start + words.length, tag: "disputed", note: "The budget says six million.", claimant: "The minister" },
    headers: editor,
  });
  expect(claim.status(), await claim.text()).toBe(201);
  const annotation = (await claim.json()).annotation;
  // A claim of each other tag, so the pages show every tag's colours; overlapping, so glyphs sit on other claims' highlights.
  for (const [tag, other] of [
    ["denied", "The minister said the bridge"],
    ["disputed", "Critics said it cost"],
    ["unverified", "cost three times that"],
  ]) {
    const at = [...latest.slice(0, latest.indexOf(other))].length;
    const tagged = await request.post(`/api/documents/${slug}/annotations`, { data: { start: at, end: at + other.length, tag }, headers: editor });
    expect(tagged.status(), await tagged.text()).toBe(201);
  }
  claimId = annotation.id;
  const submitted = await request.post(`/api/annotations/${claimId}/review`, {
    data: { version: annotation.version, action: "submit" },
    headers: editor,
  });
  expect(submitted.status(), await submitted.text()).toBe(200);
  const comment = await request.post(`/api/annotations/${claimId}/comments`, { data: { body: "Which budget?" }, headers: editor });
  expect(comment.status(), await comment.text()).toBe(201);
  // A deleted claim, for the article's page of deleted claims.
  const gone = await request.post(`/api/documents/${slug}/annotations`, { data: { start: 0, end: 10, tag: "unverified" }, headers: editor });
  expect(gone.status(), await gone.text()).toBe(201);
  expect((await request.delete(`/api/annotations/${(await gone.json()).annotation.id}`, { headers: editor })).status()).toBe(204);
  invitationPath = new URL((await invite(origin, people.admin.token, { name: "Ines Invited", role: "viewer" })).invitationUrl).pathname;
  const listed = (await (await request.get("/api/people", { headers: editor })).json()).people as { id: string; name: string }[];
  personId = listed.find((person) => person.name === people.reviewer.name)!.id;
});

const visible = (testId: string) => async (page: Page) => {
  await expect(page.getByTestId(testId).first()).toBeVisible();
};
const heading = async (page: Page) => {
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
};

const pages: { name: string; role: Role | null; path: () => string; ready: (page: Page) => Promise<void> }[] = [
  { name: "home", role: "editor", path: () => "/", ready: heading },
  {
    name: "an article's editor with a claim open",
    role: "editor",
    path: () => `/documents/${slug}?claim=${claimId}`,
    ready: visible("claim-editor"),
  },
  {
    name: "an article as a viewer reads it, a claim open",
    role: "viewer",
    path: () => `/documents/${slug}?claim=${claimId}`,
    ready: visible("claim-panel"),
  },
  { name: "an article's deleted claims", role: "editor", path: () => `/documents/${slug}/deleted`, ready: heading },
  { name: "the article's review page", role: "editor", path: () => `/documents/${slug}/review`, ready: heading },
  { name: "review of all articles", role: "editor", path: () => "/review", ready: heading },
  { name: "the article's review page as a reviewer", role: "reviewer", path: () => `/documents/${slug}/review`, ready: heading },
  { name: "revisions list", role: "editor", path: () => `/documents/${slug}/revisions`, ready: heading },
  { name: "revision 1 as it read", role: "editor", path: () => `/documents/${slug}/revisions/1`, ready: visible("article-text") },
  { name: "compare view", role: "editor", path: () => `/documents/${slug}/revisions/compare?from=1&to=2`, ready: heading },
  { name: "add an article", role: "editor", path: () => "/documents/new", ready: heading },
  { name: "new revision", role: "editor", path: () => `/documents/${slug}/revisions/new`, ready: heading },
  { name: "people", role: "admin", path: () => "/people", ready: heading },
  { name: "a person's page", role: "admin", path: () => `/people/${personId}`, ready: visible("person-role") },
  { name: "account", role: "viewer", path: () => "/account", ready: visible("account-role") },
  { name: "review queue", role: "reviewer", path: () => "/queue", ready: heading },
  { name: "settings", role: "admin", path: () => "/settings", ready: heading },
  { name: "sign-in (signed out)", role: null, path: () => "/sign-in", ready: heading },
  { name: "an invitation (signed out)", role: null, path: () => invitationPath, ready: heading },
];

for (const { name, role, path, ready } of pages) {
  test(`axe finds no serious or critical violation on ${name}`, async ({ browser, baseURL }) => {
    await check(browser, baseURL!, role, path(), ready);
  });
}

// The pages a fact-checker opens every day, again on a phone.
for (const { name, role, path, ready } of pages.filter((page) =>
  ["home", "an article's editor with a claim open", "the article's review page"].includes(page.name),
)) {
  test(`axe finds no serious or critical violation on ${name}, on a phone`, async ({ browser, baseURL }) => {
    await check(browser, baseURL!, role, path(), ready, phone);
  });
}

test("axe finds no serious or critical violation on the editor's tag toolbar", async ({ browser, baseURL }) => {
  await check(browser, baseURL!, "editor", `/documents/${slug}`, async (page) => {
    await page.getByTestId("article-text").getByText("Accessible article").click();
    await page.keyboard.press("Home");
    await page.keyboard.press("Shift+End");
    await expect(page.getByTestId("selection-toolbar")).toBeVisible();
  });
});

test("axe finds no serious or critical violation on a comment's list of people to mention", async ({ browser, baseURL }) => {
  await check(browser, baseURL!, "editor", `/documents/${slug}?claim=${claimId}`, async (page) => {
    await page.getByPlaceholder("Write a comment; @ mentions someone").fill("Asked @Ra");
    await expect(page.getByRole("listbox", { name: "People to mention" })).toBeVisible();
  });
});

test("axe finds no serious or critical violation on the question before restoring deleted claims", async ({ browser, baseURL }) => {
  await check(browser, baseURL!, "editor", `/documents/${slug}/deleted`, async (page) => {
    await page.getByRole("button", { name: "Restore…" }).click();
    await expect(page.getByRole("alertdialog")).toBeVisible();
  });
});

test("axe finds no serious or critical violation on a refused sign-in", async ({ browser, baseURL }) => {
  await check(browser, baseURL!, null, "/sign-in", async (page) => {
    await page.getByLabel("Email").fill("nobody@e2e.example");
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toBeVisible();
  });
});

// axe cannot read text drawn by CSS, so the claims' glyphs (a `::before`) are measured here, overlapping claims' too,
// against what is painted under them: WCAG AA asks 4.5:1 of text this small.
test("each claim's glyph has a contrast of at least 4.5:1 with what is under it", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, storageState: storageStateOf("editor") });
  try {
    const page = await context.newPage();
    await page.goto(`/documents/${slug}`);
    await expect(page.locator("[data-glyph]")).toHaveCount(4);
    const ratios = await page.locator("[data-glyph]").evaluateAll((labels) => {
      const rgba = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number).concat(1).slice(0, 4) as [number, number, number, number];
      const luminance = ([r, g, b]: number[]) => {
        const [R, G, B] = [r, g, b].map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
        return 0.2126 * R + 0.7152 * G + 0.0722 * B;
      };
      return labels.map((label) => {
        // The backgrounds under the glyph, painted from the page down to it.
        const layers: HTMLElement[] = [];
        for (let element: HTMLElement | null = label as HTMLElement; element; element = element.parentElement) layers.unshift(element);
        const under = layers.reduce(
          (below, element) => {
            const [r, g, b, a] = rgba(getComputedStyle(element).backgroundColor);
            return [r * a + below[0] * (1 - a), g * a + below[1] * (1 - a), b * a + below[2] * (1 - a)];
          },
          [255, 255, 255],
        );
        const [light, dark] = [luminance(rgba(getComputedStyle(label, "::before").color)), luminance(under)].sort((x, y) => y - x);
        return `${label.className}: ${((light + 0.05) / (dark + 0.05)).toFixed(2)}`;
      });
    });
    for (const ratio of ratios) expect(Number(ratio.split(": ")[1]), ratio).toBeGreaterThanOrEqual(4.5);
  } finally {
    await context.close();
  }
});
