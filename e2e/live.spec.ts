import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { expect, reviewer, test } from "./fixtures";
import { AnnotatorPage, articleSlug, scriptHeaders } from "./pages/annotator-page";
import { storageStateOf, suitePeople } from "./people";
import { killStartedServers, ServerProcess } from "./server-process";

/**
 * Two reviewers on one article, each in their own browser: the suite's
 * editor (Rita, the test's own page) and its reviewer (Ravi, a second
 * browser context signed in as him). What one does reaches the other's page
 * through the live feed, without a reload.
 */
const other = suitePeople.reviewer;

/** Ravi's editor on the article, in a browser of his own; marked so that a reload would show. */
async function openAsOther(browser: Browser): Promise<{ page: Page; annotator: AnnotatorPage; close: () => Promise<void> }> {
  const context = await browser.newContext({ storageState: storageStateOf("reviewer") });
  const page = await context.newPage();
  const annotator = new AnnotatorPage(page);
  await annotator.goto();
  await expect(page.getByTestId("reviewer-name")).toHaveText(other);
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  return { page, annotator, close: () => context.close() };
}

const notReloaded = (page: Page) => page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true);

/** How long after `since` the expectation held; logged, not asserted (two cores shared by many make timings noisy). */
async function delayOf(label: string, since: number, expectation: () => Promise<void>): Promise<number> {
  await expectation();
  const delay = Date.now() - since;
  console.log(`live: ${label} reached the other page in ${delay} ms`);
  return delay;
}

test("a tag, a retag, a note and a delete by one reviewer appear for the other without a reload", async ({ annotator, api, browser }) => {
  const ravi = await openAsOther(browser);
  const words = "Bloomberg should retract";
  // Ravi is reading elsewhere, with words selected: the others' changes must not move either.
  await ravi.annotator.selectWithKeyboard("Super Micro");
  const readerAt = () => ravi.page.evaluate(() => ({ selected: window.getSelection()?.toString(), scrollY: Math.round(window.scrollY) }));
  const before = await readerAt();
  expect(before.selected).toBe("Super Micro");

  let since = Date.now();
  await annotator.selectWithMouse(words);
  await annotator.tagFromToolbar("disputed");
  const id = await annotator.openClaimId();
  await delayOf("a tag", since, () => expect(ravi.annotator.highlight(id)).toHaveAttribute("class", /disputed/, { timeout: 5_000 }));
  await expect(ravi.page.getByTestId("claim-list")).toContainText(words);
  expect(await readerAt()).toEqual(before);

  since = Date.now();
  await annotator.claimEditor.getByRole("radio", { name: /Denied/ }).check();
  await delayOf("a retag", since, () => expect(ravi.annotator.highlight(id)).toHaveAttribute("class", /denied/, { timeout: 5_000 }));

  // Ravi opens the claim (his own selection, in the panel), then Rita types a note: it shows in his panel.
  await ravi.annotator.highlight(id).click();
  await expect(ravi.annotator.claimEditor).toHaveAttribute("data-claim-id", id);
  since = Date.now();
  await annotator.claimEditor.getByLabel("Note").fill("Bloomberg stood by its story.");
  await delayOf("a note", since, () =>
    expect(ravi.annotator.claimEditor.getByLabel("Note")).toHaveValue("Bloomberg stood by its story.", { timeout: 5_000 }),
  );

  since = Date.now();
  await annotator.claimEditor.getByRole("button", { name: "Delete claim" }).click();
  await delayOf("a delete", since, () => expect(ravi.annotator.highlight(id)).toHaveCount(0, { timeout: 5_000 }));
  await expect(ravi.annotator.claimEditor).toHaveCount(0);
  await expect(ravi.page.getByTestId("claim-panel").getByRole("heading", { name: "Claims (0)" })).toBeVisible();

  // Rita's own changes came back to her through the feed too, and changed nothing: all saved, the claim gone.
  await annotator.expectSaved();
  await expect(annotator.highlight(id)).toHaveCount(0);
  expect(await api.list()).toEqual([]);
  expect(await notReloaded(ravi.page)).toBe(true);
  await ravi.close();
});

