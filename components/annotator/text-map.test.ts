import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type ArticleBlock, articleText, blockTexts, parsePlainArticle } from "@/lib/article";
import { CodePointIndex } from "@/lib/text-offsets";
import { articleToDoc } from "./schema";
import { TextMap } from "./text-map";

const jassy = parsePlainArticle(readFileSync(path.join(import.meta.dirname, "../../content/jassy-bloomberg-retraction.txt"), "utf8"));

// Emoji (astral), a flag, a ZWJ sequence, combining and precomposed accents,
// curly quotes, a list, and emoji at the very start and end of blocks.
const emojiBlocks: ArticleBlock[] = [
  { type: "heading", level: 1, text: "😀 Jassy “calls” for retraction 😀" },
  { type: "heading", level: 2, text: "Key Points" },
  { type: "list", items: ["🇺🇸 first point", "second 👨‍👩‍👧 point", "😀"] },
  { type: "caption", text: "Café e\u0301 ‘caption’" },
  { type: "paragraph", text: "Bloomberg 😀😀 should retract." },
  { type: "paragraph", text: "x" },
];

const articles = { jassy, emoji: emojiBlocks };

/** A small seeded PRNG (mulberry32), so a failing range can be reproduced. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe.each(Object.entries(articles))("TextMap of the %s article", (_name, blocks) => {
  const doc = articleToDoc(blocks);
  const map = new TextMap(doc);
  const plain = new CodePointIndex(articleText(blocks));

  it("has the same plain text as the server computes from the blocks", () => {
    expect(map.text).toBe(articleText(blocks));
    expect(map.index.length).toBe(plain.length);
  });

  it("round-trips every offset through a document position", () => {
    for (let offset = 0; offset <= plain.length; offset++) expect(map.toOffset(map.toPos(offset)), `offset ${offset}`).toBe(offset);
  });

  it("maps the first offset of each block to the start of that block's text", () => {
    let offset = 0;
    for (const text of blockTexts(blocks)) {
      const $pos = doc.resolve(map.toPos(offset));
      expect($pos.parent.textContent).toBe(text);
      expect($pos.parentOffset).toBe(0);
      offset += Array.from(text).length + 1;
    }
  });

  it("maps each offset to a position whose text before it in the block matches the plain text", () => {
    for (let offset = 0; offset <= plain.length; offset++) {
      const $pos = doc.resolve(map.toPos(offset));
      expect($pos.parent.isTextblock, `offset ${offset}`).toBe(true);
      const lineStart = plain.text.lastIndexOf("\n", plain.toUtf16(offset) - 1) + 1;
      expect($pos.parent.textContent.slice(0, $pos.parentOffset), `offset ${offset}`).toBe(plain.text.slice(lineStart, plain.toUtf16(offset)));
    }
  });

  it("gives the same words from doc.textBetween as from the plain text, for many ranges", () => {
    const next = random(blocks.length * 7919);
    for (let n = 0; n < 500; n++) {
      const a = Math.floor(next() * (plain.length + 1));
      const b = Math.floor(next() * (plain.length + 1));
      const [start, end] = a <= b ? [a, b] : [b, a];
      expect(doc.textBetween(map.toPos(start), map.toPos(end), "\n"), `[${start}, ${end})`).toBe(plain.slice(start, end));
    }
  });

  it("gives the same words for every range that starts or ends at a block boundary", () => {
    const boundaries: number[] = [];
    let offset = 0;
    for (const text of blockTexts(blocks)) {
      boundaries.push(offset, offset + Array.from(text).length);
      offset += Array.from(text).length + 1;
    }
    for (const start of boundaries) {
      for (const end of boundaries) {
        if (start > end) continue;
        expect(doc.textBetween(map.toPos(start), map.toPos(end), "\n"), `[${start}, ${end})`).toBe(plain.slice(start, end));
      }
    }
  });

  it("counts a position between two blocks as the end of the block before it", () => {
    let offset = 0;
    for (const text of blockTexts(blocks).slice(0, -1)) {
      const end = offset + Array.from(text).length;
      const afterBlock = map.toPos(end) + 1;
      expect(map.toOffset(afterBlock), `after "${text}"`).toBe(end);
      offset = end + 1;
    }
  });

  it("counts positions before the first block and after the last as the ends of the text", () => {
    expect(map.toOffset(0)).toBe(0);
    expect(map.toOffset(doc.content.size)).toBe(plain.length);
  });
});

describe("TextMap around emoji", () => {
  const blocks: ArticleBlock[] = [
    { type: "paragraph", text: "a😀b" },
    { type: "paragraph", text: "😀" },
  ];
  const doc = articleToDoc(blocks);
  const map = new TextMap(doc);

  it("moves one offset across an emoji but two document positions", () => {
    // Plain text "a😀b\n😀": offsets 0..6; the paragraph's text starts at position 2 (inside its section).
    expect([0, 1, 2, 3].map((offset) => map.toPos(offset))).toEqual([2, 3, 5, 6]);
    expect(map.toPos(4)).toBe(8);
    expect(map.toPos(5)).toBe(10);
    expect(doc.textBetween(map.toPos(1), map.toPos(2))).toBe("😀");
    expect(doc.textBetween(map.toPos(2), map.toPos(5), "\n")).toBe("b\n😀");
  });
});

describe("TextMap of an article with an empty block", () => {
  const blocks: ArticleBlock[] = [
    { type: "paragraph", text: "before" },
    { type: "paragraph", text: "" },
    { type: "list", items: ["", "item"] },
    { type: "paragraph", text: "after" },
  ];
  const doc = articleToDoc(blocks);
  const map = new TextMap(doc);
  const plain = new CodePointIndex(articleText(blocks));

  it("keeps a separator for each empty block, as the server's text does", () => {
    expect(map.text).toBe("before\n\n\nitem\nafter");
  });

  it("round-trips every offset and agrees with textBetween on every range", () => {
    for (let start = 0; start <= plain.length; start++) {
      expect(map.toOffset(map.toPos(start))).toBe(start);
      for (let end = start; end <= plain.length; end++) {
        expect(doc.textBetween(map.toPos(start), map.toPos(end), "\n"), `[${start}, ${end})`).toBe(plain.slice(start, end));
      }
    }
  });
});
