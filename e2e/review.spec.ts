import type { Page } from "@playwright/test";
import { parse as parseCsv } from "csv-parse/sync";
import { expect, reviewer, test } from "./fixtures";
import { AnnotatorPage, type ApiAnnotation, articleSlug, type ClaimsApi, scriptHeaders } from "./pages/annotator-page";
import { ReviewPage } from "./pages/review-page";
import { storageStateOf } from "./people";

const colleague = "Bob Bureau";

/**
 * Four claims by two reviewers. In the article's order: played, retract,
 * scenario, chips.
 */
async function arrangeClaims(api: ClaimsApi) {
  const retract = await api.create({
    words: "Bloomberg should retract",
    tag: "disputed",
    reviewer,
    claimant: "Andy Jassy",
    note: "Bloomberg stood by its story.",
    evidence: ["https://aws.amazon.com/blogs/security/setting-the-record-straight/"],
  });
  const played = await api.create({
    words: "Reporters got played",
    tag: "denied",
    reviewer: colleague,
    claimant: "Andy Jassy",
    note: "No evidence offered.",
  });
  const scenario = await api.create({
    words: "the scenario Bloomberg reported never happened",
    tag: "unverified",
    reviewer: colleague,
    claimant: "Tim Cook",
    note: "Apple's statement to Buzzfeed.",
  });
  const chips = await api.create({ words: "malicious chips", tag: "disputed", reviewer, note: "Super Micro says it found none." });
  return { retract, played, scenario, chips };
}

const quotesOf = (...claims: ApiAnnotation[]) => claims.map((claim) => claim.quote);