test("who else has the article open shows, with the claim they have open, and goes when they leave", async ({ annotator, api, browser }) => {
  test.setTimeout(120_000);
  const claim = await api.create({ words: "Bloomberg should retract", tag: "disputed", reviewer });
  await annotator.page.reload();
  // Views of pages closed by earlier tests go within 30 s of their leaving (as the issue allows): wait them out.
  const raviHere = annotator.page.getByTestId("present-person").filter({ hasText: other });
  await expect(raviHere).toHaveCount(0, { timeout: 35_000 });

  const ravi = await openAsOther(browser);
  await expect(raviHere).toHaveText([other], { timeout: 5_000 });
  await ravi.annotator.highlight(claim.id).click();
  await expect(raviHere).toHaveText([`${other} on “Bloomberg should retract”`], { timeout: 5_000 });
  // Rita's own view is not listed on Ravi's page; she is (once or more: her pages of earlier tests may linger too).
  await expect(ravi.page.getByTestId("present-person").filter({ hasText: reviewer }).first()).toBeVisible();
  await expect(ravi.page.getByTestId("present-person").filter({ hasText: other })).toHaveCount(0);

  await ravi.close();
  await expect(raviHere).toHaveCount(0, { timeout: 35_000 });
});

test("a change to a claim someone else deleted is not saved: the panel says who deleted it, keeps the change, and restores it on request", async ({
  annotator,
  api,
  browser,
}) => {
  const words = "Bloomberg should retract";
  const ravi = await openAsOther(browser);
  const claim = await api.create({ words, tag: "disputed", reviewer: other });
  await expect(ravi.annotator.highlight(claim.id)).toBeVisible({ timeout: 5_000 });
  await ravi.annotator.highlight(claim.id).click();

  // Ravi's connection drops while he types; meanwhile Rita deletes the claim.
  await ravi.page.context().setOffline(true);
  await ravi.annotator.claimEditor.getByLabel("Note").fill("They offered no proof.");
  await expect(annotator.highlight(claim.id)).toBeVisible();
  await annotator.highlight(claim.id).click();
  await annotator.claimEditor.getByRole("button", { name: "Delete claim" }).click();
  await annotator.expectSaved();
  await ravi.page.context().setOffline(false);
  await ravi.page.evaluate(() => window.dispatchEvent(new Event("online")));

  const notice = ravi.page.getByTestId("deleted-elsewhere");
  await expect(notice).toContainText(new RegExp(`^Deleted by ${reviewer} at \\d\\d:\\d\\d\\.`), { timeout: 15_000 });
  await expect(ravi.annotator.claimEditor.getByLabel("Note")).toHaveValue("They offered no proof.");
  // No review step while it is deleted (not "Review steps wait until the claim is saved").
  await expect(ravi.annotator.claimEditor.getByTestId("claim-review")).toHaveCount(0);
  expect(await api.list()).toEqual([]); // Not restored by the change.

  await notice.getByRole("button", { name: "Restore with my change" }).click();
  await expect(notice).toHaveCount(0);
  await ravi.annotator.expectSaved();
  await expect(ravi.annotator.claimEditor.getByTestId("review-state")).toHaveText("draft");
  expect(await api.list()).toMatchObject([{ id: claim.id, note: "They offered no proof.", tag: "disputed" }]);
  // Rita sees it back, with Ravi's note.
  await expect(annotator.highlight(claim.id)).toBeVisible({ timeout: 5_000 });
  await ravi.close();
});

