import { describe, expect, it } from "vitest";
import { decodeReviewCursor, encodeReviewCursor, type ReviewCursor } from "./review-cursor";

const id = "3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b";
const byUpdate = { sort: "updated", dir: "asc" } as const;
const byPosition = { sort: "position", dir: "asc" } as const;
/** A cursor as a client could make one by hand: any JSON, base64url. */
const handMade = (json: unknown) => Buffer.from(JSON.stringify(json)).toString("base64url");

describe("review cursors", () => {
  it("read back what they wrote", () => {
    const cursor: ReviewCursor = { dir: "asc", key: { sort: "updated", updatedAt: "2026-12-05 03:04:05.678901+00", id } };
    expect(decodeReviewCursor(encodeReviewCursor(cursor), byUpdate)).toEqual({ cursor });
    const leap: ReviewCursor = { dir: "asc", key: { sort: "updated", updatedAt: "2024-02-29 23:59:59+05:30", id } };
    expect(decodeReviewCursor(encodeReviewCursor(leap), byUpdate)).toEqual({ cursor: leap });
  });

  it("refuse, as not a page of this list, a hand-made key the database would fail on: no such day, an offset past 15 hours, a NUL", () => {
    for (const updatedAt of [
      "2026-02-30 00:00:00+00",
      "2026-13-01 00:00:00+00",
      "2026-01-01 24:00:00+00",
      "0000-01-01 00:00:00+00",
      "2026-01-01 00:00:00+99",
    ]) {
      expect(decodeReviewCursor(handMade({ dir: "asc", key: { sort: "updated", updatedAt, id } }), byUpdate), updatedAt).toHaveProperty("error");
    }
    expect(
      decodeReviewCursor(handMade({ dir: "asc", key: { sort: "position", slug: "a\u0000b", start: 0, end: 1, id } }), byPosition),
    ).toHaveProperty("error");
  });
});
