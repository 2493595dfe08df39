/**
 * Two layout promises of #19, measured in the browser: a claim's glyph wraps
 * with the first word it marks (never left at the end of the line before),
 * and the review table fits a 1280 px laptop screen without scrolling
 * sideways, cutting a column or breaking a word.
 */
import { type APIRequestContext, expect, test } from "@playwright/test";
import { bearer } from "./accounts";
import { loadPeople, personNamed, storageStateOf } from "./people";

test.use({ storageState: storageStateOf("editor") });

/** A new article of `text` with the claims given by their words, as the suite's editor; its slug. */
async function articleWithClaims(
  request: APIRequestContext,
  baseURL: string,
  text: string,
  claims: { words: string; tag: string; claimant?: string; note?: string; evidence?: string[]; by?: { token: string } }[],
): Promise<string> {
  const origin = new URL(baseURL).origin;
  const editor = bearer(loadPeople().editor, origin);
  const created = await request.post("/api/documents", { data: { title: `Layout ${Date.now()}`, outlet: "Example News", text }, headers: editor });
  expect(created.status(), await created.text()).toBe(201);
  const slug = (await created.json()).document.slug as string;
  const stored = (await (await request.get(`/api/documents/${slug}`, { headers: editor })).json()).document.text as string;
  for (const { words, by, ...fields } of claims) {
    const start = [...stored.slice(0, stored.indexOf(words))].length;
    const claim = await request.post(`/api/documents/${slug}/annotations`, {
      data: { start, end: start + [...words].length, ...fields },
      headers: by ? bearer(by, origin) : editor,
    });
    expect(claim.status(), await claim.text()).toBe(201);
  }
  return slug;
}

test("a claim's glyph stays on the line of the first word it marks, whatever the width", async ({ page, request, baseURL }) => {
  test.setTimeout(90_000); // A hundred layouts, on a loaded machine.
  // One paragraph per tag: each glyph ("?" most of all) must hold to the word after it.
  const tags = ["disputed", "denied", "unverified"];
  const sentence = (tag: string) =>
    `At the council meeting on Tuesday evening the minister said the ${tag} bridge cost four million and that the works would end next spring.`;
  const slug = await articleWithClaims(
    request,
    baseURL!,
    `Glyph article\n\n${tags.map(sentence).join("\n\n")}`,
    tags.map((tag) => ({ words: `the ${tag} bridge cost four million`, tag })),
  );
  await page.setViewportSize({ width: 880, height: 800 });
  await page.goto(`/documents/${slug}`);
  await expect(page.locator("[data-glyph]")).toHaveCount(tags.length);

  // Narrowing the window a few pixels at a time moves the line break through
  // the words before each claim; where a claim's first word starts a line,
  // the glyph before it must have come along.
  const startedLine = new Set<number>();
  for (let width = 880; width >= 480; width -= 4) {
    await page.setViewportSize({ width, height: 800 });
    const paragraphs = await page.locator(".article-text p").evaluateAll((elements) =>
      elements.map((paragraph) => {
        const text = paragraph.querySelector("[data-claims]")!.firstChild!;
        const word = document.createRange();
        word.setStart(text, 0);
        word.setEnd(text, "the".length);
        const first = word.getClientRects()[0];
        // The glyph is the claim's first piece's \`::before\`: that element's first box is on the glyph's line.
        const glyph = paragraph.querySelector("[data-glyph]")!.getClientRects()[0];
        return {
          glyphTop: glyph.top,
          glyphBottom: glyph.bottom,
          glyphLeft: glyph.left,
          wordTop: first.top,
          wordBottom: first.bottom,
          lineStart: paragraph.getBoundingClientRect().left,
        };
      }),
    );
    expect(paragraphs).toHaveLength(tags.length);
    for (const [index, at] of paragraphs.entries()) {
      // One line: the (superscript) glyph's box overlaps the word's line box.
      expect(
        at.glyphBottom > at.wordTop && at.glyphTop < at.wordBottom,
        `${tags[index]} glyph on the line of "the" at ${width} px: ${JSON.stringify(at)}`,
      ).toBe(true);
      if (Math.abs(at.glyphLeft - at.lineStart) < 2) startedLine.add(index);
    }
  }
  // The sweep did reach, for every tag, a width where the break falls right before the claim.
  expect([...startedLine].sort()).toEqual([0, 1, 2]);
});

