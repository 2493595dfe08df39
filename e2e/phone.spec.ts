/**
 * The editor and the review pages on a phone (#19: 390 × 844, a touch
 * screen): an open claim is a sheet over the article, the editor's bar keeps
 * to one line, the review table's rows are cards, and words selected by touch
 * are tagged. The other tables (people, revisions, the reviewers' agreement)
 * keep to the screen too. And on a laptop, the tag toolbar keeps to its selection when
 * the layout moves the words under it. Screenshots go to /tmp, to look at.
 */
import type { Locator, Page } from "@playwright/test";
import { expect, reviewer, test } from "./fixtures";
import { type AnnotatorPage, scriptHeaders } from "./pages/annotator-page";
import { loadPeople, secondReviewer, suitePeople } from "./people";

const phone = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };
const claimWords = "Bloomberg should retract";

/** Taps a claim's highlight, as a finger opens it. */
async function tapHighlight(annotator: AnnotatorPage, id: string) {
  const highlight = annotator.highlight(id);
  await highlight.scrollIntoViewIfNeeded();
  await highlight.tap();
  await expect(annotator.claimEditor).toBeVisible();
}

/** How wide the page is laid out: wider than the screen, it scrolls sideways. */
const pageWidth = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth);

/**
 * Scrolls the page down to `target`, and only down: scrolled sideways too (as
 * `scrollIntoViewIfNeeded` would), a target beyond the screen's right edge
 * would come into view and the test could not see that it was out of reach.
 */
async function scrollDownTo(target: Locator) {
  await target.evaluate((element) => window.scrollTo({ left: 0, top: window.scrollY + element.getBoundingClientRect().top - 120 }));
}

/** The column name a card shows above a cell's value (its `::before`). */
const cardLabel = (cell: Locator) => cell.evaluate((element) => getComputedStyle(element, "::before").content);

/** Drags a finger down from the middle of `grip` by `distance` pixels, in steps, as a swipe (touch events, through the browser's own input). */
async function swipeDown(page: Page, grip: Locator, distance: number) {
  const box = (await grip.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  const cdp = await page.context().newCDPSession(page);
  // Timed as a finger moves (a frame a step), then rests a moment before it lifts: lifted while
  // moving, the browser would take it for a fling, and the next tap only for the fling's end.
  const start = Date.now() / 1000;
  const at = (seconds: number) => start + seconds;
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x, y }], timestamp: at(0) });
  for (let step = 1; step <= 5; step++) {
    await cdp.send("Input.dispatchTouchEvent", {
      type: "touchMove",
      touchPoints: [{ x, y: y + (distance * step) / 5 }],
      timestamp: at(step * 0.016),
    });
  }
  await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x, y: y + distance }], timestamp: at(0.3) });
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [], timestamp: at(0.3) });
  await cdp.detach();
}

