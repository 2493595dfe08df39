import { describe, expect, it } from "vitest";
import { summariseClaimMoves } from "./revision-summary";

const place = (quote: string, start: number, status: "anchored" | "orphan" = "anchored") => ({ quote, start, status });

describe("summariseClaimMoves", () => {
  it("names claims on changed words and new orphans, in the order of the text, and leaves out claims only moved", () => {
    const summary = summariseClaimMoves([
      { id: "later", before: place("twelve million", 5), after: place("fifteen million", 90) },
      { id: "moved", before: place("the bridge", 0), after: place("the bridge", 40) },
      { id: "gone", before: place("on Monday", 60), after: place("on Monday", 60, "orphan") },
      { id: "earlier", before: place("the councl said", 30), after: place("the council said", 10) },
    ]);
    expect(summary).toEqual({
      changedWords: [
        { id: "earlier", before: "the councl said", after: "the council said" },
        { id: "later", before: "twelve million", after: "fifteen million" },
      ],
      orphans: [{ id: "gone", quote: "on Monday" }],
    });
  });

  it("does not count an orphan placed again on its own words, nor one that stays an orphan", () => {
    const summary = summariseClaimMoves([
      { id: "back", before: place("words", 3, "orphan"), after: place("words", 8) },
      { id: "still", before: place("gone", 3, "orphan"), after: place("gone", 3, "orphan") },
    ]);
    expect(summary).toEqual({ changedWords: [], orphans: [] });
  });
});
