import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import type { ArticleBlock } from "@/lib/article";
import { call, createTestDocument } from "@/test/api-client";
import * as annotationRoute from "@/app/api/annotations/[id]/route";
import * as annotationsRoute from "@/app/api/documents/[slug]/annotations/route";
import { listReviewClaims, listReviewNames, streamReviewClaims } from "./review";

const blocks: ArticleBlock[] = [{ type: "paragraph", text: "Jassy said the story on spy chips was wrong and should be retracted." }];
let documentId: string;
const ids: string[] = [];

beforeAll(async () => {
  const document = await createTestDocument(blocks);
  documentId = document.id;
  const make = async (start: number, reviewer: string, claimant: string) => {
    const { json } = await call(annotationsRoute.POST, { slug: document.slug }, { body: { start, end: start + 5, tag: "disputed", claimant }, reviewer });
    ids.push(json.annotation.id);
    return json.annotation;
  };
  await make(0, "Rita Reviewer", "Andy Jassy");
  const second = await make(10, "bob bureau", "");
  await make(20, "Rita Reviewer", "Tim Cook");
  // Changed by another reviewer: both names match it.
  await call(annotationRoute.PATCH, { id: second.id }, { method: "PATCH", body: { version: 1, note: "checked" }, reviewer: "Carla Checker" });
  // A deleted claim's names are not offered.
  const gone = await make(30, "Deleted Dan", "Nobody");
  await call(annotationRoute.DELETE, { id: gone.id }, { method: "DELETE" });
});
afterAll(closeDb);

describe("review filters", () => {
  it("match a reviewer's whole name in any case, as creator or last editor", async () => {
    const db = await getDb();
    const matching = async (reviewer: string) =>
      (await listReviewClaims(db, { tags: [], sort: "position", reviewer }, { documentId })).map((claim) => claim.id);
    expect(await matching("rita reviewer")).toEqual([ids[0], ids[2]]);
    expect(await matching("BOB BUREAU")).toEqual([ids[1]]);
    expect(await matching("Carla Checker")).toEqual([ids[1]]);
    expect(await matching("Rita")).toEqual([]);
    expect(await matching("Rita_Reviewer")).toEqual([]); // `_` is a letter here, not a wildcard.
  });

  it("offer the reviewers and claimants of the live claims, each once, sorted", async () => {
    const names = await listReviewNames(await getDb(), { documentId });
    expect(names).toEqual({ reviewers: ["bob bureau", "Carla Checker", "Rita Reviewer"], claimants: ["Andy Jassy", "Tim Cook"] });
  });
});

describe("streamReviewClaims", () => {
  const streamed = async (sort: "position" | "updated", batchSize: number) => {
    const batches: { id: string; slug: string; createdAt: string }[][] = [];
    for await (const batch of streamReviewClaims(await getDb(), { tags: [], sort }, { documentId }, batchSize)) {
      batches.push(batch.map((claim) => ({ id: claim.id, slug: claim.document.slug, createdAt: claim.createdAt })));
    }
    return batches;
  };

  it("reads every live claim once, in batches across keyset boundaries, each with its article", async () => {
    const db = await getDb();
    const [{ document }] = await listReviewClaims(db, { tags: [], sort: "position" }, { documentId });
    for (const sort of ["position", "updated"] as const) {
      const listed = (await listReviewClaims(db, { tags: [], sort }, { documentId })).map((claim) => claim.id);
      const batches = await streamed(sort, 2);
      expect(batches.map((batch) => batch.length)).toEqual([2, 1]);
      expect(batches.flat().map((claim) => claim.id)).toEqual(listed);
      expect(new Set(batches.flat().map((claim) => claim.slug))).toEqual(new Set([document.slug]));
    }
    // The last change comes first: the claim another reviewer changed last.
    expect((await streamed("updated", 2))[0][0].id).toBe(ids[1]);
  });

  it("writes the times as the API does (ISO, UTC, milliseconds)", async () => {
    const [[first]] = await streamed("position", 10);
    expect(first.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });
});
