import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

const cnbc = readFileSync("content/jassy-bloomberg-retraction.txt", "utf8");

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

/** Pastes `text` over everything in the article box, as a person does with Ctrl+A, Ctrl+V. */
async function paste(page: Page, text: string) {
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  const box = page.getByLabel("Article text");
  await box.focus();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("ControlOrMeta+V");
  await expect(box).toHaveValue(text);
}

test("pasted Markdown is recognised and previewed; plain news text drops its page furniture when asked", async ({ page }) => {
  await page.goto("/documents/new");
  await page.getByLabel("Title").fill(`Pasted ${Date.now()}`);
  const format = page.getByRole("combobox", { name: /^Format/ });
  const preview = page.getByTestId("article-preview");

  await paste(page, "# Spy chips\n\nAmazon said the story was **wrong**.\n\n- one claim\n- another claim\n");
  await expect(format).toHaveValue("markdown");
  await expect(preview.getByRole("heading", { name: "Spy chips" })).toBeVisible();
  await expect(preview.locator("strong")).toHaveText("wrong");
  await expect(preview.getByRole("listitem")).toHaveText(["one claim", "another claim"]);

  // The reviewer can still say otherwise: as plain text the marks are words.
  await format.selectOption("text");
  await expect(preview.getByTestId("preview-text")).toContainText("Amazon said the story was **wrong**.");

  const unique = `Pasted for the furniture test ${Date.now()}.`;
  await paste(page, `${cnbc}\n${unique}\n`);
  await expect(format).toHaveValue("text");
  await expect(preview.getByTestId("furniture-lines").getByRole("listitem")).toHaveText([
    "WATCH: Super Micro plunges on new report of hacked hardware in US",
    "Super Micro plunges on new report of hacked hardware in US",
    "Super Micro plunges on new report of hacked hardware in US",
  ]);
  await expect(preview.getByTestId("preview-text")).toContainText("WATCH: Super Micro plunges");
  await preview.getByLabel(/Leave out page furniture \(3 lines\)/).check();
  await expect(preview.getByTestId("preview-text")).not.toContainText("Super Micro plunges");
  await expect(preview.getByTestId("preview-text")).toContainText(unique);

  await page.getByRole("button", { name: "Add article" }).click();
  await expect(page).toHaveURL(/\/documents\/pasted-\d+/);
  const article = page.locator(".article-text").first();
  await expect(article).toContainText(unique);
  await expect(article).not.toContainText("Super Micro plunges");
});

test("pasted HTML is recognised as HTML, and its scripts are not in the preview", async ({ page }) => {
  await page.goto("/documents/new");
  await paste(page, "<h1>Headline</h1>\n<p>First <em>paragraph</em>.</p><script>document.title = 'pwned'</script>");
  await expect(page.getByRole("combobox", { name: /^Format/ })).toHaveValue("html");
  const preview = page.getByTestId("article-preview");
  await expect(preview.getByRole("heading", { name: "Headline" })).toBeVisible();
  await expect(preview.locator("em")).toHaveText("paragraph");
  await expect(preview).not.toContainText("pwned");
  await expect(page).not.toHaveTitle("pwned");
});

test("Markdown pasted as a revision is recognised and previewed, and the article reads as the preview showed", async ({ page }) => {
  const title = `Revised by paste ${Date.now()}`;
  await page.goto("/documents/new");
  await page.getByLabel("Title").fill(title);
  await paste(page, `${title}\n\nThe first version said nothing of chips.\n`);
  await page.getByRole("button", { name: "Add article" }).click();
  await expect(page).toHaveURL(/\/documents\/revised-by-paste-\d+/);
  const slug = new URL(page.url()).pathname.split("/").pop()!;

  await page.goto(`/documents/${slug}/revisions/new`);
  await paste(page, "# Spy chips, revised\n\nAmazon now says the story was **wrong**.\n\n- one claim\n- another claim\n");
  await expect(page.getByRole("combobox", { name: /^Format/ })).toHaveValue("markdown");
  const preview = page.getByTestId("article-preview");
  await expect(preview.getByRole("heading", { name: "Spy chips, revised" })).toBeVisible();
  await expect(preview.locator("strong")).toHaveText("wrong");

  await page.getByRole("button", { name: "Publish revision" }).click();
  await expect(page.getByTestId("publish-result")).toContainText("Revision 2 published");
  await page.getByRole("link", { name: "Open the article" }).click();
  const article = page.locator(".article-text").first();
  await expect(article.getByRole("heading", { name: "Spy chips, revised" })).toBeVisible();
  await expect(article.locator("strong")).toHaveText("wrong");
  await expect(article.getByRole("listitem")).toHaveText(["one claim", "another claim"]);
});

test("a revision's plain text leaves out its page furniture when the preview's box is ticked", async ({ page }) => {
  const title = `Revised furniture ${Date.now()}`;
  await page.goto("/documents/new");
  await page.getByLabel("Title").fill(title);
  await paste(page, `${title}\n\nA first version.\n`);
  await page.getByRole("button", { name: "Add article" }).click();
  await expect(page).toHaveURL(/\/documents\/revised-furniture-\d+/);
  const slug = new URL(page.url()).pathname.split("/").pop()!;

  await page.goto(`/documents/${slug}/revisions/new`);
  const unique = `Revised with furniture ${Date.now()}.`;
  await paste(page, `${cnbc}\n${unique}\n`);
  const preview = page.getByTestId("article-preview");
  await preview.getByLabel(/Leave out page furniture \(3 lines\)/).check();
  await expect(preview.getByTestId("preview-text")).not.toContainText("Super Micro plunges");
  await page.getByRole("button", { name: "Publish revision" }).click();
  await expect(page.getByTestId("publish-result")).toContainText("Revision 2 published");
  await page.goto(`/documents/${slug}`);
  const article = page.locator(".article-text").first();
  await expect(article).toContainText(unique);
  await expect(article).not.toContainText("Super Micro plunges");
});