test("an article's claims are listed in reading order with context, tag, claimant, note, evidence, reviewers and time", async ({ api, review }) => {
  const { retract, played, scenario, chips } = await arrangeClaims(api);
  const changed = await api.update(retract, colleague, { note: "Bloomberg stood by its story, twice." });
  await review.gotoArticle();

  await expect(review.quoteLinks).toHaveText(quotesOf(played, retract, scenario, chips));
  await expect(review.summary).toHaveText("Showing 4 claims, in reading order.");

  const row = review.row(retract.id);
  await expect(row.getByRole("link", { name: "Bloomberg should retract" })).toHaveAttribute("href", `/documents/${articleSlug}?claim=${retract.id}`);
  // The words around the quote, quieter, and not part of the link.
  await expect(row.locator(".quote-context").first()).toHaveText(/^…played or took liberties\. $/);
  await expect(row.locator(".quote-context").last()).toHaveText(/^\." Apple CEO Tim Cook…$/);
  await expect(row.getByText("⚠ Disputed")).toBeVisible();
  await expect(row.getByTestId("claim-claimant")).toHaveText("Andy Jassy");
  await expect(row.getByTestId("claim-note")).toHaveText("Bloomberg stood by its story, twice.");
  // Shown short, without the scheme; the link goes to the whole address.
  await expect(row.getByRole("link", { name: "aws.amazon.com/…/setting-the-record-straight" })).toHaveAttribute(
    "href",
    "https://aws.amazon.com/blogs/security/setting-the-record-straight/",
  );
  await expect(row.getByTestId("claim-reviewer")).toHaveText(`${reviewer} changed by ${colleague}`);
  await expect(row.locator("time")).toHaveAttribute("datetime", changed.updatedAt);
  await expect(row.locator("time")).toHaveText(/^\d{1,2} \p{L}{3,4} \d{4}, \d{2}:\d{2} UTC$/u);
  await expect(review.row(played.id).getByTestId("claim-reviewer")).toHaveText(colleague);
});

test("the chart counts claims by tag, in its picture and in its text, and follows the filters", async ({ api, review }) => {
  await arrangeClaims(api);
  await review.gotoArticle();
  await expect(review.chart).toHaveAttribute("aria-label", "Claims by tag: Disputed 2, Denied 1, Unverified 1");
  expect([await review.count("disputed"), await review.count("denied"), await review.count("unverified")]).toEqual([2, 1, 1]);
  await expect(review.chart.locator(".tag-chart-disputed .tag-chart-count")).toHaveText("2");

  await review.filter({ reviewer: colleague });
  await expect(review.chart).toHaveAttribute("aria-label", "Claims by tag: Disputed 0, Denied 1, Unverified 1");
  await expect(review.chart.locator(".tag-chart-disputed .tag-chart-bar")).toHaveCount(0);
});

test("filter by tag, reviewer, claimant and search; the address keeps the filters through a reload", async ({ api, review, page }) => {
  const { retract, played, scenario, chips } = await arrangeClaims(api);
  await review.gotoArticle();

  await review.filter({ tags: ["disputed"] });
  await expect(review.quoteLinks).toHaveText(quotesOf(retract, chips));
  await review.filter({ tags: ["disputed", "denied"] });
  await expect(review.quoteLinks).toHaveText(quotesOf(played, retract, chips));
  await expect(page).toHaveURL(/\/review\?tag=disputed&tag=denied$/);

  await page.reload();
  await expect(review.quoteLinks).toHaveText(quotesOf(played, retract, chips));
  await expect(review.tagCheckbox("disputed")).toBeChecked();
  await expect(review.tagCheckbox("denied")).toBeChecked();
  await expect(review.tagCheckbox("unverified")).not.toBeChecked();

  // The reviewer field suggests the names on the claims; a name matches in any case.
  const suggested = review.field("Reviewer").locator("xpath=following-sibling::datalist[1]/option");
  await expect(suggested).toHaveCount(2);
  expect(await suggested.evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).toEqual([colleague, reviewer]);
  await review.filter({ tags: [], reviewer: colleague.toUpperCase() });
  await expect(review.quoteLinks).toHaveText(quotesOf(played, scenario));
  await review.filter({ reviewer: "", claimant: "tim cook" });
  await expect(review.quoteLinks).toHaveText(quotesOf(scenario));
  await review.filter({ claimant: "", q: "bloomberg" }); // In a quote, a note, or both.
  await expect(review.quoteLinks).toHaveText(quotesOf(retract, scenario));
  await review.filter({ q: "evidence" }); // Only in a note.
  await expect(review.quoteLinks).toHaveText(quotesOf(played));

  await review.filter({ tags: ["denied"], reviewer: colleague, claimant: "Andy Jassy", q: "evidence" });
  await expect(page).toHaveURL(/\?tag=denied&reviewer=Bob\+Bureau&claimant=Andy\+Jassy&q=evidence$/);
  await review.sortBy("Last change");
  await expect(page).toHaveURL(/\?tag=denied&reviewer=Bob\+Bureau&claimant=Andy\+Jassy&q=evidence&sort=updated$/);
  await page.reload();
  await expect(review.quoteLinks).toHaveText(quotesOf(played));
  await expect(review.field("Reviewer")).toHaveValue(colleague);
  await expect(review.field("Claimant")).toHaveValue("Andy Jassy");
  await expect(review.field("Search")).toHaveValue("evidence");
  await expect(review.columnHeader("Last change")).toHaveAttribute("aria-sort", "descending");

  await review.filter({ tags: [], reviewer: "nobody" });
  await expect(review.summary).toHaveText("No claims match these filters.");
  await expect(review.table).toHaveCount(0);
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(new RegExp(`/documents/${articleSlug}/review$`));
  await expect(review.quoteLinks).toHaveCount(4);
  await expect(review.field("Reviewer")).toHaveValue("");
});

test("sort by last change puts the latest change first", async ({ api, review, page }) => {
  const { retract, played, scenario, chips } = await arrangeClaims(api);
  await api.update(played, reviewer, { note: "Changed last." });
  await review.gotoArticle();
  await expect(review.quoteLinks).toHaveText(quotesOf(played, retract, scenario, chips));

  await review.sortBy("Last change");
  await expect(page).toHaveURL(/\?sort=updated$/);
  await expect(review.quoteLinks).toHaveText(quotesOf(played, chips, scenario, retract));
  await expect(review.summary).toHaveText("Showing 4 claims, latest change first.");
  await expect(review.columnHeader("Last change")).toHaveAttribute("aria-sort", "descending");

  // The same header again: the other way round.
  await review.sortBy("Last change");
  await expect(page).toHaveURL(/\?sort=updated&dir=asc$/);
  await expect(review.quoteLinks).toHaveText(quotesOf(retract, scenario, chips, played));
  await expect(review.summary).toHaveText("Showing 4 claims, earliest change first.");

  // Any other column, with the filters kept.
  await review.filter({ tags: ["disputed", "denied", "unverified"] });
  await expect(page).toHaveURL(/\?tag=disputed&tag=denied&tag=unverified&sort=updated&dir=asc$/);
  await review.sortBy("Tag");
  await expect(page).toHaveURL(/\?tag=disputed&tag=denied&tag=unverified&sort=tag$/);
  await expect(review.rows.evaluateAll((rows) => rows.map((row) => row.getAttribute("data-tag")))).resolves.toEqual([
    "disputed",
    "disputed",
    "denied",
    "unverified",
  ]);
  await review.sortBy("Claimant");
  await expect(page).toHaveURL(/&sort=claimant$/);
  await review.sortBy("Claimant");
  await expect(page).toHaveURL(/&sort=claimant&dir=desc$/);
  await expect(review.columnHeader("Claimant")).toHaveAttribute("aria-sort", "descending");
  await expect(review.rows.getByTestId("claim-claimant")).toHaveText(["Tim Cook", "Andy Jassy", "Andy Jassy", ""]);
  await review.sortBy("Reviewer");
  await expect(page).toHaveURL(/&sort=reviewer$/);
  await expect(review.rows.getByTestId("claim-reviewer")).toHaveText([/^Bob Bureau/, /^Bob Bureau/, /^Rita Reviewer/, /^Rita Reviewer/]);
  await review.sortBy("Quote");
  await expect(review.quoteLinks).toHaveText(quotesOf(played, retract, scenario, chips));
});

test("filters apply as they are typed, with no button to press; names match in part, in any case, with or without accents", async ({
  api,
  review,
  page,
}) => {
  const { retract, played, scenario, chips } = await arrangeClaims(api);
  await api.update(chips, reviewer, { claimant: "Zoë Ångström" });
  await review.gotoArticle();
  await expect(review.filters.getByRole("button", { name: "Apply filters" })).toHaveCount(0);

  await review.field("Reviewer").pressSequentially("bur");
  await expect(review.quoteLinks).toHaveText(quotesOf(played, scenario));
  await expect(page).toHaveURL(/\?reviewer=bur$/);

  await review.field("Reviewer").clear();
  await review.field("Claimant").pressSequentially("ANGSTR");
  await expect(review.quoteLinks).toHaveText(quotesOf(chips));
  await review.field("Claimant").fill("zoe");
  await expect(page).toHaveURL(/\?claimant=zoe$/);
  await expect(review.quoteLinks).toHaveText(quotesOf(chips));

  // Search: words or their start, in quotes, notes and claimants.
  await review.field("Claimant").clear();
  await review.field("Search").pressSequentially("stood");
  await expect(review.quoteLinks).toHaveText(quotesOf(retract));
  await review.field("Search").fill("jass");
  await expect(review.quoteLinks).toHaveText(quotesOf(played, retract));
  // What is typed stays as typed while the page follows it.
  await expect(review.field("Search")).toHaveValue("jass");
  await expect(review.field("Search")).toBeFocused();

  // A tag is a step in the history: Back undoes it, in the list and in the form.
  await review.filter({ tags: ["denied"] });
  await expect(page).toHaveURL(/\?tag=denied&q=jass$/);
  await expect(review.quoteLinks).toHaveText(quotesOf(played));
  await page.goBack();
  await expect(page).toHaveURL(/\?q=jass$/);
  await expect(review.quoteLinks).toHaveText(quotesOf(played, retract));
  await expect(review.tagCheckbox("denied")).not.toBeChecked();
  await expect(review.field("Search")).toHaveValue("jass");
});

test("without JavaScript the filters are a form sent with its button", async ({ browser, api, baseURL }) => {
  const { scenario } = await arrangeClaims(api);
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: storageStateOf("editor"), baseURL });
  try {
    const page = await context.newPage();
    const review = new ReviewPage(page);
    await review.gotoArticle();
    await review.field("Claimant").fill("tim");
    await review.filters.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/[?&]claimant=tim&/);
    await expect(review.quoteLinks).toHaveText(quotesOf(scenario));
  } finally {
    await context.close();
  }
});

