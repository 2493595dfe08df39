import type { Browser } from "@playwright/test";
import { expect, reviewer, test } from "./fixtures";
import { AnnotatorPage, scriptHeaders } from "./pages/annotator-page";
import { personNamed, storageStateOf, suitePeople } from "./people";

/**
 * A claim's discussion between two people in two browsers: the suite's
 * editor (Rita, the test's page) mentions its reviewer (Ravi) in a comment;
 * Ravi sees it arrive in his open panel without a reload, finds the claim
 * among his mentions, answers and edits his answer; a comment that cannot
 * be sent keeps its words; the editor deletes Ravi's comment and it leaves
 * his page too. A name typed without its accents offers the person all the
 * same. A comment, and an edit of one, shows in the claim's History on both
 * open panels.
 */
const ravi = suitePeople.reviewer;
const words = "Bloomberg should retract";

async function openAsRavi(browser: Browser) {
  const context = await browser.newContext({ storageState: storageStateOf("reviewer") });
  const page = await context.newPage();
  const annotator = new AnnotatorPage(page);
  await annotator.goto();
  await expect(page.getByTestId("reviewer-name")).toHaveText(ravi);
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  return { page, annotator, close: () => context.close() };
}

test("a comment with an @mention reaches the other reviewer live, lists the claim under their mentions, and is edited and deleted as each may", async ({
  annotator,
  api,
  browser,
  baseURL,
  page,
}) => {
  const claim = await api.create({ words, tag: "disputed", reviewer });
  await annotator.goto();
  const other = await openAsRavi(browser);
  await other.annotator.highlight(claim.id).click();
  const raviThread = other.annotator.claimEditor.getByTestId("comment-thread");
  await expect(raviThread).toContainText("No comments yet.");

  // Rita opens the claim and writes, picking Ravi from the people offered after "@".
  await annotator.highlight(claim.id).click();
  const thread = annotator.claimEditor.getByTestId("comment-thread");
  const box = thread.getByRole("combobox", { name: "Add a comment" });
  await box.click();
  await box.pressSequentially("Can you find the tweet, @Rav");
  await expect(thread.getByRole("option", { name: ravi })).toBeVisible();
  await box.press("Enter");
  await expect(box).toHaveValue(`Can you find the tweet, @${ravi} `);
  await box.pressSequentially("please?");
  await thread.getByRole("button", { name: "Comment" }).click();
  await expect(box).toHaveValue("");
  await expect(thread.getByTestId("comment")).toHaveCount(1);

  // Ravi's open panel shows it, with the mention marked, without a reload.
  const raviComments = raviThread.getByTestId("comment");
  await expect(raviComments).toHaveCount(1);
  await expect(raviComments.first()).toContainText(reviewer);
  await expect(raviComments.first().getByTestId("comment-body")).toHaveText(`Can you find the tweet, @${ravi} please?`);
  await expect(raviComments.first().locator("mark.mention")).toHaveText(`@${ravi}`);
  // Not his to change: no Edit, no Delete on Rita's comment.
  await expect(raviComments.first().getByRole("button")).toHaveCount(0);

  // The claim is under Ravi's mentions.
  const mentions = await page.request.get("/api/queue/mentions", { headers: await scriptHeaders(baseURL!, ravi) });
  expect(mentions.status()).toBe(200);
  expect((await mentions.json()).mentions[0]).toMatchObject({ annotationId: claim.id, quote: words, by: { name: reviewer } });

  // Sending fails: what Ravi typed stays, with the reason; sent again, it goes.
  const raviBox = raviThread.getByRole("combobox", { name: "Add a comment" });
  await other.page.route("**/api/annotations/*/comments", (route) =>
    route.request().method() === "POST" ? route.abort("connectionrefused") : route.fallback(),
  );
  await raviBox.fill("Found it: posted on Monday.");
  await raviThread.getByRole("button", { name: "Comment" }).click();
  await expect(raviThread.getByTestId("comment-error")).toContainText("Your comment is still here");
  await expect(raviBox).toHaveValue("Found it: posted on Monday.");
  await other.page.unrouteAll();
  await raviThread.getByRole("button", { name: "Comment" }).click();
  await expect(raviBox).toHaveValue("");
  await expect(raviThread.getByTestId("comment-error")).toHaveCount(0);

  // Rita sees Ravi's answer arrive; Ravi edits it, and Rita sees it marked edited.
  const answer = thread.getByTestId("comment").nth(1);
  await expect(answer.getByTestId("comment-body")).toHaveText("Found it: posted on Monday.");
  const raviAnswer = raviComments.nth(1);
  await raviAnswer.getByRole("button", { name: "Edit" }).click();
  const editBox = raviAnswer.getByRole("combobox", { name: "Edit comment" });
  await editBox.fill("Found it: posted on Monday, 22 October.");
  await raviAnswer.getByRole("button", { name: "Save" }).click();
  await expect(answer.getByTestId("comment-body")).toHaveText("Found it: posted on Monday, 22 October.");
  await expect(answer).toContainText("(edited)");

  // The claims list counts the thread, on both pages.
  await other.annotator.claimEditor.getByRole("button", { name: "Close claim" }).click();
  await expect(other.page.getByTestId("claim-list").getByTestId("comment-count")).toHaveAttribute("aria-label", "2 comments");

  // Rita, an editor, deletes Ravi's answer: it leaves his page, and the count goes down.
  await answer.getByRole("button", { name: "Delete" }).click();
  await answer.getByRole("button", { name: "Delete" }).click();
  await expect(thread.getByTestId("comment")).toHaveCount(1);
  await expect(other.page.getByTestId("claim-list").getByTestId("comment-count")).toHaveAttribute("aria-label", "1 comment");
  await other.annotator.highlight(claim.id).click();
  await expect(raviThread.getByTestId("comment")).toHaveCount(1);
  expect(await other.page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true)).toBe(true);
  await other.close();
});

