import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { call, createTestDocument } from "@/test/api-client";
import * as annotationRoute from "@/app/api/annotations/[id]/route";
import * as annotationsRoute from "@/app/api/documents/[slug]/annotations/route";
import { pick } from "@/lib/annotation";
import { type ArticleBlock, articleText } from "@/lib/article";
import type { PlacedClaim } from "@/lib/import/plan";
import { describeRange } from "@/lib/selectors";
import { type ExportClaim, exportClaimKeys } from "@/lib/export/links";
import { createAnnotations } from "./import";
import { countReviewClaimsByTag, listReviewClaims, listReviewNames, streamReviewClaims } from "./review";
import { claimNames } from "../schema";
import type { Tag } from "@/lib/tags";
import { authorNamed } from "@/lib/author";
import { defaultDirection, type ReviewSort, reviewSorts, sortDirections } from "@/lib/review-filters";

const blocks: ArticleBlock[] = [{ type: "paragraph", text: "Jassy said the story on spy chips was wrong and should be retracted." }];
let documentId: string;
let documentSlug: string;
const ids: string[] = [];

beforeAll(async () => {
  const document = await createTestDocument(blocks);
  documentId = document.id;
  documentSlug = document.slug;
  const make = async (start: number, reviewer: string, claimant: string) => {
    const { json } = await call(
      annotationsRoute.POST,
      { slug: document.slug },
      { body: { start, end: start + 5, tag: "disputed", claimant }, reviewer },
    );
    ids.push(json.annotation.id);
    return json.annotation;
  };
  await make(0, "Rita Reviewer", "Andy Jassy");
  const second = await make(10, "bob bureau", "");
  await make(20, "Rita Reviewer", "Tim Cook");
  // Changed last by someone whose name has accents: found by its letters without them.
  await call(annotationRoute.PATCH, { id: ids[2] }, { method: "PATCH", body: { version: 1, note: "seen" }, reviewer: "Zoë Ölander" });
  // Changed by another reviewer: both names match it.
  await call(annotationRoute.PATCH, { id: second.id }, { method: "PATCH", body: { version: 1, note: "checked" }, reviewer: "Carla Checker" });
  // A deleted claim's names are not offered.
  const gone = await make(30, "Deleted Dan", "Nobody");
  await call(annotationRoute.DELETE, { id: gone.id }, { method: "DELETE" });
});
afterAll(closeDb);

describe("review filters", () => {
  it("match part of a reviewer's name in any case, as creator or last editor", async () => {
    const db = await getDb();
    const matching = async (reviewer: string) =>
      (await listReviewClaims(db, { tags: [], sort: "position", dir: "asc", reviewer }, { documentId })).map((claim) => claim.id);
    expect(await matching("rita reviewer")).toEqual([ids[0], ids[2]]);
    expect(await matching("BOB BUREAU")).toEqual([ids[1]]);
    expect(await matching("Carla Checker")).toEqual([ids[1]]);
    expect(await matching("rit")).toEqual([ids[0], ids[2]]);
    expect(await matching("check")).toEqual([ids[1]]);
    expect(await matching("Ritas")).toEqual([]);
    expect(await matching("Rita_Reviewer")).toEqual([]); // `_` is a letter here, not a wildcard.
    expect(await matching("%")).toEqual([]); // And `%` too.
  });

  it("match part of a name that is only a last editor's, in any case and without its accents", async () => {
    const db = await getDb();
    const matching = async (reviewer: string) =>
      (await listReviewClaims(db, { tags: [], sort: "position", dir: "asc", reviewer }, { documentId })).map((claim) => claim.id);
    expect(await matching("zoe ol")).toEqual([ids[2]]);
    expect(await matching("ÖLANDER")).toEqual([ids[2]]);
    expect(await matching("Zoë")).toEqual([ids[2]]);
    expect(await matching("Dan")).toEqual([]); // Only a deleted claim's.
  });

  it("match a claimant's name among more names than are listed to the database", async () => {
    const db = await getDb();
    const marker = `Many${randomUUID().slice(0, 8)}`;
    // Names no live claim has (claim_names keeps every name ever given), and one claim's.
    await db.insert(claimNames).values(Array.from({ length: 5_200 }, (_, i) => ({ kind: "claimant" as const, name: `${marker} ${i}` })));
    const { json } = await call(
      annotationsRoute.POST,
      { slug: documentSlug },
      { body: { start: 40, end: 45, tag: "denied", claimant: `Ana ${marker.toUpperCase()}` }, reviewer: "Rita Reviewer" },
    );
    const found = await listReviewClaims(db, { tags: [], sort: "position", dir: "asc", claimant: marker.toLowerCase() }, { documentId });
    expect(found.map((claim) => claim.id)).toEqual([json.annotation.id]);
    expect(await countReviewClaimsByTag(db, { tags: [], sort: "position", dir: "asc", claimant: marker }, { documentId })).toEqual({ denied: 1 });
    await call(annotationRoute.DELETE, { id: json.annotation.id }, { method: "DELETE" });
  });

  it("count an article's live claims by tag, filtered by tag or not", async () => {
    const db = await getDb();
    const counted = (tags: Tag[]) => countReviewClaimsByTag(db, { tags, sort: "position", dir: "asc" }, { documentId });
    expect(await counted([])).toEqual({ disputed: 3 });
    expect(await counted(["disputed", "denied"])).toEqual({ disputed: 3 });
    expect(await counted(["denied"])).toEqual({});
  });

  it("offer the reviewers and claimants of the live claims, each once, sorted", async () => {
    const names = await listReviewNames(await getDb(), { documentId });
    expect(names).toEqual({ reviewers: ["bob bureau", "Carla Checker", "Rita Reviewer", "Zoë Ölander"], claimants: ["Andy Jassy", "Tim Cook"] });
  });
});

