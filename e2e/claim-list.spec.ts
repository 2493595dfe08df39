import { expect, reviewer, test } from "./fixtures";

/** How many claims the journey places: more than the list's box shows at once. */
const claimCount = 40;

test("a long claims list draws the rows in view, and the keyboard reaches every claim", async ({ annotator, api, page }) => {
  // Pairs of words spread over the article, each where it first occurs, in reading order.
  const text = await api.documentText();
  const spans: string[] = [];
  for (const match of text.matchAll(/\b[A-Za-z]+ [A-Za-z]+\b/g)) {
    const words = match[0];
    if (text.indexOf(words) === match.index && !spans.some((span) => span.includes(words) || words.includes(span))) spans.push(words);
  }
  const chosen = spans.filter((_, i) => i % Math.floor(spans.length / claimCount) === 0).slice(0, claimCount);
  expect(chosen).toHaveLength(claimCount);
  for (const words of chosen) await api.create({ words, reviewer, tag: "disputed" });
  await annotator.page.reload();

  const list = annotator.panel.getByTestId("claim-list");
  await expect(annotator.panel.getByRole("heading", { name: `Claims (${claimCount})` })).toBeVisible();
  const first = list.getByRole("button", { name: new RegExp(chosen[0]) });
  const second = list.getByRole("button", { name: new RegExp(chosen[1]) });
  const last = list.getByRole("button", { name: new RegExp(chosen[claimCount - 1]) });
  await expect(first).toBeVisible();
  // Only the rows in view (and a few past them) are drawn; each says where it stands in the whole list.
  await expect(last).toHaveCount(0);
  expect(await list.getByRole("listitem").count()).toBeLessThan(claimCount);
  await expect(list.getByRole("listitem").first()).toHaveAttribute("aria-setsize", String(claimCount));

  await first.focus();
  await page.keyboard.press("ArrowDown");
  await expect(second).toBeFocused();
  await page.keyboard.press("End");
  await expect(last).toBeFocused();
  await expect(last).toBeInViewport();
  await expect(list.getByRole("listitem").filter({ hasText: chosen[claimCount - 1] })).toHaveAttribute("aria-posinset", String(claimCount));
  await page.keyboard.press("Home");
  await expect(first).toBeFocused();

  // Tab goes from row to row too, and Shift+Tab back, however fast they are pressed: twenty presses sent at
  // once reach the browser before the list can redraw on scrolling, past the rows drawn when they were sent.
  await Promise.all(Array.from({ length: 20 }, () => page.keyboard.press("Tab")));
  const twentyFirst = list.getByRole("button", { name: new RegExp(chosen[20]) });
  await expect(twentyFirst).toBeFocused();
  await expect(twentyFirst).toBeInViewport();
  await page.keyboard.press("Shift+Tab");
  await expect(list.getByRole("button", { name: new RegExp(chosen[19]) })).toBeFocused();

  // From the last row, Tab leaves the list, and Shift+Tab comes back to it.
  await page.keyboard.press("End");
  await expect(last).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(list.locator(":focus")).toHaveCount(0);
  await page.keyboard.press("Shift+Tab");
  await expect(last).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(annotator.claimEditor).toContainText(chosen[claimCount - 1]);
});
