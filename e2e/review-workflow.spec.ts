import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { AnnotatorPage, articleSlug, roleHeaders } from "./pages/annotator-page";
import { secondReviewer, secondReviewerState, storageStateOf, suitePeople } from "./people";

/**
 * From a first tag to a published verdict (issue 17). Ravi (a reviewer)
 * tags a claim and submits it; Rhea (another reviewer, in her own browser)
 * finds it in her queue and gives a different verdict without seeing his;
 * Rita (an editor, the test's own page) settles it with a comment, and the
 * claim is published in the ClaimReview export. Ravi then changes its note:
 * it leaves the export until it is approved again.
 */
const ravi = suitePeople.reviewer;
const rita = suitePeople.editor;
const words = "Bloomberg should retract";

/** A browser of its own, signed in from `storageState`, on `path`. */
async function browserOf(browser: Browser, storageState: string, path: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ storageState });
  const page = await context.newPage();
  await page.goto(path);
  return { page, close: () => context.close() };
}

/** Rhea's browser on a claim in review: she gives her verdict `tag` blind, and her panel's review section. */
async function rheaJudges(browser: Browser, claimId: string, tag: RegExp) {
  const rhea = await browserOf(browser, secondReviewerState(), `/documents/${articleSlug}?claim=${claimId}`);
  const rheaPage = new AnnotatorPage(rhea.page);
  await rheaPage.claimEditor.getByTestId("blind-verdict").getByRole("radio", { name: tag }).check();
  await rheaPage.claimEditor.getByRole("button", { name: "Give my verdict" }).click();
  return { ...rhea, rheaPage, rheaReview: rheaPage.claimEditor.getByTestId("claim-review") };
}

/** The ClaimReview export of the article, as a script reads it. */
async function claimReviews(
  page: Page,
): Promise<{ status: number; reviews: { url: string; claimReviewed: string; reviewRating: { alternateName: string } }[] }> {
  const response = await page.request.get(`/api/documents/${articleSlug}/export?format=claimreview`, { headers: roleHeaders("editor") });
  const body = await response.json().catch(() => null);
  return { status: response.status(), reviews: response.ok() ? (body["@graph"] ?? []) : [] };
}

