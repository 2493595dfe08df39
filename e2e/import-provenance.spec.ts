import { hypothesisAnnotation } from "../test/import-samples";
import { expect, test } from "./fixtures";

const quote = "Reporters got played or took liberties.";

test("a claim imported from Hypothesis says who wrote it there and when, in the table and in the claim's panel; its reply is marked imported", async ({
  page,
  review,
}) => {
  await review.gotoArticle();
  const claim = hypothesisAnnotation(quote, ["Disputed"], "AWS gives no detail.");
  // A Hypothesis reply: its author an account IRI, its target the claim's id.
  const reply = {
    type: "Annotation",
    motivation: "replying",
    creator: "acct:bsmith@hypothes.is",
    bodyValue: "Bloomberg stands by it.",
    target: claim.id,
  };
  const file = [claim, reply];
  await review.importFile("hypothesis.json", JSON.stringify(file));
  await expect(review.importReport).toContainText("Imported 1 claim");
  const row = review.rows.filter({ hasText: quote });
  await expect(row.getByTestId("provenance")).toHaveText("by factchecker in Hypothesis, 22 Oct 2018");

  await row.getByTestId("claim-quote-link").click();
  const line = page.getByTestId("claim-provenance");
  await expect(line).toContainText("by factchecker in Hypothesis, 22 Oct 2018");
  // The importer is who tagged it here; the full time and the account are there for whoever needs them.
  await expect(line).toContainText(/^Imported by /);
  await expect(line.locator("time")).toHaveAttribute("datetime", "2018-10-22T14:02:11.123Z");
  await expect(line.getByText("factchecker")).toHaveAttribute("title", "acct:factchecker@hypothes.is");
  // Its reply is by the Hypothesis user, marked as imported.
  await expect(page.getByTestId("comment").filter({ hasText: "Bloomberg stands by it." })).toContainText("bsmith (imported from Hypothesis)");
});
