import { describe, expect, it } from "vitest";
import { readImportResponse } from "./import-response";

const skipped = [
  { index: 1, reason: "unplaceable", message: "The quote is not in the article.", quote: "spy chips" },
  { index: 2, reason: "no_tag", message: "It has no verdict tag." },
];

describe("readImportResponse", () => {
  it("counts what was created and lists what was skipped", () => {
    expect(readImportResponse(201, { created: [{ id: "a" }, { id: "b" }], skipped, comments: 3 })).toEqual({
      kind: "imported",
      created: 2,
      comments: 3,
      skipped,
    });
    expect(readImportResponse(200, { created: [], skipped: [] })).toEqual({ kind: "imported", created: 0, comments: 0, skipped: [] });
  });

  it("passes on an all-or-nothing refusal with what could not be placed", () => {
    expect(readImportResponse(422, { error: { code: "unplaceable", message: "1 annotation cannot be placed." }, skipped })).toEqual({
      kind: "refused",
      status: 422,
      code: "unplaceable",
      message: "1 annotation cannot be placed.",
      skipped,
    });
  });

  it("passes on the API's other errors in their own words", () => {
    expect(readImportResponse(415, { error: { code: "unsupported_media_type", message: "Send the body as application/json." } })).toMatchObject({
      kind: "refused",
      message: "Send the body as application/json.",
      skipped: [],
    });
  });

  it("says so when the answer is not one it knows", () => {
    expect(readImportResponse(502, null)).toMatchObject({ kind: "refused", code: "unexpected_response", message: expect.stringContaining("502") });
    expect(readImportResponse(201, { ok: true })).toMatchObject({ kind: "refused", code: "unexpected_response" });
  });
});

describe("readImportResponse with a paged file", () => {
  it("says which page was not read", () => {
    expect(readImportResponse(201, { created: [{}], skipped: [], next: "https://example.org/page2" })).toEqual({
      kind: "imported",
      created: 1,
      comments: 0,
      skipped: [],
      next: "https://example.org/page2",
    });
  });
});