test("the review table fits 1280 px: no sideways scroll, no cell overflowing, words wrapped at spaces", async ({ page, request, baseURL }) => {
  const claimant = "The Deputy Minister of Transportation, Infrastructure and Intergovernmental Relations";
  const quote = "the reconstruction of the northern interchange cost approximately four hundred million dollars";
  // One long unbroken word in a claimant (a post's address) and in a reviewer's name: neither may widen its column.
  const postClaimant = "https://twitter.com/SomeMinistryOfFinance/status/1234567890123456789";
  const longNamed = await personNamed(baseURL!, "Wolfeschlegelsteinhausenbergerdorffvoralternwaren");
  const slug = await articleWithClaims(
    request,
    baseURL!,
    `Table article\n\nAccording to the provincial auditor, ${quote}, more than twice the original estimate. The ministry replied in a post.`,
    [
      {
        words: quote,
        tag: "disputed",
        claimant,
        note: "The auditor's report says three hundred and twelve million; the remainder is a contingency reserve that was never drawn.",
        evidence: ["https://example.org/reports/provincial-auditor/2025/northern-interchange-reconstruction-final-accounting.pdf"],
      },
      { words: "more than twice the original estimate", tag: "unverified", claimant: "Opposition infrastructure spokesperson" },
      {
        words: "The ministry replied in a post",
        tag: "denied",
        claimant: postClaimant,
        note: "The post gives no figure at all and links to a press release from the previous year.",
        by: longNamed,
      },
    ],
  );
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`/documents/${slug}/review`);
  const table = page.getByTestId("claim-table");
  await expect(table.getByTestId("claim-claimant").first()).toHaveText(claimant);
  await expect(table.getByTestId("claim-claimant").last()).toHaveText(postClaimant);
  await expect(table.getByTestId("claim-reviewer").last()).toContainText(longNamed.name);

  const widths = await table.evaluate((element) => ({
    table: { scroll: element.scrollWidth, client: element.clientWidth, right: element.getBoundingClientRect().right },
    box: { scroll: element.parentElement!.scrollWidth, client: element.parentElement!.clientWidth },
    page: { scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth },
  }));
  expect(widths.box.scroll, JSON.stringify(widths)).toBeLessThanOrEqual(widths.box.client);
  expect(widths.page.scroll, JSON.stringify(widths)).toBeLessThanOrEqual(widths.page.client);
  expect(widths.table.right, JSON.stringify(widths)).toBeLessThanOrEqual(widths.page.client);

  const overflowing = await table.locator("th, td").evaluateAll((cells) =>
    cells
      .flatMap((cell) => [cell, ...cell.querySelectorAll<HTMLElement>("*")])
      .filter((element) => element.scrollWidth > element.clientWidth + 1 && element.clientWidth > 0)
      .map(
        (element) =>
          `${element.tagName}.${element.className}: ${element.scrollWidth} > ${element.clientWidth} "${element.textContent?.slice(0, 40)}"`,
      ),
  );
  expect(overflowing).toEqual([]);

  // The long words wrap inside their columns, which keep their shares: the note stays readable beside them.
  const columns = await table.evaluate((element) => {
    const header = (label: string) => [...element.querySelectorAll("thead th")].find((th) => th.textContent?.startsWith(label))!;
    const width = (cell: Element) => Math.round(cell.getBoundingClientRect().width);
    return { table: width(element), claimant: width(header("Claimant")), reviewer: width(header("Reviewer")), note: width(header("Note")) };
  });
  expect(columns.note, JSON.stringify(columns)).toBeGreaterThanOrEqual(0.12 * columns.table);
  expect(columns.claimant, JSON.stringify(columns)).toBeLessThanOrEqual(0.2 * columns.table);
  expect(columns.reviewer, JSON.stringify(columns)).toBeLessThanOrEqual(0.2 * columns.table);

  // Every word of the claimant and of the quote sits on one line; the texts do wrap (several lines).
  for (const cell of [table.getByTestId("claim-claimant").first(), table.locator(".claim-quote .quote-link").first()]) {
    const lines = await cell.evaluate((element) => {
      const text = element.textContent ?? "";
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      const split: string[] = [];
      const tops = new Set<number>();
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const match of node.textContent!.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const rects = [...range.getClientRects()].filter((rect) => rect.width > 0);
          if (rects.length !== 1) split.push(match[0]);
          if (rects[0]) tops.add(Math.round(rects[0].top));
        }
      }
      return { text, split, lines: tops.size };
    });
    expect(lines.split, `words broken across lines in "${lines.text}"`).toEqual([]);
    expect(lines.lines, `"${lines.text}" wraps`).toBeGreaterThan(1);
  }
});
