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

  // Tab goes from row to row too, drawing the next one before it comes into view.
  for (let i = 1; i < 15; i++) await page.keyboard.press("Tab");
  const fifteenth = list.getByRole("button", { name: new RegExp(chosen[14]) });
  await expect(fifteenth).toBeFocused();
  await expect(fifteenth).toBeInViewport();

  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await expect(annotator.claimEditor).toContainText(chosen[claimCount - 1]);
});