describe("streamReviewClaims", () => {
  const exported = (claim: ExportClaim) => ({ ...pick(claim, exportClaimKeys), document: claim.document });

  /** The batches streamed for one article, each claim as exports read it. */
  const streamed = async (article: string, sort: ReviewSort, batchSize: number, dir = defaultDirection(sort)) => {
    const batches: ExportClaim[][] = [];
    for await (const batch of streamReviewClaims(await getDb(), { tags: [], sort, dir }, { documentId: article }, batchSize)) {
      batches.push(batch.map(exported));
    }
    return batches;
  };
  const listed = async (article: string, sort: ReviewSort, dir = defaultDirection(sort)) =>
    (await listReviewClaims(await getDb(), { tags: [], sort, dir }, { documentId: article })).map(exported);

  it("reads every live claim once, as the review list has it, in batches across keyset boundaries, in every sort and direction", async () => {
    for (const [sort, dir] of reviewSorts.flatMap((sort) => sortDirections.map((dir) => [sort, dir] as const))) {
      const all = await listed(documentId, sort, dir);
      expect(all).toEqual((await listed(documentId, sort, dir === "asc" ? "desc" : "asc")).toReversed());
      expect(all).toHaveLength(3);
      for (const [batchSize, sizes] of [
        [2, [2, 1]],
        [3, [3]],
        [1, [1, 1, 1]],
      ] as const) {
        const batches = await streamed(documentId, sort, batchSize, dir);
        expect(batches.map((batch) => batch.length)).toEqual(sizes);
        expect(batches.flat()).toEqual(all);
      }
    }
    // The last change comes first: the claim another reviewer changed last.
    expect((await streamed(documentId, "updated", 2))[0][0].id).toBe(ids[1]);
  });

  it("keeps claims changed at the same moment apart, by id, across batches", async () => {
    const db = await getDb();
    const article = await createTestDocument(blocks);
    for (const start of [0, 10, 20, 30]) {
      await call(annotationsRoute.POST, { slug: article.slug }, { body: { start, end: start + 5, tag: "denied" } });
    }
    await db.execute(sql`update annotations set updated_at = '2026-01-02T03:04:05.678901Z' where document_id = ${article.id}`);
    const all = await listed(article.id, "updated");
    expect(new Set(all.map((claim) => claim.updatedAt))).toEqual(new Set(["2026-01-02T03:04:05.678Z"]));
    for (const batchSize of [1, 3]) expect((await streamed(article.id, "updated", batchSize)).flat()).toEqual(all);
  });

  it("starts with a small batch, so a download begins at once, then reads on in large ones", async () => {
    const db = await getDb();
    const article = await createTestDocument(blocks);
    const text = articleText(blocks);
    const claim = (start: number): PlacedClaim => ({
      index: 0,
      anchor: describeRange(text, start, start + 5),
      tag: "unverified",
      note: "",
      claimant: "",
      evidence: [],
      method: "quote",
      score: 1,
    });
    await createAnnotations(
      db,
      article,
      Array.from({ length: 250 }, (_, i) => claim(i % 60)),
      authorNamed("Importer"),
    );
    const batches = await streamed(article.id, "position", 2_000);
    expect(batches.map((batch) => batch.length)).toEqual([200, 50]);
    expect(batches.flat()).toEqual(await listed(article.id, "position"));
  });
});
