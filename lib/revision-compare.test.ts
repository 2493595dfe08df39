import { describe, expect, it } from "vitest";
import type { ArticleBlock } from "./article";
import { compareRevisions, type CompareBlock } from "./revision-compare";

/**
 * Each revision's text as the comparison spells it: the newer's from its
 * unchanged and added words, its blocks one per line; the older's from its
 * unchanged and removed words, where the line breaks between blocks go with
 * the blocks, so they are left out of both sides of that comparison.
 */
function spelled(blocks: CompareBlock[]) {
  const newer = blocks
    .map(({ segments }) =>
      segments
        .filter(({ change }) => change !== "removed")
        .map(({ text }) => text)
        .join(""),
    )
    .join("\n");
  const older = blocks.flatMap(({ segments }) => segments.filter(({ change }) => change !== "added").map(({ text }) => text)).join("");
  return { older: withoutBreaks(older), newer };
}

const withoutBreaks = (text: string) => text.replaceAll("\n", "");

/** An article of `paragraphs` paragraphs of `words` words each, from a seed (the same seed, the same text). */
function article(seed: number, paragraphs: number, words: number): string {
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648);
  const vocabulary = ["the", "council", "said", "bridge", "cost", "million", "mayor", "late", "report", "chips", "servers", "story"];
  return Array.from({ length: paragraphs }, () => Array.from({ length: words }, () => vocabulary[next() % vocabulary.length]).join(" ")).join("\n");
}

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
      // A block gone whole is removed whole (blocks are compared before words).
      { change: "removed", text: "The mayor agreed.\n", claims: ["mayor"] },
    ]);
    expect(result[3].segments.map(({ text }) => text).join("")).toContain("council said so.");
  });

  it("spells both revisions, whatever was changed, added or removed", () => {
    const older = article(1, 40, 12);
    const paragraphs = older.split("\n");
    paragraphs[3] = article(2, 1, 12); // rewritten
    paragraphs.splice(10, 2); // two removed
    paragraphs.splice(20, 0, article(3, 3, 5)); // three added
    paragraphs[30] = `${paragraphs[30]} and more`; // one word more
    paragraphs[33] = paragraphs[33].replace(" ", "  "); // two spaces for one
    const newer = paragraphs.join("\n");
    const result = compareRevisions({ text: older, claims: [] }, { text: newer, blocks: [], claims: [] });
    expect(spelled(result)).toEqual({ older: withoutBreaks(older), newer });
    expect(result.flatMap(({ segments }) => segments).filter(({ change, text }) => change === "added" && text.includes("and more"))).toHaveLength(1);
  });

  it("past its time budget shows each changed block removed and added whole, and still spells both revisions", () => {
    const older = article(4, 300, 40);
    const newer = article(5, 300, 40); // every word rewritten
    const claims = [{ id: "c", start: 0, end: 10 }];
    const result = compareRevisions({ text: older, claims }, { text: newer, blocks: [], claims }, { budgetMs: 0 });
    expect(spelled(result)).toEqual({ older: withoutBreaks(older), newer });
    expect(result).toHaveLength(300);
    const newerBlocks = newer.split("\n");
    for (const [i, block] of result.entries()) {
      // No word compared: each newer block added whole, the older words removed whole beside them, nothing unchanged.
      expect(block.segments.filter(({ change }) => change === "added").map(({ text }) => text)).toEqual([newerBlocks[i]]);
      expect(block.segments.some(({ change }) => change === "same")).toBe(false);
    }
    expect(result[0].segments.filter(({ claims: touched }) => touched.includes("c")).length).toBeGreaterThan(0);
  });

  it("counts a change of spaces as a change, so that later removed words name the claims that were on them", () => {
    const older = "The          mayor said no. The council said yes.";
    const newer = "The mayor said no. The council said maybe.";
    const yes = older.indexOf("yes");
    const result = compareRevisions({ text: older, claims: [{ id: "yes", start: yes, end: yes + 3 }] }, { text: newer, blocks: [], claims: [] });
    const changes = result.flatMap(({ segments }) => segments.filter(({ change }) => change !== "same"));
    expect(changes.find(({ change, text }) => change === "removed" && text.includes("yes"))?.claims).toEqual(["yes"]);
  });

  it("falls back to one paragraph per line when the blocks do not spell the text", () => {
    const result = compareRevisions({ text: "a\nb", claims: [] }, { text: "a\nc", blocks: [], claims: [] });
    expect(result.map(({ type }) => type)).toEqual(["paragraph", "paragraph"]);
  });
});
