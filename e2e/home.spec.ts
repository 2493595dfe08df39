/**
 * The home page (#18): searching, sorting and paging the articles, archiving
 * one, an admin's deletion confirmed with the number of claims it takes, and
 * the add form's warning of a duplicate. Each test's articles carry a
 * made-up word, searched for, so that the suite's other articles stay out.
 */
import { randomUUID } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";
import { scriptHeaders } from "./pages/annotator-page";
import { suitePeople } from "./people";

const word = () =>
  `zq${randomUUID()
    .replace(/[^a-f]/g, "")
    .slice(0, 10)}`;

async function addArticle(request: APIRequestContext, baseURL: string, body: Record<string, unknown>, claims = 0) {
  const headers = await scriptHeaders(baseURL);
  const created = await request.post("/api/documents", { data: { text: `First paragraph.\n\nSecond ${word()} paragraph.`, ...body }, headers });
  expect(created.status()).toBe(201);
  const { slug } = (await created.json()).document as { slug: string };
  for (let i = 0; i < claims; i++) {
    const response = await request.post(`/api/documents/${slug}/annotations`, { data: { start: i, end: i + 1, tag: "denied" }, headers });
    expect(response.status()).toBe(201);
  }
  return slug;
}

test("searches, sorts, pages and archives articles, all in the address", async ({ page, request, baseURL }) => {
  const marker = word();
  const textWord = word();
  const oldest = await addArticle(request, baseURL!, { title: `Harbour ${marker} one` }, 2);
  const middle = await addArticle(request, baseURL!, { title: `Harbour ${marker} two`, text: `Headline\n\nThe port lost ${textWord} tonnes.` });
  const newest = await addArticle(request, baseURL!, { title: `Harbour ${marker} three` });
  const rows = page.getByTestId("article-row");

  await page.goto(`/?q=${marker}&limit=2`);
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toHaveAttribute("data-slug", newest);
  await expect(rows.nth(1)).toHaveAttribute("data-slug", middle);
  await page.locator('a[rel="next"]').click();
  await expect(rows).toHaveCount(1);
  await expect(rows.nth(0)).toHaveAttribute("data-slug", oldest);
  await expect(rows.nth(0).getByTestId("claim-counts")).toContainText("2 denied");
  await expect(page.locator('a[rel="next"]')).toHaveCount(0);

  // The sort applies as it is chosen, from the first page.
  await page.getByLabel("Sort").selectOption("claims");
  await expect(page).toHaveURL(/sort=claims/);
  await expect(page).not.toHaveURL(/after=/);
  await expect(rows.nth(0)).toHaveAttribute("data-slug", oldest);

  // A word of one article's text.
  await page.getByRole("searchbox", { name: "Search" }).fill(textWord);
  await page.getByRole("searchbox", { name: "Search" }).press("Enter");
  await expect(page).toHaveURL(new RegExp(`q=${textWord}`));
  await expect(rows).toHaveCount(1);
  await expect(rows.nth(0)).toHaveAttribute("data-slug", middle);

  // Archived: gone from the list, shown under "archived", and back when unarchived.
  await page.goto(`/?q=${marker}`);
  await expect(rows).toHaveCount(3);
  await rows
    .filter({ has: page.locator(`[href="/documents/${middle}"]`) })
    .getByRole("button", { name: /^Archive/ })
    .click();
  await expect(rows).toHaveCount(2);
  await page.getByRole("checkbox", { name: "archived" }).check();
  await expect(page).toHaveURL(/archived=1/);
  await expect(rows).toHaveCount(1);
  await expect(rows.nth(0)).toContainText(`archived by ${suitePeople.editor}`);
  await rows
    .nth(0)
    .getByRole("button", { name: /^Unarchive/ })
    .click();
  await expect(rows).toHaveCount(0);
  await page.getByRole("checkbox", { name: "archived" }).uncheck();
  await expect(rows).toHaveCount(3);
});