test("a claim is tagged, judged twice blind, settled by an editor, published, and unpublished by a later change", async ({ page, api, browser }) => {
  test.slow();
  void api; // The article starts with no claims.

  // The admin sets who publishes the fact-checks, on the Settings page.
  const admin = await browserOf(browser, storageStateOf("admin"), "/settings");
  const settings = admin.page.getByTestId("settings-form");
  await expect(settings).toHaveAttribute("data-loaded", "loaded");
  await settings.getByLabel("Name").fill("Example Fact Check");
  await settings.getByLabel("Website (URL)").fill("not a url");
  await settings.getByLabel(/Public base URL/).fill("https://factcheck.example.org/checks/");
  await settings.getByRole("button", { name: "Save settings" }).click();
  // Refused with the server's reason beside the field; what was typed stays.
  await expect(settings.getByTestId("settings-field-error")).toBeVisible();
  await expect(settings.getByLabel("Name")).toHaveValue("Example Fact Check");
  await settings.getByLabel("Website (URL)").fill("https://factcheck.example.org");
  await settings.getByRole("button", { name: "Save settings" }).click();
  await expect(admin.page.getByTestId("settings-saved")).toHaveText(/Saved/);
  await admin.close();

  // Ravi tags the words, writes a note and submits the claim.
  const raviBrowser = await browserOf(browser, storageStateOf("reviewer"), `/documents/${articleSlug}`);
  const raviPage = new AnnotatorPage(raviBrowser.page);
  await expect(raviPage.text).toBeVisible();
  await raviPage.selectWithMouse(words);
  await raviPage.tagFromToolbar("disputed");
  const id = await raviPage.openClaimId();
  await raviPage.claimEditor.getByLabel("Note").fill("Bloomberg stood by its story.");
  await raviPage.expectSaved();
  const raviReview = raviPage.claimEditor.getByTestId("claim-review");
  await expect(raviReview.getByTestId("review-state")).toHaveText("draft");
  await raviReview.getByRole("button", { name: "Submit for review" }).click();
  await expect(raviReview.getByTestId("review-state")).toHaveText("in review");

  // Rhea finds it in her queue and opens it: Ravi's tag and note are hidden from her until she gives hers.
  const rhea = await browserOf(browser, secondReviewerState(), "/queue");
  await expect(rhea.page.getByTestId("signed-in")).toContainText(secondReviewer);
  const waiting = rhea.page.getByTestId("queue-waiting");
  // (On a PostgreSQL the API tests share, their claims in review wait for her too: only this one is looked for.)
  await expect(waiting.getByRole("heading")).toHaveText(/^Waiting for my second verdict \(\d+\)$/);
  await waiting.getByRole("link", { name: `“${words}”` }).click();
  const rheaPage = new AnnotatorPage(rhea.page);
  await expect(rheaPage.claimEditor).toHaveAttribute("data-claim-id", id);
  await expect(rheaPage.claimEditor.getByTestId("review-blind")).toBeVisible();
  await expect(rheaPage.claimEditor.getByTestId("claim-tag")).toHaveCount(0);
  await expect(rheaPage.claimEditor.getByLabel("Note", { exact: true })).toHaveCount(0);
  await expect(rheaPage.claimEditor).not.toContainText("Bloomberg stood by its story.");
  const blind = rheaPage.claimEditor.getByTestId("blind-verdict");
  await blind.getByRole("radio", { name: /Denied/ }).check();
  await blind.getByLabel("Your note (optional)").fill("Amazon's denial is on record.");
  await blind.getByRole("button", { name: "Give my verdict" }).click();
  // Now both verdicts show, and that they differ: a reviewer cannot settle that.
  const rheaReview = rheaPage.claimEditor.getByTestId("claim-review");
  await expect(rheaReview.getByTestId("verdict")).toHaveCount(2);
  await expect(rheaReview.getByTestId("verdict").filter({ hasText: ravi })).toHaveAttribute("data-tag", "disputed");
  await expect(rheaReview.getByTestId("verdict").filter({ hasText: secondReviewer })).toHaveAttribute("data-tag", "denied");
  await expect(rheaReview.getByTestId("verdicts-differ")).toBeVisible();
  await expect(rheaReview.getByTestId("review-await-editor")).toBeVisible();
  await expect(rheaReview.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await rhea.close();

  // Nothing is published yet.
  expect((await claimReviews(page)).reviews.map((review) => review.claimReviewed)).not.toContain(words);

  // Rita, an editor, finds it on the article's review page among the claims whose verdicts differ, with the agreement.
  await page.goto(`/documents/${articleSlug}/review?verdicts=differ`);
  await expect(page.getByTestId("claim-row")).toHaveCount(1);
  await expect(page.getByTestId("claim-review-state")).toHaveText(/in review\s+verdicts differ/);
  const agreement = page.getByTestId("agreement");
  await expect(agreement.getByTestId("agreement-claims")).toHaveText("1");
  await expect(agreement.getByTestId("agreement-observed")).toHaveText("0%");
  await expect(agreement.getByTestId("agreement-kappa")).toHaveText("0.00");
  await expect(agreement.getByTestId("confusion-disputed-denied")).toHaveText("1");

  // Over all articles the agreement is measured when asked, and lists the same disagreement.
  await page.goto("/review?verdicts=differ");
  await expect(page.getByTestId("claim-row").filter({ hasText: words })).toHaveCount(1);
  await expect(page.getByTestId("agreement")).toHaveCount(0);
  await page.getByTestId("agreement-on-demand").getByRole("button", { name: "Show agreement" }).click();
  const overAll = page.getByTestId("agreement");
  await expect(overAll.getByTestId("confusion-disputed-denied")).not.toHaveText("0");
  await expect(overAll.getByTestId("disagreement").filter({ hasText: words })).toContainText(articleSlug);
  await page.goto(`/documents/${articleSlug}/review?verdicts=differ`);
  await agreement
    .getByTestId("disagreement")
    .getByRole("link", { name: `“${words}”` })
    .click();

  // She settles the verdicts: the final tag, and why.
  await expect(page).toHaveURL(new RegExp(`/documents/${articleSlug}\\?claim=${id}$`));
  const ritaPage = new AnnotatorPage(page);
  const ritaReview = ritaPage.claimEditor.getByTestId("claim-review");
  await expect(ritaReview.getByTestId("verdicts-differ")).toBeVisible();
  const settle = ritaReview.getByTestId("settle-verdicts");
  await settle.getByRole("radio", { name: /Denied/ }).check();
  await expect(settle.getByRole("button", { name: "Settle and approve" })).toBeDisabled();
  await settle.getByLabel("Why (required)").fill("Amazon and Apple both denied it on the record.");
  await settle.getByRole("button", { name: "Settle and approve" }).click();
  await expect(ritaReview.getByTestId("review-state")).toHaveText("approved");
  await expect(ritaReview.getByTestId("review-approved")).toContainText(`Approved by ${rita}`);

  // Ravi's page follows without a reload: approved, by Rita, with the final tag.
  await expect(raviReview.getByTestId("review-state")).toHaveText("approved");
  await expect(raviPage.claimEditor.getByTestId("claim-tag")).toContainText("Denied");

  // Published: the claim is in the ClaimReview export, with the final verdict and the publisher's addresses.
  const published = await claimReviews(page);
  expect(published.status).toBe(200);
  const review = published.reviews.find((r) => r.claimReviewed === words);
  expect(review?.reviewRating.alternateName).toBe("Denied");
  expect(review?.url).toMatch(/^https:\/\/factcheck\.example\.org\//);

  // Ravi changes the note: the approval held for the version it was given on; the claim is in review again, and unpublished.
  await raviPage.claimEditor.getByLabel("Note").fill("Bloomberg stood by its story; Amazon denied it.");
  await raviPage.expectSaved();
  await expect(raviReview.getByTestId("review-state")).toHaveText("in review");
  await expect(ritaReview.getByTestId("review-state")).toHaveText("in review");
  expect((await claimReviews(page)).reviews.map((r) => r.claimReviewed)).not.toContain(words);

  // Approved again by Rita (the verdicts still differ: settled again), it is published again.
  await settle.getByLabel("Why (required)").fill("The change to the note does not change the verdict.");
  await settle.getByRole("button", { name: "Settle and approve" }).click();
  await expect(ritaReview.getByTestId("review-state")).toHaveText("approved");
  expect((await claimReviews(page)).reviews.map((r) => r.claimReviewed)).toContain(words);
  await raviBrowser.close();
});

test("a second reviewer who agrees sends the claim back with a comment, its author finds it in their queue, resubmits, and it is approved in one click", async ({
  api,
  browser,
}) => {
  test.slow();
  // Ravi's claim, submitted for review, as a script would.
  const made = await api.submit(await api.create({ words, tag: "disputed", reviewer: ravi, note: "Bloomberg stood by its story." }), ravi);

  // Rhea gives the same verdict, blind; the verdicts agree, but she asks for a source first.
  const rhea = await rheaJudges(browser, made.id, /Disputed/);
  const { rheaReview } = rhea;
  await expect(rheaReview.getByTestId("verdict")).toHaveCount(2);
  await expect(rheaReview.getByTestId("verdicts-differ")).toHaveCount(0);
  await expect(rheaReview.getByRole("button", { name: "Approve" })).toBeEnabled();
  await rheaReview.getByRole("button", { name: "Request changes…" }).click();
  await rheaReview.getByLabel("What should change (required)").fill("Link Bloomberg's follow-up.");
  await rheaReview.getByRole("button", { name: "Send back to the author" }).click();
  await expect(rheaReview.getByTestId("review-state")).toHaveText("draft");

  // Ravi's queue has it, returned with Rhea's comment; the header counts it.
  const raviBrowser = await browserOf(browser, storageStateOf("reviewer"), "/queue");
  const sections = await raviBrowser.page
    .locator("[data-testid^=queue-][data-count]")
    .evaluateAll((all) => all.map((e) => Number(e.getAttribute("data-count"))));
  expect(sections).toHaveLength(3);
  // Past 99 (other tests' claims in review, on a shared PostgreSQL) the header says "99+".
  const waiting = sections.reduce((a, b) => a + b);
  await expect(raviBrowser.page.getByTestId("queue-link")).toHaveText(`My queue (${waiting >= 100 ? "99+" : waiting})`);
  const returned = raviBrowser.page.getByTestId("queue-returned");
  await expect(returned.getByRole("heading")).toHaveText("Returned to me (1)");
  await expect(returned.getByTestId("queue-claim")).toContainText(`${secondReviewer} asked for changes`);
  await expect(returned.getByTestId("queue-claim")).toContainText("Link Bloomberg's follow-up.");
  await returned.getByRole("link", { name: `“${words}”` }).click();
  const raviPage = new AnnotatorPage(raviBrowser.page);
  await expect(raviPage.claimEditor).toHaveAttribute("data-claim-id", made.id);
  await raviPage.claimEditor.getByTestId("claim-review").getByRole("button", { name: "Submit for review" }).click();
  await expect(raviPage.claimEditor.getByTestId("review-state")).toHaveText("in review");

  // Rhea's page follows; her verdict stands, so she approves in one click.
  await expect(rheaReview.getByTestId("review-state")).toHaveText("in review");
  await rheaReview.getByRole("button", { name: "Approve" }).click();
  await expect(rheaReview.getByTestId("review-approved")).toContainText(`Approved by ${secondReviewer}`);
  await expect(raviPage.claimEditor.getByTestId("review-state")).toHaveText("approved");
  await rhea.close();
  await raviBrowser.close();
});

test("a claim its author retags after verdicts that agree waits for an editor, who settles it in the editor", async ({ page, api, browser }) => {
  test.slow();
  const made = await api.submit(await api.create({ words, tag: "disputed", reviewer: ravi }), ravi);

  // Rhea agrees, blind: she may approve in one click.
  const rhea = await rheaJudges(browser, made.id, /Disputed/);
  const { rheaReview } = rhea;
  await expect(rheaReview.getByRole("button", { name: "Approve" })).toBeEnabled();

  // Ravi retags his claim: no verdict gave its tag now. Rhea's panel follows, and no longer offers what the server refuses.
  const judged = (await api.list()).find((claim) => claim.id === made.id)!;
  await api.update(judged, ravi, { tag: "denied" });
  await expect(rheaReview.getByTestId("review-await-editor")).toHaveText(
    "The claim is tagged Denied now, and the verdicts gave Disputed: an editor decides the final tag.",
  );
  await expect(rheaReview.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await rhea.close();

  // Rita, an editor, settles it: the final tag, and why.
  await page.goto(`/documents/${articleSlug}?claim=${made.id}`);
  const ritaReview = new AnnotatorPage(page).claimEditor.getByTestId("claim-review");
  await expect(ritaReview.getByTestId("review-await-editor")).toHaveText(
    "The claim is tagged Denied now, and the verdicts gave Disputed: an editor decides the final tag, and says why.",
  );
  await expect(ritaReview.getByRole("button", { name: "Approve", exact: true })).toHaveCount(0);
  const settle = ritaReview.getByTestId("settle-verdicts");
  await expect(settle.getByRole("radio", { name: /Denied/ })).toBeChecked();
  await settle.getByLabel("Why (required)").fill("Amazon's denial is on record; the author's new tag stands.");
  await settle.getByRole("button", { name: "Settle and approve" }).click();
  await expect(ritaReview.getByTestId("review-approved")).toContainText(`Approved by ${rita}`);
  expect((await api.list()).find((claim) => claim.id === made.id)).toMatchObject({ tag: "denied", reviewState: "approved" });
});
