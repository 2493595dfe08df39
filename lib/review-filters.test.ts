import { describe, expect, it } from "vitest";
import { parseReviewFilters, reviewFiltersToSearchParams } from "./review-filters";

const parse = (query: string) => parseReviewFilters(new URLSearchParams(query));

describe("review filters: review state and differing verdicts", () => {
  it("reads states and `verdicts=differ`, and writes them back the same", () => {
    const parsed = parse("state=in_review&state=approved&state=in_review&verdicts=differ");
    expect(parsed).toEqual({ filters: { tags: [], sort: "position", dir: "asc", states: ["in_review", "approved"], verdictsDiffer: true } });
    if ("filters" in parsed) expect(reviewFiltersToSearchParams(parsed.filters).toString()).toBe("state=in_review&state=approved&verdicts=differ");
  });

  it("leaves both out when absent or empty, as before", () => {
    expect(parse("state=&verdicts=")).toEqual({ filters: { tags: [], sort: "position", dir: "asc" } });
  });

  it("names a state it does not know, and a verdicts filter other than differ", () => {
    expect(parse("state=published")).toEqual({ error: expect.stringContaining("state must be one of: draft, in_review, approved") });
    expect(parse("verdicts=agree")).toEqual({ error: expect.stringContaining('verdicts must be "differ"') });
  });
});