test.describe("on a phone", () => {
  test.use(phone);

  test("tapping a highlight opens its claim in a sheet over the article, its words in sight above it; Esc closes it", async ({
    annotator,
    api,
    page,
  }) => {
    const claim = await api.create({ words: claimWords, reviewer, tag: "disputed", note: "Bloomberg stood by its story." });
    await annotator.goto();
    await tapHighlight(annotator, claim.id);

    // Fixed to the bottom of the screen, at most 70% of its height, and on top of the article there.
    const sheet = (await annotator.panel.boundingBox())!;
    expect(sheet.y + sheet.height).toBeCloseTo(844, 0);
    expect(sheet.height).toBeLessThanOrEqual(844 * 0.7 + 1);
    expect(sheet.width).toBe(390);
    const onTop = await page.evaluate(({ y }) => document.elementFromPoint(195, y + 60)?.closest('[data-testid="claim-panel"]') !== null, sheet);
    expect(onTop).toBe(true);
    await expect(page.getByTestId("sheet-handle")).toBeVisible();
    const words = (await annotator.highlight(claim.id).boundingBox())!;
    expect(words.y).toBeGreaterThanOrEqual(0);
    expect(words.y + words.height).toBeLessThanOrEqual(sheet.y);
    await page.screenshot({ path: "/tmp/phone-sheet.png" });

    await page.keyboard.press("Escape");
    await expect(annotator.claimEditor).toBeHidden();
    await expect(annotator.text).toBeFocused();
  });

  test("a claim another claim overlaps, drawn in several pieces, is kept in sight whole above the sheet", async ({ annotator, api }) => {
    const long = await api.create({
      words: "They offered no proof, story kept changing, and showed no interest in our answers unless we could validate their theories,",
      reviewer,
      tag: "denied",
    });
    await api.create({ words: "They offered no proof", reviewer, tag: "unverified" });
    await annotator.goto();
    // Tapped on its words that are its alone, at its end: its first words are the other claim's too.
    const own = annotator.text.locator(`span[data-claims="${long.id}"]`).last();
    await own.scrollIntoViewIfNeeded();
    await own.tap();
    await expect(annotator.claimEditor).toHaveAttribute("data-claim-id", long.id);

    const sheet = (await annotator.panel.boundingBox())!;
    const pieces = annotator.text.locator(`span[data-claims~="${long.id}"]`);
    expect(await pieces.count()).toBeGreaterThan(1);
    const first = (await pieces.first().boundingBox())!;
    const last = (await pieces.last().boundingBox())!;
    // Its words end lines below where the first piece ends: a sheet kept clear of the first piece alone would cover them.
    expect(last.y + last.height).toBeGreaterThan(first.y + first.height + 20);
    expect(first.y).toBeGreaterThanOrEqual(0);
    expect(last.y + last.height).toBeLessThanOrEqual(sheet.y);
  });

  test("a swipe down the sheet's handle closes it and the keyboard goes back to the article; a short one does not", async ({
    annotator,
    api,
    page,
  }) => {
    const claim = await api.create({ words: claimWords, reviewer, tag: "denied" });
    const other = await api.create({ words: "Reporters got played", reviewer, tag: "disputed" });
    await annotator.goto();
    await tapHighlight(annotator, claim.id);

    const handle = page.getByTestId("sheet-handle");
    await swipeDown(page, handle, 30);
    await expect(annotator.claimEditor).toBeVisible();
    // Sprung back to the bottom of the screen.
    await expect.poll(async () => (await annotator.panel.boundingBox())!.y + (await annotator.panel.boundingBox())!.height).toBeCloseTo(844, 0);

    await swipeDown(page, handle, 200);
    await expect(annotator.claimEditor).toBeHidden();
    await expect(annotator.text).toBeFocused();

    // The claim's header drags the sheet too. (Another claim: a second tap on the same spot this soon would be a double tap.)
    await tapHighlight(annotator, other.id);
    await swipeDown(page, annotator.claimEditor.getByRole("heading", { level: 2 }), 200);
    await expect(annotator.claimEditor).toBeHidden();
    await expect(annotator.text).toBeFocused();
    // The list of claims is back where it was, below the article, not over it.
    const list = (await annotator.panel.boundingBox())!;
    const article = (await annotator.text.boundingBox())!;
    expect(list.y).toBeGreaterThan(article.y + article.height - 1);
  });

  test("the editor's bar takes one line", async ({ annotator, page }) => {
    const bar = page.getByRole("toolbar", { name: "Editor" });
    await expect(annotator.saveStatus).toBeVisible();
    const undo = (await bar.getByRole("button", { name: "Undo" }).boundingBox())!;
    const box = (await bar.boundingBox())!;
    // One line of buttons and its padding; a second line would add a button's height again.
    expect(box.height).toBeLessThan(undo.height * 2);
    expect(box.width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: "/tmp/phone-bar.png" });
  });

  test("words selected by touch are tagged from the toolbar docked at the bottom, clear of the selection", async ({ annotator, api, page }) => {
    const words = "Reporters got played or took liberties";
    await annotator.clickOn("Bloomberg published a denial");
    // A finger's selection, as the system's handles leave it: a DOM selection in the article.
    const selected = await annotator.text.evaluate((root, wanted) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(wanted);
        if (at < 0) continue;
        node.parentElement!.scrollIntoView({ block: "center" });
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + wanted.length);
        const selection = window.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        const box = range.getBoundingClientRect();
        return { top: box.top, bottom: box.bottom };
      }
      return null;
    }, words);
    expect(selected).not.toBeNull();
    await expect(annotator.toolbar).toBeVisible();
    const toolbar = (await annotator.toolbar.boundingBox())!;
    // Docked at the bottom of the screen, far from the selection's handles (below it) and the system's menu (above it).
    expect(toolbar.y + toolbar.height).toBeCloseTo(844, 0);
    expect(toolbar.y).toBeGreaterThan(selected!.bottom + 40);
    await page.screenshot({ path: "/tmp/phone-touch-toolbar.png" });

    await annotator.toolbar.getByRole("button", { name: /^Denied/ }).tap();
    await expect(annotator.claimEditor.getByTestId("claim-quote")).toHaveText(words);
    await annotator.expectSaved();
    expect(await api.list()).toMatchObject([{ quote: words, tag: "denied", createdBy: reviewer }]);
  });

  test("the review pages show claims as cards, each value under its column's name, with nothing to scroll sideways", async ({
    api,
    review,
    page,
  }) => {
    const claim = await api.create({
      words: claimWords,
      reviewer,
      tag: "unverified",
      note: "Bloomberg stood by its story.",
      claimant: "Andy Jassy",
      evidence: ["https://www.bloomberg.com/news/features/2018-10-04/the-big-hack-how-china-used-a-tiny-chip-to-infiltrate-america-s-top-companies"],
    });
    for (const open of [() => review.gotoArticle(), () => review.gotoAll()]) {
      await open();
      const row = review.table.locator(`[data-claim-id="${claim.id}"]`);
      await expect(row).toBeVisible();
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(390);
      // A card: its cells one under another, inside the screen, each labelled with its column's name.
      const card = (await row.boundingBox())!;
      expect(card.x).toBeGreaterThanOrEqual(0);
      expect(card.x + card.width).toBeLessThanOrEqual(390);
      const claimant = row.getByTestId("claim-claimant");
      await expect(claimant).toHaveText("Andy Jassy");
      const tagCell = (await row.locator('td[data-label="Tag"]').boundingBox())!;
      const claimantCell = (await claimant.boundingBox())!;
      expect(claimantCell.y).toBeGreaterThanOrEqual(tagCell.y + tagCell.height - 1);
      const label = await claimant.evaluate((cell) => getComputedStyle(cell, "::before").content);
      expect(label).toBe('"Claimant"');
      await page.screenshot({ path: `/tmp/phone-review-${new URL(page.url()).pathname.split("/").length}.png`, fullPage: true });
    }
  });

  test("an article's revisions show each revision as a card, every column's value on the screen, with nothing to scroll sideways", async ({
    page,
    request,
    baseURL,
  }) => {
    const editor = await scriptHeaders(baseURL!);
    const text = "Phone article\n\nThe minister said the bridge cost four million.\n\nCritics said it cost twice that.";
    const created = await request.post("/api/documents", { data: { title: `Revisions on a phone ${Date.now()}`, text }, headers: editor });
    expect(created.status(), await created.text()).toBe(201);
    const slug = (await created.json()).document.slug as string;
    const revised = await request.post(`/api/documents/${slug}/revisions`, {
      data: { text: text.replace("twice that", "three times that") },
      headers: editor,
    });
    expect(revised.status(), await revised.text()).toBe(201);

    await page.goto(`/documents/${slug}/revisions`);
    const latest = page.getByRole("row").filter({ has: page.getByRole("link", { name: "Revision 2 (latest)" }) });
    await expect(latest).toBeVisible();
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    // The last column, the link to what the revision changed, is on the screen, and so is the one before it.
    const compare = latest.getByRole("link", { name: "Compare with revision 1" });
    await scrollDownTo(compare);
    await expect(compare).toBeInViewport({ ratio: 1 });
    await expect(latest.getByTestId("revision-claims")).toBeInViewport({ ratio: 1 });
    expect(await cardLabel(latest.getByTestId("revision-claims"))).toBe('"Claims moved"');
    await page.screenshot({ path: "/tmp/phone-revisions.png", fullPage: true });
  });

  test("the reviewers' agreement keeps its table of verdicts inside its box, the last column on the screen", async ({ api, review, page }) => {
    const claim = await api.create({ words: claimWords, reviewer: suitePeople.reviewer, tag: "disputed" });
    await api.giveVerdict(await api.submit(claim, suitePeople.reviewer), secondReviewer, "denied");
    await review.gotoArticle();
    const agreement = page.getByTestId("agreement");
    await expect(agreement.getByTestId("confusion-disputed-denied")).toHaveText("1");
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    const lastColumn = [agreement.getByRole("columnheader", { name: "Unverified" }), agreement.getByTestId("confusion-unverified-unverified")];
    await scrollDownTo(agreement.getByTestId("agreement-confusion"));
    const box = (await agreement.boundingBox())!;
    for (const cell of lastColumn) {
      await expect(cell).toBeInViewport({ ratio: 1 });
      const { x, width } = (await cell.boundingBox())!;
      expect(x + width).toBeLessThanOrEqual(box.x + box.width);
    }
    await page.screenshot({ path: "/tmp/phone-agreement.png", fullPage: true });
  });

  test.describe("as an admin", () => {
    test.use({ role: "admin" });

    test("the People page shows each person as a card, their role and the button to deactivate them on the screen, with nothing to scroll sideways", async ({
      page,
    }) => {
      await page.goto("/people");
      // By email: on a PostgreSQL the API tests share, their own "Vera Viewer" is listed too.
      const person = page.getByTestId("person").filter({ hasText: loadPeople().viewer.email });
      await expect(person).toBeVisible();
      expect(await pageWidth(page)).toBeLessThanOrEqual(390);
      const deactivate = person.getByRole("button", { name: new RegExp(`^(Deactivate|Reactivate) ${suitePeople.viewer}$`) });
      await scrollDownTo(deactivate);
      await expect(deactivate).toBeInViewport({ ratio: 1 });
      await expect(person.getByRole("combobox", { name: `Role of ${suitePeople.viewer}` })).toBeInViewport({ ratio: 1 });
      expect(await cardLabel(person.locator('td[data-label="Status"]'))).toBe('"Status"');
      await page.screenshot({ path: "/tmp/phone-people.png", fullPage: true });
    });
  });
});

