import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { AnnotatorPage, scriptHeaders } from "./pages/annotator-page";

const source = readFileSync("content/jassy-bloomberg-retraction.txt", "utf8");

test("add an article, publish a revision, find claims on their new words and re-attach the orphan", async ({ page }) => {
  // Add the article by uploading it, as a reviewer with a file from a newsroom system would.
  await page.goto("/documents/new");
  const title = `Jassy revision test ${Date.now()}`;
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Outlet").fill("CNBC");
  await page.getByLabel("Publication date").fill("2018-10-22");
  await page.getByLabel("Upload a file (.txt, .md, .html)").setInputFiles({ name: "jassy.txt", mimeType: "text/plain", buffer: Buffer.from(source) });
  await expect(page.getByLabel("Article text")).toHaveValue(source);
  await page.getByRole("button", { name: "Add article" }).click();
  // content/ loaded the same text at start-up: the form says so, and adds it only when asked again.
  await expect(page.getByTestId("duplicate-warning")).toContainText("has the same text");
  await page.getByRole("button", { name: "Add anyway" }).click();
  await expect(page).toHaveURL(/\/documents\/jassy-revision-test-/);
  const slug = new URL(page.url()).pathname.split("/").pop()!;

  // The home page lists the latest article added first, its date written out.
  await page.goto("/");
  const first = page.locator(".document-list > li").first();
  await expect(first.getByRole("link").first()).toHaveText(title);
  await expect(first.locator(".document-meta")).toHaveText("CNBC · 22 Oct 2018");
  await page.goto(`/documents/${slug}`);

  const annotator = new AnnotatorPage(page);
  await expect(annotator.text).toBeVisible();
  await expect(page.getByRole("definition").filter({ has: page.locator('time[datetime="2018-10-22"]') })).toHaveText("22 Oct 2018");
  const claims: Record<string, string> = {};
  for (const [key, words] of [
    ["typo", "calling the for the retraction"],
    ["moved", "There are so many inaccuracies in this article"],
    ["deleted", "complicated and time-consuming review"],
  ]) {
    await annotator.selectWithMouse(words);
    await page.keyboard.press("Alt+Shift+D");
    claims[key] = await annotator.openClaimId();
    await page.keyboard.press("Escape");
  }
  await annotator.expectSaved();

  // Publish revision 2: the typo fixed inside a claim, a paragraph moved, another deleted.
  await page.goto(`/documents/${slug}/revisions`);
  await page.getByRole("link", { name: "Publish a new revision" }).click();
  const field = page.getByLabel("Article text");
  const paragraphs = (await field.inputValue()).split("\n\n");
  const schmidt = paragraphs.findIndex((p) => p.includes("so many inaccuracies"));
  paragraphs.push(...paragraphs.splice(schmidt, 1));
  const revised = paragraphs
    .filter((p) => !p.includes("time-consuming review"))
    .join("\n\n")
    .replace("calling the for the retraction", "calling for the retraction");
  await field.fill(revised);
  await page.getByRole("button", { name: "Publish revision" }).click();
  await expect(page.getByTestId("publish-result")).toContainText("Revision 2 published: 2 claims placed on the new text, 1 orphan");
  await expect(page.getByTestId("publish-result")).toBeFocused();
  // The summary names the claim on changed words, with both, and the orphan, each a link to the claim; not the claim only moved.
  const changedWords = page.getByTestId("changed-words");
  await expect(changedWords.getByRole("heading")).toHaveText("1 claim placed on changed words: check its verdict");
  await expect(changedWords.locator("del")).toHaveText("calling the for the retraction");
  await expect(changedWords.locator("ins")).toHaveText("calling for the retraction");
  await expect(changedWords.getByRole("link")).toHaveAttribute("href", `/documents/${slug}?claim=${claims.typo}`);
  const madeOrphans = page.getByTestId("made-orphans");
  await expect(madeOrphans.getByRole("heading")).toHaveText(/^1 claim became an orphan/);
  await expect(madeOrphans.getByRole("link")).toHaveText("complicated and time-consuming review");
  await expect(madeOrphans.getByRole("link")).toHaveAttribute("href", `/documents/${slug}?claim=${claims.deleted}`);
  await expect(page.getByTestId("revision-summary")).not.toContainText("so many inaccuracies");
  await page.getByRole("link", { name: "Open the article" }).click();

  await expect(annotator.text).toContainText("calling for the retraction");
  const highlights = await annotator.highlights();
  expect(highlights[claims.typo]).toBe("calling for the retraction");
  expect(highlights[claims.moved]).toBe("There are so many inaccuracies in this article");
  expect(highlights[claims.deleted]).toBeUndefined();
  const listed = annotator.panel.getByRole("list").getByRole("button");
  await expect(listed.filter({ hasText: "calling for the retraction" })).toContainText("words changed");
  await expect(listed.filter({ hasText: "so many inaccuracies" })).not.toContainText("words changed");
  // The claim whose words the revision changed says so, with the words it was on.
  await annotator.highlight(claims.typo).click();
  await expect(annotator.claimEditor.getByTestId("words-changed")).toContainText("calling the for the retraction");
  await annotator.claimEditor.getByRole("button", { name: "The verdict still holds" }).click();
  await expect(annotator.claimEditor.getByTestId("words-changed")).toHaveCount(0);
  await expect(annotator.claimEditor.getByRole("heading", { name: /claim/ })).toBeFocused();
  await annotator.highlight(claims.moved).click();
  await expect(annotator.claimEditor.getByTestId("words-changed")).toHaveCount(0);
  const orphans = page.getByTestId("orphans-panel");
  await expect(orphans).toContainText("complicated and time-consuming review");
  await expect(orphans.getByRole("button", { name: "Re-attach to selection" })).toBeDisabled();

  // Opened on the orphan (as the review page links it), the page marks it in the orphans panel.
  await page.goto(`/documents/${slug}?claim=${claims.deleted}`);
  const opened = orphans.locator('li[aria-current="true"]');
  await expect(opened).toHaveAttribute("data-claim-id", claims.deleted);
  await expect(opened).toContainText("The claim you opened");
  await expect(opened).toBeInViewport();

  // Re-attach the orphan to the words that now say it best.
  await annotator.selectWithMouse("Super Micro plunges on new report");
  await orphans.getByRole("button", { name: "Re-attach to selection" }).click();
  await expect(orphans).toHaveCount(0);
  await expect(annotator.text).toBeFocused(); // The button went with its orphan; Esc and shortcuts work on.
  expect((await annotator.highlights())[claims.deleted]).toBe("Super Micro plunges on new report");
  await expect(page.getByTestId("selection-toolbar")).toHaveCount(0); // The selection went onto the claim.

  await page.reload();
  await expect(annotator.text).toBeVisible();
  expect((await annotator.highlights())[claims.deleted]).toBe("Super Micro plunges on new report");
  await expect(page.getByTestId("orphans-panel")).toHaveCount(0);
  await annotator.highlight(claims.typo).click(); // Its verdict was checked: saved, so no notice after a reload.
  await expect(annotator.claimEditor.getByTestId("claim-quote")).toHaveText("calling for the retraction");
  await expect(annotator.claimEditor.getByTestId("words-changed")).toHaveCount(0);

  // The revisions list keeps what revision 2 did, the orphan re-attached since.
  await page.goto(`/documents/${slug}/revisions`);
  const rows = page.locator(".revision-table tbody tr"); // Newest first.
  await expect(rows.nth(0).getByRole("link").first()).toHaveText("Revision 2 (latest)");
  await expect(rows.nth(0).getByTestId("revision-claims")).toHaveText("1 onto changed words, 1 orphaned");
  await expect(rows.nth(1).getByTestId("revision-claims")).toHaveText("");

  // Revision 1, read-only, shows the claims where they stood.
  await page.goto(`/documents/${slug}/revisions/1`);
  await expect(page.getByRole("note")).toContainText("revision 1 of 2");
  const then = await annotator.highlights();
  expect(then[claims.typo]).toBe("calling the for the retraction");
  expect(then[claims.deleted]).toBe("complicated and time-consuming review");
  await expect(page.getByTestId("selection-toolbar")).toHaveCount(0);
  // A screen reader is not told to tag words here.
  await expect(annotator.text).toHaveAccessibleName("Article text of an earlier revision, read only.");

  // And the comparison shows what changed.
  await page.goto(`/documents/${slug}/revisions/compare?from=1&to=2`);
  await expect(page.getByTestId("revision-diff").locator("del").first()).toBeVisible();
  await expect(page.getByTestId("revision-diff").locator("del", { hasText: "time-consuming" })).toHaveCount(1);
  // In the article's blocks (its headline a heading), each change marked with the claims it touched, linked.
  await expect(page.getByTestId("revision-diff").getByRole("heading").first()).toBeVisible();
  const diff = page.getByTestId("revision-diff");
  await expect(diff.locator(`[data-claims~="${claims.deleted}"] del`)).toContainText("time-consuming");
  await expect(diff.locator(`[data-claims~="${claims.typo}"]`).first()).toBeVisible();
  // Listed below by the words each claim has now (the orphan re-attached since), linked to it.
  const touched = page.getByTestId("touched-claims");
  await expect(touched.getByRole("link", { name: "Super Micro plunges on new report" })).toHaveAttribute(
    "href",
    `/documents/${slug}?claim=${claims.deleted}`,
  );
  await expect(touched.getByRole("link", { name: "calling for the retraction" })).toHaveAttribute("href", `/documents/${slug}?claim=${claims.typo}`);

  // Numbers that are not revisions of the article are a 404 that says so, never a server error.
  for (const query of ["from=abc&to=2", "from=1.5&to=2", "from=99999999999999999999&to=2", "from=1&to=9", "from=1&from=2&to=2"]) {
    const response = await page.goto(`/documents/${slug}/revisions/compare?${query}`);
    expect(response?.status(), query).toBe(404);
    await expect(page.getByRole("heading", { name: "Revision not found" })).toBeVisible();
  }
  expect((await page.goto(`/documents/${slug}/revisions/3`))?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Revision not found" })).toBeVisible();
});

/** Revision 2 of the Jassy article: the Schmidt paragraph moved to the end, the Super Micro letter's paragraph deleted. */
function moveAndDelete(text: string): string {
  const paragraphs = text.split("\n\n");
  paragraphs.push(
    ...paragraphs.splice(
      paragraphs.findIndex((p) => p.includes("so many inaccuracies")),
      1,
    ),
  );
  return paragraphs.filter((p) => !p.includes("time-consuming review")).join("\n\n");
}

/** A new copy of the Jassy article, opened in the editor by the signed-in editor. */
async function openNewArticle(page: Page, baseURL: string) {
  const created = await page.request.post("/api/documents", {
    data: { title: `Left open ${Date.now()} ${Math.random()}`, text: source },
    headers: await scriptHeaders(baseURL),
  });
  expect(created.status()).toBe(201);
  const { slug } = (await created.json()).document as { slug: string };
  const annotator = new AnnotatorPage(page);
  await page.goto(`/documents/${slug}`);
  await expect(annotator.text).toBeVisible();
  const publish = async () => {
    const response = await page.request.post(`/api/documents/${slug}/revisions`, {
      data: { text: moveAndDelete(source) },
      headers: await scriptHeaders(baseURL),
    });
    expect(response.status()).toBe(201);
  };
  const claims = async () =>
    (await (await page.request.get(`/api/documents/${slug}/annotations`)).json()) as {
      revision: number;
      annotations: { id: string; quote: string; start: number }[];
    };
  return { annotator, publish, claims };
}

test("deleting an orphan asks first, and Keep keeps it", async ({ page, baseURL }) => {
  const { annotator, publish, claims } = await openNewArticle(page, baseURL!);
  await annotator.selectWithMouse("complicated and time-consuming review");
  await page.keyboard.press("Alt+Shift+U");
  await annotator.claimEditor.getByLabel("Note").fill("Super Micro's letter said so");
  await annotator.expectSaved();
  await publish();
  await page.reload();

  const orphans = page.getByTestId("orphans-panel");
  await expect(orphans).toContainText("complicated and time-consuming review");
  await orphans.getByRole("button", { name: "Delete", exact: true }).click();
  const confirm = orphans.getByRole("group", { name: "Delete this claim for good?" });
  await expect(confirm).toContainText("Delete it and its note for good?");
  await expect(confirm.getByRole("button", { name: "Keep" })).toBeFocused();
  await page.keyboard.press("Enter"); // Keep
  await expect(confirm).toHaveCount(0);
  await expect(orphans.getByRole("button", { name: "Delete", exact: true })).toBeFocused();
  expect((await claims()).annotations).toHaveLength(1);

  await page.keyboard.press("Enter"); // Delete, asked again
  await orphans.getByRole("button", { name: "Delete for good" }).click();
  await expect(orphans).toHaveCount(0);
  await expect(annotator.text).toBeFocused(); // The last orphan took its panel with it.
  await annotator.expectSaved();
  expect((await claims()).annotations).toEqual([]);
});

test("an orphan re-attached while the server cannot be reached is re-attached once it can", async ({ page, baseURL }) => {
  const { annotator, publish, claims } = await openNewArticle(page, baseURL!);
  await annotator.selectWithMouse("complicated and time-consuming review");
  await page.keyboard.press("Alt+Shift+U");
  const id = await annotator.openClaimId();
  await annotator.expectSaved();
  await publish();
  await page.reload();
  const orphans = page.getByTestId("orphans-panel");
  await expect(orphans).toContainText("complicated and time-consuming review");

  await page.route("**/api/**", (route) => route.abort("connectionrefused"));
  await annotator.selectWithMouse("Super Micro plunges on new report");
  await orphans.getByRole("button", { name: "Re-attach to selection" }).click();
  await expect(orphans).toHaveCount(0);
  expect((await annotator.highlights())[id]).toBe("Super Micro plunges on new report");
  await expect(annotator.saveStatus).toHaveAttribute("data-state", "offline");
  await expect(annotator.saveStatus).toContainText("unsaved change");
  expect((await claims()).annotations).toEqual([expect.objectContaining({ id, status: "orphan" })]);

  await page.unroute("**/api/**");
  // No click needed: the editor retries by itself (backoff of at most 10 s).
  await expect(annotator.saveStatus).toHaveAttribute("data-state", "saved", { timeout: 20_000 });
  expect((await claims()).annotations).toEqual([expect.objectContaining({ id, quote: "Super Micro plunges on new report", status: "anchored" })]);
  await page.reload();
  await expect(annotator.text).toBeVisible();
  expect((await annotator.highlights())[id]).toBe("Super Micro plunges on new report");
  await expect(page.getByTestId("orphans-panel")).toHaveCount(0);
});

const movedWords = "There are so many inaccuracies in this article";

test("a claim tagged on a page left open while the article was revised lands on the same words", async ({ page, baseURL }) => {
  const { annotator, publish, claims } = await openNewArticle(page, baseURL!);
  const before = source.indexOf(movedWords);
  await publish(); // Elsewhere: this page still shows revision 1.

  await annotator.selectWithMouse(movedWords);
  await page.keyboard.press("Alt+Shift+D");
  const id = await annotator.openClaimId();
  await annotator.expectSaved();
  const { revision, annotations } = await claims();
  expect(revision).toBe(2);
  expect(annotations).toEqual([expect.objectContaining({ id, quote: movedWords })]);
  expect(annotations[0].start).toBeGreaterThan(before); // Its paragraph is now the last.

  // Words the revision deleted: refused, kept, and the page offers the latest text.
  await page.keyboard.press("Escape");
  await annotator.selectWithMouse("complicated and time-consuming review");
  await page.keyboard.press("Alt+Shift+U");
  const revised = page.getByTestId("article-revised");
  await expect(revised).toContainText("The article was revised since this page was loaded");
  await revised.getByRole("button", { name: "Load the latest revision" }).click();
  await expect(page.getByTestId("unplaced-claims")).toContainText("complicated and time-consuming review");
  await expect(page.getByTestId("article-revised")).toHaveCount(0);
  expect((await claims()).annotations).toHaveLength(1);
});

test("claims tagged offline before a revision are placed on their words when the reviewer comes back, or listed if their words are gone", async ({
  page,
  baseURL,
}) => {
  const { annotator, publish, claims } = await openNewArticle(page, baseURL!);
  await page.route("**/api/**", (route) => route.abort("connectionrefused"));
  const ids: Record<string, string> = {};
  for (const [key, words] of [
    ["moved", movedWords],
    ["deleted", "complicated and time-consuming review"],
  ]) {
    await annotator.selectWithMouse(words);
    await page.keyboard.press("Alt+Shift+D");
    ids[key] = await annotator.openClaimId();
    await page.keyboard.press("Escape");
  }
  await expect(annotator.saveStatus).toHaveAttribute("data-state", "offline");
  await publish();
  await page.unroute("**/api/**");

  await page.reload(); // Revision 2 now; the browser kept both claims.
  await expect(annotator.text).toBeVisible();
  await expect.poll(async () => (await annotator.highlights())[ids.moved]).toBe(movedWords);
  const unplaced = page.getByTestId("unplaced-claims");
  await expect(unplaced).toContainText("complicated and time-consuming review");
  expect((await claims()).annotations).toEqual([expect.objectContaining({ id: ids.moved, quote: movedWords })]);

  await unplaced.getByRole("button", { name: "Discard" }).click();
  await expect(unplaced).toHaveCount(0);
  await annotator.expectSaved();
  await page.reload();
  await expect(annotator.text).toBeVisible();
  await expect(page.getByTestId("unplaced-claims")).toHaveCount(0);
  expect(Object.keys(await annotator.highlights())).toEqual([ids.moved]);
});

test("revision 1 of the article the app ships with says it was loaded with the app, not a folder's name", async ({ page }) => {
  await page.goto("/documents/jassy-bloomberg-retraction/revisions");
  const first = page.getByRole("row").filter({ has: page.getByRole("link", { name: /^Revision 1\b/ }) });
  await expect(first).toContainText("loaded with the app");
  await expect(first).not.toContainText("content/");
});