test("discarding the change to a claim someone else deleted leaves it deleted", async ({ annotator, api, browser }) => {
  const ravi = await openAsOther(browser);
  const claim = await api.create({ words: "Bloomberg should retract", tag: "disputed", reviewer: other });
  await expect(ravi.annotator.highlight(claim.id)).toBeVisible({ timeout: 5_000 });
  await ravi.annotator.highlight(claim.id).click();
  await ravi.page.context().setOffline(true);
  await ravi.annotator.claimEditor.getByLabel("Note").fill("typed meanwhile");
  await annotator.highlight(claim.id).click();
  await annotator.claimEditor.getByRole("button", { name: "Delete claim" }).click();
  await annotator.expectSaved();
  await ravi.page.context().setOffline(false);
  await ravi.page.evaluate(() => window.dispatchEvent(new Event("online")));

  const notice = ravi.page.getByTestId("deleted-elsewhere");
  await notice.getByRole("button", { name: "Discard" }).click({ timeout: 15_000 });
  await expect(ravi.annotator.highlight(claim.id)).toHaveCount(0);
  await ravi.annotator.expectSaved();
  expect(await api.list()).toEqual([]);
  await ravi.close();
});

test("tagging exactly the words another reviewer tagged opens their claim and says who tagged it and how", async ({ annotator, api }) => {
  const words = "Bloomberg should retract";
  // A page whose live feed has not brought the other's claim yet (a page opened before it, its feed late):
  // on a page that shows it, tagging its exact words retags it instead.
  await annotator.page.route(/\/api\/documents\/[^/]+\/events/, (route) => route.abort());
  await annotator.page.reload();
  await expect(annotator.text).toBeVisible();
  const theirs = await api.create({ words, tag: "denied", reviewer: other });
  await expect(annotator.highlight(theirs.id)).toHaveCount(0);

  await annotator.selectWithMouse(words);
  await annotator.tagFromToolbar("unverified");
  await expect(annotator.page.getByTestId("same-words")).toHaveText(`${other} already tagged these words denied: here is their claim.`);
  await expect(annotator.claimEditor).toHaveAttribute("data-claim-id", theirs.id);
  await annotator.expectSaved();
  expect((await api.list()).map((a) => [a.id, a.tag])).toEqual([[theirs.id, "denied"]]);
  expect(Object.keys(await annotator.highlights())).toEqual([theirs.id]);
});

test("the same note changed by two at once: both panels show both versions with their authors (after a reload too) until one is picked", async ({
  annotator,
  api,
  browser,
}) => {
  const ravi = await openAsOther(browser);
  const claim = await api.create({ words: "Bloomberg should retract", tag: "disputed", reviewer: other, note: "first words" });
  await expect(ravi.annotator.highlight(claim.id)).toBeVisible({ timeout: 5_000 });
  await ravi.annotator.highlight(claim.id).click();
  await expect(annotator.highlight(claim.id)).toBeVisible({ timeout: 5_000 });
  await annotator.highlight(claim.id).click();

  // Ravi's connection drops while he types; meanwhile Rita writes her own note and saves it.
  await ravi.page.context().setOffline(true);
  await ravi.annotator.claimEditor.getByLabel("Note").fill("Ravi's note");
  await annotator.claimEditor.getByLabel("Note").fill("Rita's note");
  await annotator.expectSaved();
  await ravi.page.context().setOffline(false);
  await ravi.page.evaluate(() => window.dispatchEvent(new Event("online")));
  await ravi.annotator.expectSaved();

  // The later change (Ravi's) wins; both panels show both versions, with who wrote each.
  const versionsIn = (page: Page) => page.locator('[data-testid="claim-conflict"][data-field="note"]').getByTestId("conflict-version");
  for (const page of [ravi.page, annotator.page]) {
    await expect(versionsIn(page)).toHaveCount(2, { timeout: 5_000 });
    await expect(versionsIn(page).nth(0)).toContainText(`${reviewer}`);
    await expect(versionsIn(page).nth(0).getByTestId("conflict-value")).toHaveText("Rita's note");
    await expect(versionsIn(page).nth(1)).toContainText(`${other}`);
    await expect(versionsIn(page).nth(1).getByTestId("conflict-value")).toHaveText("Ravi's note");
    await expect(versionsIn(page).nth(1)).toContainText("(the claim has this now)");
    await expect(page.getByTestId("claim-editor").getByLabel("Note")).toHaveValue("Ravi's note");
    // Nothing to dismiss: only a pick ends it.
    await expect(page.getByTestId("claim-conflicts").getByRole("button", { name: /Dismiss/ })).toHaveCount(0);
  }
  expect(await api.list()).toMatchObject([{ id: claim.id, note: "Ravi's note" }]);

  // A page opened now (a reload) shows them too: they are the server's.
  await annotator.page.reload();
  await annotator.highlight(claim.id).click();
  await expect(versionsIn(annotator.page)).toHaveCount(2);
  await expect(versionsIn(annotator.page).nth(0).getByRole("button", { name: "Keep mine" })).toBeVisible();
  await expect(
    versionsIn(annotator.page)
      .nth(1)
      .getByRole("button", { name: `Keep ${other}’s` }),
  ).toBeVisible();

  // Rita keeps her version: both panels show her note, and no conflict.
  await versionsIn(annotator.page).nth(0).getByRole("button", { name: "Keep mine" }).click();
  for (const page of [annotator.page, ravi.page]) {
    await expect(page.getByTestId("claim-conflicts")).toHaveCount(0, { timeout: 5_000 });
    await expect(page.getByTestId("claim-editor").getByLabel("Note")).toHaveValue("Rita's note");
  }
  await annotator.expectSaved();
  await ravi.annotator.expectSaved();
  expect(await api.list()).toMatchObject([{ id: claim.id, note: "Rita's note", conflicts: [] }]);
  await expect(annotator.page.getByTestId("history-entry").last()).toHaveText(
    new RegExp(`^${reviewer} kept ${reviewer}'s version of the note, “Rita's note”`),
  );
  expect(await notReloaded(ravi.page)).toBe(true);
  await ravi.close();
});