test("an archived article says so on its own page, and an editor unarchives it there", async ({ page, request, baseURL }) => {
  const marker = word();
  const slug = await addArticle(request, baseURL!, { title: `Archived ${marker}` });
  const archived = await request.post(`/api/documents/${slug}/archive`, { headers: await scriptHeaders(baseURL!) });
  expect(archived.ok()).toBe(true);

  await page.goto(`/documents/${slug}`);
  const notice = page.getByTestId("archived-notice");
  await expect(notice).toContainText(`Archived by ${suitePeople.editor}`);
  await expect(notice).toContainText("left out of the article list");
  await notice.getByRole("button", { name: /^Unarchive/ }).click();
  await expect(notice).toHaveCount(0);
  // The article is back in the list.
  await page.goto(`/?q=${marker}`);
  await expect(page.getByTestId("article-row").filter({ has: page.locator(`[href="/documents/${slug}"]`) })).toHaveCount(1);
});

test.describe("as an admin", () => {
  test.use({ role: "admin" });

  test("deletes an article after a confirmation that names how many claims go with it", async ({ page, request, baseURL }) => {
    const marker = word();
    const title = `Ferry ${marker}`;
    const slug = await addArticle(request, baseURL!, { title }, 3);
    await page.goto(`/?q=${marker}`);
    const row = page.getByTestId("article-row");
    await expect(row).toHaveCount(1);
    await row.getByRole("button", { name: /^Delete/ }).click();
    const confirm = page.getByRole("alertdialog");
    await expect(confirm).toContainText(`Delete “${title}” and its 3 claims?`);
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(row).toHaveCount(1);
    await row.getByRole("button", { name: /^Delete/ }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Delete for good" }).click();
    await expect(page.getByTestId("no-articles")).toBeVisible();
    expect((await request.get(`/api/documents/${slug}`, { headers: await scriptHeaders(baseURL!) })).status()).toBe(404);
  });

  test("a claim added while the Delete dialog is open: the dialog says so, names the new count and asks again", async ({
    page,
    request,
    baseURL,
  }) => {
    const marker = word();
    const title = `Pier ${marker}`;
    const slug = await addArticle(request, baseURL!, { title });
    await page.goto(`/?q=${marker}`);
    const row = page.getByTestId("article-row");
    await row.getByRole("button", { name: /^Delete/ }).click();
    const confirm = page.getByRole("alertdialog");
    await expect(confirm).toContainText(`Delete “${title}” and its 0 claims?`);

    // Someone adds a claim meanwhile: the first confirmation no longer holds.
    const added = await request.post(`/api/documents/${slug}/annotations`, {
      data: { start: 0, end: 5, tag: "denied" },
      headers: await scriptHeaders(baseURL!),
    });
    expect(added.status()).toBe(201);
    await confirm.getByRole("button", { name: "Delete for good" }).click();
    await expect(confirm).toContainText("A claim was added since you opened this");
    await expect(confirm).toContainText(`Delete “${title}” and its 1 claim?`);
    await expect(page.getByText("?confirm=")).toHaveCount(0);
    await expect(row).toHaveCount(1);

    await confirm.getByRole("button", { name: "Delete for good" }).click();
    await expect(page.getByTestId("no-articles")).toBeVisible();
    expect((await request.get(`/api/documents/${slug}`, { headers: await scriptHeaders(baseURL!) })).status()).toBe(404);
  });
});

test("an editor sees no Delete; the add form warns of an article with the same source URL and links to it", async ({ page, request, baseURL }) => {
  const marker = word();
  const url = `https://example.net/${marker}/story`;
  const first = await addArticle(request, baseURL!, { title: `Tunnel ${marker}`, sourceUrl: url });
  await page.goto(`/?q=${marker}`);
  await expect(page.getByTestId("article-row").getByRole("button", { name: /^Archive/ })).toBeVisible();
  await expect(page.getByTestId("article-row").getByRole("button", { name: /^Delete/ })).toHaveCount(0);

  await page.goto("/documents/new");
  await page.getByLabel("Title").fill(`Tunnel again ${marker}`);
  await page.getByLabel("Source URL").fill(`${url}/`);
  await page.getByLabel("Article text").fill("A copy of the tunnel story.");
  await page.getByRole("button", { name: "Add article" }).click();
  const warning = page.getByTestId("duplicate-warning");
  await expect(warning).toContainText("has the same source URL");
  await expect(warning.getByRole("link", { name: `Tunnel ${marker}` })).toHaveAttribute("href", `/documents/${first}`);
  await page.getByRole("button", { name: "Add anyway" }).click();
  await expect(page).toHaveURL(/\/documents\/tunnel-again-/);
});
