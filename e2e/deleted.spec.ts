import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";
import { AnnotatorPage, scriptHeaders } from "./pages/annotator-page";

const rita = "Rita Reviewer";
const paragraphs = [
  "The mayor said the bridge was finished in 2019.",
  "Officials claimed crime fell by half last year.",
  "The report found the budget doubled since 2020.",
  "A spokesman denied any contract was ever signed.",
];
const quotes = ["bridge was finished", "crime fell by half", "budget doubled", "contract was ever signed"];

/** Calls the API as the person named `reviewer` (their Bearer token). */
function apiAs(request: APIRequestContext, baseURL: string, reviewer: string) {
  return {
    post: async (url: string, data?: unknown) => request.post(url, { data, headers: await scriptHeaders(baseURL, reviewer) }),
    delete: async (url: string) => request.delete(url, { headers: await scriptHeaders(baseURL, reviewer) }),
  };
}

test("claims deleted in the editor are listed in Deleted and come back, one by one and by reviewer and time", async ({ page, request, baseURL }) => {
  const asRita = apiAs(request, baseURL!, rita);
  const created = await asRita.post("/api/documents", { title: `Deleted claims ${Date.now()} ${Math.random()}`, text: paragraphs.join("\n\n") });
  expect(created.status()).toBe(201);
  const { slug, text } = (await created.json()).document as { slug: string; text: string };
  const ids: string[] = [];
  for (const quote of quotes) {
    const start = text.indexOf(quote);
    const response = await asRita.post(`/api/documents/${slug}/annotations`, { start, end: start + quote.length, tag: "disputed" });
    expect(response.status()).toBe(201);
    ids.push((await response.json()).annotation.id);
  }
  // Someone else deletes the fourth claim: restoring what Rita deleted leaves it deleted.
  expect((await apiAs(request, baseURL!, "Bob Editor").delete(`/api/annotations/${ids[3]}`)).status()).toBe(204);

  // Rita (the browser's signed-in editor) deletes three claims in the editor.
  await page.goto(`/documents/${slug}`);
  const annotator = new AnnotatorPage(page);
  await expect(annotator.text).toBeVisible();
  for (const id of ids.slice(0, 3)) {
    await annotator.highlight(id).click();
    await annotator.claimEditor.getByRole("button", { name: "Delete claim" }).click();
    await expect(annotator.highlight(id)).toHaveCount(0);
    // Saved before the next, so that the deletions are listed in this order.
    await annotator.expectSaved();
  }

  // Deleted lists them, the latest deletion first, with who deleted each.
  await page.getByRole("link", { name: "Deleted claims" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Deleted claims");
  const rows = page.getByTestId("deleted-row");
  await expect(rows).toHaveCount(4);
  await expect(rows.locator("td.claim-quote")).toHaveText([
    "“budget doubled”",
    "“crime fell by half”",
    "“bridge was finished”",
    "“contract was ever signed”",
  ]);
  await expect(rows.getByTestId("deleted-by")).toHaveText([rita, rita, rita, "Bob Editor"]);
  await expect(rows.first().locator("time")).toContainText("UTC");

  // Restore one.
  await page.getByRole("button", { name: "Restore “crime fell by half”" }).click();
  await expect(page.getByTestId("deleted-status")).toHaveText("Restored “crime fell by half”.");
  await expect(rows).toHaveCount(3);

  // Restore the rest Rita deleted, in the window the form proposes (her first to her last deletion).
  await page.getByLabel("Deleted by").selectOption(rita);
  await page.getByRole("button", { name: "Restore…" }).click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText(`Restore 2 claims deleted by ${rita}?`);
  await confirm.getByRole("button", { name: "Restore 2" }).click();
  await expect(page.getByTestId("deleted-status")).toHaveText(`Restored 2 claims deleted by ${rita}.`);
  await expect(rows).toHaveCount(1);
  await expect(rows.getByTestId("deleted-by")).toHaveText("Bob Editor");

  // They are back in the editor; Bob's is not.
  await page.getByRole("link", { name: "Open the article in the editor" }).click();
  await expect(annotator.text).toBeVisible();
  for (const [i, quote] of quotes.slice(0, 3).entries()) await expect(annotator.highlight(ids[i])).toContainText(quote);
  await expect(annotator.highlight(ids[3])).toHaveCount(0);
});
