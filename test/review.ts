/**
 * Review steps for tests that need approved claims (the ClaimReview export
 * holds only those) and the publishing settings a ClaimReview is made on.
 */
import * as reviewRoute from "@/app/api/annotations/[id]/review/route";
import * as annotationRoute from "@/app/api/annotations/[id]/route";
import * as settingsRoute from "@/app/api/settings/route";
import type { Annotation } from "@/lib/annotation";
import { admin } from "./accounts";
import { call } from "./api-client";

/** Publishing settings for tests. */
export const testPublishing = {
  publisher: { name: "Example Checkers", url: "https://checkers.example.org", logo: "https://checkers.example.org/logo.png" },
  publicBaseUrl: "https://checkers.example.org/fact-checks",
};

/** Sets the publishing settings as the admin would. */
export async function setPublishing(settings: object = testPublishing): Promise<void> {
  const answer = await call(settingsRoute.PATCH, {}, { method: "PATCH", body: settings, token: (await admin()).token });
  if (answer.status !== 200) throw new Error(`the settings could not be set: ${answer.status} ${answer.text}`);
}

/** Submits and approves a claim as an editor (`reviewer`, the test's default editor when absent): the claim after. */
export async function approveClaim(id: string, reviewer = "Test Reviewer"): Promise<Annotation> {
  let claim: Annotation = (await call(annotationRoute.GET, { id }, { reviewer })).json.annotation;
  for (const action of claim.reviewState === "draft" ? ["submit", "approve"] : ["approve"]) {
    const answer = await call(reviewRoute.POST, { id }, { body: { version: claim.version, action }, reviewer });
    if (answer.status !== 200) throw new Error(`${action} of ${id} failed: ${answer.status} ${answer.text}`);
    claim = answer.json.annotation;
  }
  return claim;
}