test("the article's review page follows changes: counts and rows, without a reload", async ({ api, browser }) => {
  const ravi = await openAsOther(browser);
  await ravi.page.goto(`/documents/${articleSlug}/review`);
  await ravi.page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  const denied = ravi.page.getByTestId("tag-count-denied");
  await expect(denied).toHaveAttribute("data-count", "0");

  const since = Date.now();
  const claim = await api.create({ words: "Bloomberg should retract", tag: "denied", reviewer });
  await delayOf("a tag, to the review page", since, () => expect(denied).toHaveAttribute("data-count", "1", { timeout: 5_000 }));
  await expect(ravi.page.locator(`[data-testid="claim-row"][data-claim-id="${claim.id}"]`)).toBeVisible();

  await api.update(claim, reviewer, { tag: "disputed" });
  await expect(denied).toHaveAttribute("data-count", "0", { timeout: 5_000 });
  await expect(ravi.page.getByTestId("tag-count-disputed")).toHaveAttribute("data-count", "1");
  expect(await notReloaded(ravi.page)).toBe(true);
  await ravi.close();
});

test("undo takes back only this reviewer's change: another's note stays, and another's retag since stops it", async ({ annotator, api }) => {
  const claim = await api.create({ words: "Bloomberg should retract", tag: "disputed", reviewer });
  await expect(annotator.highlight(claim.id)).toBeVisible({ timeout: 5_000 });
  await annotator.highlight(claim.id).click();
  await annotator.claimEditor.getByRole("radio", { name: /Denied/ }).check();
  await annotator.expectSaved();

  // Bob writes a note meanwhile; Rita's undo of her retag keeps it.
  const [retagged] = await api.list();
  await api.update(retagged, "Bob Bureau", { note: "Cook said it first." });
  await expect(annotator.claimEditor.getByLabel("Note")).toHaveValue("Cook said it first.", { timeout: 5_000 });
  const undo = annotator.page.getByRole("button", { name: "Undo" });
  await undo.click();
  await expect(annotator.highlight(claim.id)).toHaveAttribute("class", /disputed/);
  await annotator.expectSaved();
  expect(await api.list()).toMatchObject([{ tag: "disputed", note: "Cook said it first." }]);

  // Rita retags again, Bob retags after her: undo would overwrite Bob's tag, so it stops and says why.
  await annotator.claimEditor.getByRole("radio", { name: /Unverified/ }).check();
  await annotator.expectSaved();
  await api.update((await api.list())[0], "Bob Bureau", { tag: "denied" });
  await expect(annotator.page.getByTestId("undo-stops")).toHaveText(
    "Undo stops here: Bob Bureau changed the tag since, and undo does not overwrite their change.",
    { timeout: 5_000 },
  );
  await expect(undo).toBeDisabled();
  await annotator.page.keyboard.press("Control+z");
  await annotator.expectSaved();
  await expect(annotator.highlight(claim.id)).toHaveAttribute("class", /denied/);
  expect(await api.list()).toMatchObject([{ tag: "denied", note: "Cook said it first." }]);
});