test("a long list is paged: Next 100 (rel=next) leads on, First page back, and every claim is met once", async ({ page, request, baseURL }) => {
  const headers = await scriptHeaders(baseURL!);
  // Sorts after the shared article, so that the page of every article keeps that one's claims first.
  const words = Array.from({ length: 130 }, (_, i) => `word${String(i).padStart(3, "0")}`);
  const created = await request.post("/api/documents", {
    data: { title: `Zz paging ${Date.now()}`, text: words.join(" ") },
    headers,
  });
  expect(created.status()).toBe(201);
  const { slug, text } = (await created.json()).document as { slug: string; text: string };
  const ids: string[] = [];
  for (let batch = 0; batch < words.length; batch += 10) {
    const answers = await Promise.all(
      words.slice(batch, batch + 10).map((word, i) => {
        const start = text.indexOf(word);
        return request.post(`/api/documents/${slug}/annotations`, {
          data: { start, end: start + word.length, tag: (["disputed", "denied", "unverified"] as const)[(batch + i) % 3] },
          headers,
        });
      }),
    );
    for (const answer of answers) {
      expect(answer.status()).toBe(201);
      ids.push((await answer.json()).annotation.id);
    }
  }

  const review = new ReviewPage(page);
  await page.goto(`/documents/${slug}/review`);
  await expect(review.summary).toHaveText("Showing the first 100 of 130 claims, in reading order.");
  await expect(review.rows).toHaveCount(100);
  const first = await review.rows.evaluateAll((rows) => rows.map((row) => row.getAttribute("data-claim-id")));
  await expect(page.getByRole("link", { name: "First page" })).toHaveCount(0);

  const next = page.getByRole("link", { name: "Next 100" });
  await expect(next).toHaveAttribute("rel", "next");
  await next.click();
  await expect(page).toHaveURL(/\?after=[\w-]+$/);
  await expect(review.summary).toHaveText("Showing 30 more of 130 claims, in reading order.");
  await expect(review.rows).toHaveCount(30);
  const second = await review.rows.evaluateAll((rows) => rows.map((row) => row.getAttribute("data-claim-id")));
  await expect(page.getByRole("link", { name: "Next 100" })).toHaveCount(0);
  expect([...first, ...second]).toEqual(ids);

  // Filters and sort travel with the pages.
  await page.getByRole("link", { name: "First page" }).click();
  await expect(review.rows).toHaveCount(100);
  await review.filter({ tags: ["disputed"] });
  await expect(review.summary).toHaveText("Showing 44 claims, in reading order.");
  await review.sortBy("Last change");
  await expect(review.summary).toHaveText("Showing 44 claims, latest change first.");
});