test.describe("on a laptop", () => {
  /** Where the toolbar should be: under the selection's end (its last line), 6 px down and 40 px back from its end. */
  async function expectBesideSelection(page: Page, annotator: AnnotatorPage) {
    await expect
      .poll(async () => {
        const end = await page.evaluate(() => {
          const rects = [...window.getSelection()!.getRangeAt(0).getClientRects()].filter((r) => r.width > 0);
          const last = rects[rects.length - 1];
          return { bottom: last.bottom, right: last.right };
        });
        const toolbar = (await annotator.toolbar.boundingBox())!;
        return Math.abs(toolbar.y - (end.bottom + 6)) < 4 && Math.abs(toolbar.x - (end.right - 40)) < 12;
      })
      .toBe(true);
  }

  test("the tag toolbar stays by the selection when the bar above the article grows a line, and when the lines wrap anew", async ({
    annotator,
    api,
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const claim = await api.create({ words: claimWords, reviewer, tag: "disputed" });
    await annotator.goto();
    // The note's save waits here, then is refused for want of a session: the bar then says so, on a line of its own.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(`**/api/annotations/${claim.id}`, async (route) => {
      if (route.request().method() !== "PATCH") return route.continue();
      await held;
      await route.fulfill({ status: 401, json: { error: { code: "unauthenticated", message: "Sign in first." } } });
    });
    await annotator.highlight(claim.id).click();
    await annotator.claimEditor.getByLabel("Note").fill("typed as the session ended");
    await expect(annotator.saveStatus).toHaveAttribute("data-state", "saving");

    await annotator.selectWithKeyboard("the scenario Bloomberg reported never happened");
    await expect(annotator.toolbar).toBeVisible();
    await expectBesideSelection(page, annotator);
    const bar = page.getByRole("toolbar", { name: "Editor" });
    const before = (await bar.boundingBox())!.height;

    release();
    await expect(page.getByTestId("signed-out")).toBeVisible();
    // The bar grew a line (else this would test nothing), and the article's words moved with it: the toolbar too.
    expect((await bar.boundingBox())!.height).toBeGreaterThan(before + 10);
    await expectBesideSelection(page, annotator);
    await page.screenshot({ path: "/tmp/phone-laptop-bar.png" });

    // A narrower window: the article's lines wrap anew under the same selection.
    await page.setViewportSize({ width: 1000, height: 800 });
    await expectBesideSelection(page, annotator);
  });
});