test.describe("two instances of the app on one PostgreSQL", () => {
  test.afterEach(killStartedServers);

  test("a change made through one reaches a browser on the other", async ({ api, browser }) => {
    test.skip(!process.env.DATABASE_URL, "Two instances share a PostgreSQL (DATABASE_URL); a PGlite folder has one writer.");
    test.setTimeout(120_000);
    const unused = mkdtempSync(path.join(tmpdir(), "factcheck-e2e-second-"));
    try {
      const second = await ServerProcess.start(unused, () => ({ DATABASE_URL: process.env.DATABASE_URL! }));
      await second.ready();
      // Ravi's session is in the shared database: his browser opens the article on the second instance.
      const context = await browser.newContext({ storageState: storageStateOf("reviewer") });
      const page = await context.newPage();
      const annotator = new AnnotatorPage(page);
      await page.goto(`${second.origin}/documents/${articleSlug}`);
      await expect(annotator.text).toBeVisible();

      const since = Date.now();
      const claim = await api.create({ words: "Bloomberg should retract", tag: "denied", reviewer }); // through the first instance
      await delayOf("a tag, to a browser on the other instance", since, () =>
        expect(annotator.highlight(claim.id)).toHaveAttribute("class", /denied/, { timeout: 5_000 }),
      );
      await context.close();
    } finally {
      rmSync(unused, { recursive: true, force: true });
    }
  });
});

test("a reviewer tagging exactly the words of another's claim, shown already, gets that claim opened and told who tagged it", async ({
  api,
  browser,
}) => {
  const words = "Bloomberg should retract";
  const ravi = await openAsOther(browser);
  const theirs = await api.create({ words, tag: "disputed", reviewer });
  await expect(ravi.annotator.highlight(theirs.id)).toBeVisible({ timeout: 5_000 });
  await ravi.annotator.selectWithMouse(words);
  await ravi.annotator.tagFromToolbar("denied");
  await expect(ravi.page.getByTestId("same-words")).toHaveText(`${reviewer} already tagged these words disputed: here is their claim.`);
  await expect(ravi.annotator.claimEditor).toHaveAttribute("data-claim-id", theirs.id);
  await ravi.annotator.expectSaved();
  expect((await api.list()).map((a) => [a.id, a.tag])).toEqual([[theirs.id, "disputed"]]);
  await ravi.close();
});

test("a revision published meanwhile is announced, with a way to load it", async ({ browser, request, baseURL }) => {
  const headers = await scriptHeaders(baseURL!);
  const text = "The minister said the bridge cost twelve million pounds.\n\nThe council disputes the figure.";
  const created = await request.post("/api/documents", { data: { title: `Bridge costs ${Date.now()}`, text }, headers });
  expect(created.status()).toBe(201);
  const { slug } = (await created.json()).document as { slug: string };

  const ravi = await openAsOther(browser);
  await ravi.page.goto(`/documents/${slug}`);
  await expect(ravi.annotator.text).toContainText("twelve million");
  const published = await request.post(`/api/documents/${slug}/revisions`, { data: { text: text.replace("twelve", "fourteen") }, headers });
  expect(published.status()).toBe(201);

  const notice = ravi.page.getByTestId("new-revision");
  await expect(notice).toContainText("Revision 2 of this article was published while this page was open", { timeout: 5_000 });
  await notice.getByRole("button", { name: "Load revision 2" }).click();
  await expect(ravi.annotator.text).toContainText("fourteen million");
  await expect(notice).toHaveCount(0);
  await ravi.close();
});
