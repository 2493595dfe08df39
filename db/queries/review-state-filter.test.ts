/** The review pages' filters by review state (`?state=`) and by differing verdicts (`?differ=1`). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as reviewRoute from "@/app/api/annotations/[id]/review/route";
import * as verdictsRoute from "@/app/api/annotations/[id]/verdicts/route";
import * as annotationsRoute from "@/app/api/documents/[slug]/annotations/route";
import { closeDb, getDb } from "@/db/client";
import type { ReviewFilters } from "@/lib/review-filters";
import { person } from "@/test/accounts";
import { call, createTestDocument } from "@/test/api-client";
import { countReviewClaimsByTag, listReviewClaims } from "./review";

const text = "Jassy said the story on spy chips was wrong and should be retracted.";
let documentId: string;
/** In reading order: a draft, a claim in review whose verdicts agree, one whose verdicts differ. */
const ids: string[] = [];

beforeAll(async () => {
  const [maya, rhea] = await Promise.all([person("Maya Chen", "reviewer"), person("Rhea Ross", "reviewer")]);
  const document = await createTestDocument([{ type: "paragraph", text }]);
  documentId = document.id;
  for (const [start, second] of [
    [0, null],
    [10, "disputed"],
    [20, "denied"],
  ] as const) {
    const made = await call(annotationsRoute.POST, { slug: document.slug }, { body: { start, end: start + 5, tag: "disputed" }, token: maya.token });
    const { id, version } = made.json.annotation;
    ids.push(id);
    if (!second) continue;
    const submitted = await call(reviewRoute.POST, { id }, { body: { version, action: "submit" }, token: maya.token });
    expect(submitted.status).toBe(200);
    expect((await call(verdictsRoute.POST, { id }, { body: { tag: second }, token: rhea.token })).status).toBe(201);
  }
});
afterAll(closeDb);

describe("review filters by review", () => {
  const matching = async (filters: Partial<ReviewFilters>) =>
    (await listReviewClaims(await getDb(), { tags: [], sort: "position", dir: "asc", ...filters }, { documentId })).map((claim) => claim.id);

  it("keep the claims at the states named", async () => {
    expect(await matching({ states: ["draft"] })).toEqual([ids[0]]);
    expect(await matching({ states: ["in_review"] })).toEqual([ids[1], ids[2]]);
    expect(await matching({ states: ["draft", "in_review"] })).toEqual(ids);
    expect(await matching({ states: ["approved"] })).toEqual([]);
    expect(await matching({ states: [] })).toEqual(ids);
  });

  it("keep the claims whose verdicts differ, and count them by tag", async () => {
    expect(await matching({ verdictsDiffer: true })).toEqual([ids[2]]);
    expect(await matching({ verdictsDiffer: true, states: ["draft"] })).toEqual([]);
    expect(await countReviewClaimsByTag(await getDb(), { tags: [], sort: "position", dir: "asc", verdictsDiffer: true }, { documentId })).toEqual({
      disputed: 1,
    });
  });
});
