import { describe, expect, it } from "vitest";
import type { ArticleBlock } from "./article";
import { compareRevisions } from "./revision-compare";

const blocks: ArticleBlock[] = [
  { type: "heading", level: 1, text: "Bridge costs" },
  { type: "list", items: ["It cost fifteen million", "It opened late"] },
  { type: "paragraph", text: "The council said so." },
];
const newer = { text: "Bridge costs\nIt cost fifteen million\nIt opened late\nThe council said so.", blocks };
const olderText = "Bridge costs\nIt cost twelve million\nIt opened late\nThe mayor agreed.\nThe council said so.";

describe("compareRevisions", () => {
  it("lays the changes out in the newer revision's blocks and marks the claims each change touched", () => {
    const result = compareRevisions(
      {
        text: olderText,
        claims: [
          { id: "cost", start: 16, end: 28 },
          { id: "mayor", start: 52, end: 68 },
          { id: "late", start: 38, end: 49 },
        ],
      },
      { ...newer, claims: [{ id: "cost", start: 16, end: 29 }] },
    );
    expect(result.map(({ type }) => type)).toEqual(["heading", "list-item", "list-item", "paragraph"]);
    const changes = result.flatMap(({ segments }) => segments.filter(({ change }) => change !== "same"));
    expect(changes).toEqual([
      { change: "removed", text: "twelve", claims: ["cost"] },
      { change: "added", text: "fifteen", claims: ["cost"] },
      { change: "removed", text: "mayor agreed.\nThe ", claims: ["mayor"] },
    ]);
    expect(result[3].segments.map(({ text }) => text).join("")).toContain("council said so.");
  });

  it("falls back to one paragraph per line when the blocks do not spell the text", () => {
    const result = compareRevisions({ text: "a\nb", claims: [] }, { text: "a\nc", blocks: [], claims: [] });
    expect(result.map(({ type }) => type)).toEqual(["paragraph", "paragraph"]);
  });
});