test("every article's claims are grouped under the article's title, and the table fits 1280 px without scrolling sideways", async ({
  api,
  review,
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const { retract } = await arrangeClaims(api);
  // Long unbroken words and addresses, which would widen a table that does not wrap them.
  await api.update(retract, reviewer, {
    note: `Checked: ${"unbroken".repeat(30)}`,
    claimant: "Andy Jassy, chief executive of Amazon Web Services at the time",
    evidence: [`https://example.org/${"very-long-path-segment-".repeat(12)}end`],
  });
  await review.gotoAll("reviewer=re");
  const group = page.locator(`tbody[data-article-slug="${articleSlug}"]`);
  await expect(group).toHaveCount(1);
  await expect(group.getByTestId("claim-group-title")).toHaveCount(1);
  await expect(group.getByTestId("claim-group-title")).toHaveText(/Jassy follows Apple/);
  await expect(group.getByTestId("claim-row")).toHaveCount(4);

  const fit = await review.table.evaluate((table) => {
    const scroller = table.parentElement!;
    const cut = [...table.querySelectorAll("th, td")].filter((cell) => cell.scrollWidth > cell.clientWidth + 1).map((cell) => cell.textContent);
    return {
      table: [table.scrollWidth, table.clientWidth],
      scroller: [scroller.scrollWidth, scroller.clientWidth],
      page: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
      cut,
    };
  });
  expect(fit.table[0]).toBeLessThanOrEqual(fit.table[1]);
  expect(fit.scroller[0]).toBeLessThanOrEqual(fit.scroller[1]);
  expect(fit.page[0]).toBeLessThanOrEqual(fit.page[1]);
  expect(fit.cut).toEqual([]);
});

test("filters the server cannot read are explained on the page", async ({ api, review, page }) => {
  await arrangeClaims(api);
  await review.gotoArticle("tag=bogus&sort=sideways");
  await expect(review.invalidFilters).toContainText("tag must be one of: disputed, denied, unverified");
  await expect(review.invalidFilters).toContainText("sort must be one of: position, tag, claimant, reviewer, updated, state, comments");
  await expect(review.table).toHaveCount(0);

  await review.invalidFilters.getByRole("link", { name: "Show all claims" }).click();
  await expect(review.quoteLinks).toHaveCount(4);
  await expect(review.invalidFilters).toHaveCount(0);
  expect(new URL(page.url()).search).toBe("");

  await review.gotoArticle(`q=${"x".repeat(501)}`);
  await expect(review.invalidFilters).toContainText("q: at most 500 characters");
  await review.gotoArticle("tag=DISPUTED"); // Tags are read in any case.
  await expect(review.quoteLinks).toHaveCount(2);
});

test("clicking a quote opens its claim in the editor", async ({ api, review, page }) => {
  const { scenario } = await arrangeClaims(api);
  await review.gotoArticle();
  await review.quoteLinks.filter({ hasText: scenario.quote }).click();

  await expect(page).toHaveURL(new RegExp(`/documents/${articleSlug}\\?claim=${scenario.id}$`));
  const annotator = new AnnotatorPage(page);
  expect(await annotator.openClaimId()).toBe(scenario.id);
  await expect(annotator.claimEditor.getByTestId("claim-quote")).toHaveText(scenario.quote);
  await expect(page.getByTestId("claim-link-missing")).toHaveCount(0);

  // A link to a claim that is gone says so rather than opening nothing silently.
  await api.clear();
  await page.reload();
  await expect(page.getByTestId("claim-link-missing")).toContainText("not in this article");
});

test("with the keyboard alone: search, then open a claim from the table", async ({ api, review, page }) => {
  const { retract, chips } = await arrangeClaims(api);
  await review.gotoArticle();

  await tabTo(page, 'input[name="q"]');
  await page.keyboard.type("retract");
  await page.keyboard.press("Enter");
  await expect(review.quoteLinks).toHaveText(quotesOf(retract));
  await expect(review.quoteLinks).not.toContainText(chips.quote);

  const quote = await tabTo(page, '[data-testid="claim-quote-link"]');
  expect(quote).toBe(retract.quote);
  // Focus is shown, not only moved.
  expect(await page.evaluate(() => document.activeElement!.matches(":focus-visible"))).toBe(true);
  await page.keyboard.press("Enter");

  const annotator = new AnnotatorPage(page);
  expect(await annotator.openClaimId()).toBe(retract.id);
});

test("every article's claims are listed together, with their article", async ({ api, review, page }) => {
  const { retract, played, scenario, chips } = await arrangeClaims(api);
  await page.goto("/");
  await page.getByRole("link", { name: "Review all claims" }).click();
  await expect(page).toHaveURL(/\/review$/);

  // Other tests may have added articles of their own; this one looks at its article's rows.
  const ours = review.rowsOfArticle(articleSlug);
  await expect(ours.getByTestId("claim-quote-link")).toHaveText(quotesOf(played, retract, scenario, chips));
  // The article's title heads its claims once, not on every row.
  await expect(review.groupTitles().filter({ hasText: /Jassy follows Apple/ })).toHaveCount(1);
  await expect(review.row(retract.id).getByRole("link", { name: /Jassy follows Apple/ })).toHaveCount(0);
  await expect(review.exportLink("csv")).toHaveAttribute("href", "/api/export?format=csv");

  await review.filter({ tags: ["unverified"] });
  await expect(ours.getByTestId("claim-quote-link")).toHaveText(quotesOf(scenario));
  await expect(review.exportLink("w3c")).toHaveAttribute("href", "/api/export?tag=unverified&format=w3c");
});

test("the editor and the home page link to the review pages", async ({ annotator, page }) => {
  await expect(annotator.text).toBeVisible();
  await page.getByRole("link", { name: "Review claims" }).click();
  await expect(page).toHaveURL(new RegExp(`/documents/${articleSlug}/review$`));
  // Found by a search: the API tests add many articles on PostgreSQL, and the home page lists 50 at a time, latest first.
  await page.goto(`/?${new URLSearchParams({ q: "Amazon cloud chief Jassy" })}`);
  await page.getByRole("link", { name: /^Review claims in “Amazon cloud chief Jassy/ }).click();
  await expect(page).toHaveURL(new RegExp(`/documents/${articleSlug}/review$`));
});

test("the export buttons download the filtered claims as W3C JSON-LD, CSV and ClaimReview", async ({ api, review }) => {
  const { retract, chips } = await arrangeClaims(api);
  // A ClaimReview is published for approved claims only, by the publisher of the settings.
  await Promise.all([api.approve(retract), api.approve(chips), api.setPublishing()]);
  await review.gotoArticle("tag=disputed");
  await expect(review.quoteLinks).toHaveText(quotesOf(retract, chips));

  const w3c = await review.download("w3c");
  expect(w3c.name).toMatch(/\.json(ld)?$/);
  const collection = JSON.parse(w3c.text);
  expect(collection.type).toBe("AnnotationCollection");
  expect(valuesOf(itemsOf(collection), "exact")).toEqual(quotesOf(retract, chips));

  const csv = await review.download("csv");
  expect(csv.name).toMatch(/\.csv$/);
  const rows: Record<string, string>[] = parseCsv(csv.text, { columns: true, bom: true });
  expect(rows).toHaveLength(2);
  expect(rows.map((row) => Object.values(row).join(" "))).toEqual([expect.stringContaining(retract.quote), expect.stringContaining(chips.quote)]);

  const claimReview = await review.download("claimreview");
  expect(claimReview.name).toMatch(/\.json(ld)?$/);
  expect(valuesOf(JSON.parse(claimReview.text), "claimReviewed")).toEqual(quotesOf(retract, chips));
});

test("import a W3C file the export made: the claims come back, and the table shows them", async ({ api, review }) => {
  const { played } = await arrangeClaims(api);
  await review.gotoArticle("tag=disputed&tag=denied&reviewer=Bob+Bureau");
  await expect(review.quoteLinks).toHaveText(quotesOf(played));
  const exported = await review.download("w3c");

  await api.clear();
  await review.gotoArticle();
  await expect(review.summary).toHaveText("No claims yet.");
  await review.importFile(exported.name, exported.text);
  await expect(review.importReport).toContainText("Imported 1 claim");
  await expect(review.quoteLinks).toHaveText(quotesOf(played));
  expect(await api.list()).toMatchObject([{ quote: played.quote, tag: "denied", claimant: "Andy Jassy", note: "No evidence offered." }]);

  // The same file again adds nothing, and says why.
  await review.importFile(exported.name, exported.text);
  await expect(review.importReport).toContainText("Imported 0 claims; 1 was already here.");
  await expect(review.importReport.getByTestId("import-skipped")).toHaveAttribute("data-reason", "duplicate");
  await expect(review.importReport.getByTestId("import-skipped")).toContainText(`Annotation 1 “${played.quote}”:`);
  expect(await api.list()).toHaveLength(1);
});

test("an import with a claim that cannot be placed is refused whole, or imports the rest when asked", async ({ api, review }) => {
  const { played } = await arrangeClaims(api);
  await review.gotoArticle("tag=disputed&tag=denied&reviewer=Bob+Bureau");
  const exported = await review.download("w3c");
  const unplaceable = withUnplaceableCopy(JSON.parse(exported.text));

  await api.clear();
  await review.gotoArticle();
  await review.importFile("with-orphan.json", JSON.stringify(unplaceable));
  await expect(review.importReport).toHaveAttribute("data-outcome", "refused");
  await expect(review.importReport).toContainText("Nothing was imported");
  await expect(review.importReport.getByTestId("import-skipped")).toHaveCount(1);
  // Named by the words it quotes, beside its place in the file and the reason.
  await expect(review.importReport.getByTestId("import-skipped")).toContainText(
    "Annotation 2 “words that appear nowhere in this article, not even close”: It could not be placed",
  );
  expect(await api.list()).toEqual([]);

  await review.importFile("with-orphan.json", JSON.stringify(unplaceable), { skipUnplaceable: true });
  await expect(review.importReport).toContainText("Imported 1 claim; skipped 1");
  await expect(review.importReport.getByTestId("import-skipped")).toHaveAttribute("data-reason", "not_anchored");
  await expect(review.quoteLinks).toHaveText(quotesOf(played));
  await expect(review.chart).toHaveAttribute("aria-label", "Claims by tag: Disputed 0, Denied 1, Unverified 0");
});

type W3cList = { items?: unknown[]; first?: { items?: unknown[] } };

/** The annotations of a W3C collection (its embedded first page) or page. */
function itemsOf(list: W3cList): unknown[] {
  const items = list.items ?? list.first?.items;
  if (!items) throw new Error("not a W3C collection or page with items");
  return items;
}

/** Every value of a key anywhere in some JSON, in document order. */
function valuesOf(json: unknown, key: string): unknown[] {
  if (Array.isArray(json)) return json.flatMap((item) => valuesOf(item, key));
  if (json === null || typeof json !== "object") return [];
  return Object.entries(json).flatMap(([k, value]) => (k === key ? [value] : valuesOf(value, key)));
}

/**
 * Adds to an exported W3C collection a copy of its first annotation whose
 * quote is nowhere in the article and whose position is out of range.
 */
function withUnplaceableCopy(collection: W3cList) {
  const items = itemsOf(collection);
  if (items.length === 0) throw new Error("the export has no annotations to copy");
  const copy = JSON.parse(JSON.stringify(items[0]), (key, value) => {
    if (key === "id" && typeof value === "string") return undefined;
    if (key === "exact") return "words that appear nowhere in this article, not even close";
    if (key === "prefix" || key === "suffix") return "";
    if (key === "start") return 1_000_000;
    if (key === "end") return 1_000_010;
    return value;
  });
  items.push(copy);
  return collection;
}

/** Presses Tab until the focused element matches `selector`; gives its text. */
async function tabTo(page: Page, selector: string): Promise<string> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press("Tab");
    const text = await page.evaluate((wanted) => {
      const focused = document.activeElement;
      return focused?.matches(wanted) ? (focused.textContent ?? "") : null;
    }, selector);
    if (text !== null) return text;
  }
  throw new Error(`Tab never reached ${selector}`);
}

test("the creator a W3C export names is a page: the person's name, role and the claims they tagged", async ({ api, review, page }) => {
  const { retract, chips } = await arrangeClaims(api);
  await review.gotoArticle("tag=disputed");
  await expect(review.quoteLinks).toHaveText(quotesOf(retract, chips));
  const [first] = itemsOf(JSON.parse((await review.download("w3c")).text)) as { creator: { id: string; type: string; name: string } }[];
  const creator = first!.creator;
  expect(creator).toMatchObject({ type: "Person", name: reviewer });
  await page.goto(new URL(creator.id).pathname);
  await expect(page.getByTestId("person-name")).toHaveText(reviewer);
  await expect(page.getByTestId("person-role")).toHaveText("editor");
  await page.getByTestId("person-claims").getByRole("link").click();
  await expect(page).toHaveURL(/\/review\?reviewer=/);
  await expect(page.getByText(retract.quote).first()).toBeVisible();
});