test("a mention typed without accents or in capitals offers the person, and picking them mentions them", async ({
  annotator,
  api,
  page,
  baseURL,
}) => {
  const emile = "Émile Zola";
  await personNamed(baseURL!, emile);
  const claim = await api.create({ words, tag: "disputed", reviewer });
  await annotator.highlight(claim.id).click();
  const thread = annotator.claimEditor.getByTestId("comment-thread");
  const box = thread.getByRole("combobox", { name: "Add a comment" });
  await box.click();
  for (const typed of ["@EMI", "@Émi"]) {
    await box.fill("");
    await box.pressSequentially(typed);
    await expect(thread.getByRole("option", { name: emile })).toBeVisible();
  }
  await box.fill("");
  await box.pressSequentially("Ask @emi");
  await expect(thread.getByRole("option", { name: emile })).toBeVisible();
  await box.press("Enter");
  // The name goes in as it is written, which the server finds.
  await expect(box).toHaveValue(`Ask @${emile} `);
  await thread.getByRole("button", { name: "Comment" }).click();
  await expect(thread.getByTestId("comment").first().locator("mark.mention")).toHaveText(`@${emile}`);
  const mentions = await page.request.get("/api/queue/mentions", { headers: await scriptHeaders(baseURL!, emile) });
  expect((await mentions.json()).mentions[0]).toMatchObject({ annotationId: claim.id, by: { name: reviewer } });
});

test("a new comment shows in the claim's History on both open panels, without a reload or a change to the claim", async ({
  annotator,
  api,
  browser,
}) => {
  const claim = await api.create({ words, tag: "disputed", reviewer });
  await annotator.page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  await annotator.highlight(claim.id).click();
  const other = await openAsRavi(browser);
  await other.annotator.highlight(claim.id).click();
  const histories = [annotator.claimEditor, other.annotator.claimEditor].map((editor) => editor.getByTestId("claim-history"));
  for (const history of histories) await expect(history).toContainText(`${reviewer} tagged the claim disputed`);

  const thread = annotator.claimEditor.getByTestId("comment-thread");
  await thread.getByRole("combobox", { name: "Add a comment" }).fill("Which tweet?");
  await thread.getByRole("button", { name: "Comment" }).click();
  for (const history of histories) await expect(history).toContainText(`${reviewer} commented “Which tweet?”`);
  // Ravi's edit of his own answer reads the History again too.
  const raviThread = other.annotator.claimEditor.getByTestId("comment-thread");
  await raviThread.getByRole("combobox", { name: "Add a comment" }).fill("The one from Monday.");
  await raviThread.getByRole("button", { name: "Comment" }).click();
  const raviAnswer = raviThread.getByTestId("comment").nth(1);
  await raviAnswer.getByRole("button", { name: "Edit" }).click();
  await raviAnswer.getByRole("combobox", { name: "Edit comment" }).fill("The one from Monday, 22 October.");
  await raviAnswer.getByRole("button", { name: "Save" }).click();
  for (const history of histories) await expect(history).toContainText(`${ravi} edited a comment to “The one from Monday, 22 October.”`);

  expect((await api.list())[0].updatedAt).toBe(claim.updatedAt);
  for (const { page } of [annotator, other])
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true)).toBe(true);
  await other.close();
});
