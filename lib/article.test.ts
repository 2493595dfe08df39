import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { type ArticleBlock, articleText, blockSeparator, blocksForEditor, blockTexts, blocksToPlainSource, parsePlainArticle } from "./article";

const jassySource = readFileSync(path.join(import.meta.dirname, "../content/jassy-bloomberg-retraction.txt"), "utf8");

describe("parsePlainArticle on the Jassy article", () => {
  const blocks = parsePlainArticle(jassySource);

  it("starts with the headline as a level 1 heading", () => {
    expect(blocks[0]).toEqual({
      type: "heading",
      level: 1,
      text: "Amazon cloud chief Jassy follows Apple in calling for retraction of Chinese spy chip story",
    });
  });

  it("makes “Key Points” a level 2 heading followed by its two bullets, without the bullet character", () => {
    expect(blocks[1]).toEqual({ type: "heading", level: 2, text: "Key Points" });
    expect(blocks[2]).toEqual({
      type: "list",
      items: [
        "AWS CEO Andy Jassy said Bloomberg story on spy chips was wrong and should be retracted.",
        "He followed the lead of Apple CEO Tim Cook, who told Buzzfeed last week that the story was inaccurate.",
      ],
    });
  });

  it("takes the line right after the bullets as the photo caption", () => {
    expect(blocks[3]).toEqual({
      type: "caption",
      text: "Andy Jassy, CEO Amazon Web Services, speaks at the WSJD Live conference in Laguna Beach, California, U.S., October 25, 2016.",
    });
  });

  it("makes every other non-blank line a paragraph, in order", () => {
    const paragraphs = blocks.slice(4);
    expect(paragraphs.every((block) => block.type === "paragraph")).toBe(true);
    const texts = blockTexts(paragraphs);
    expect(texts).toHaveLength(10);
    expect(texts[0]).toMatch(/^Andy Jassy, the CEO of Amazon Web Services, followed Apple's lead/);
    expect(texts[1]).toMatch(/^"They offered no proof, story kept changing/);
    expect(texts[2]).toMatch(/^Apple CEO Tim Cook told Buzzfeed on Friday/);
    expect(texts[7]).toBe("WATCH: Super Micro plunges on new report of hacked hardware in US");
    // The last two lines are identical and not separated by a blank line: still two paragraphs.
    expect(texts.slice(8)).toEqual([
      "Super Micro plunges on new report of hacked hardware in US",
      "Super Micro plunges on new report of hacked hardware in US",
    ]);
  });

  it("has no empty block and no text with whitespace at either end", () => {
    for (const text of blockTexts(blocks)) {
      expect(text).not.toBe("");
      expect(text).toBe(text.trim());
      expect(text).not.toContain("\n");
    }
  });

  it("has no bullet list other than the key points and a single caption", () => {
    expect(blocks.filter((block) => block.type === "list")).toHaveLength(1);
    expect(blocks.filter((block) => block.type === "caption")).toHaveLength(1);
  });

  it("gives a plain text that starts with the headline and runs the key points on their own lines", () => {
    const text = articleText(blocks);
    expect(text.startsWith("Amazon cloud chief Jassy follows Apple")).toBe(true);
    expect(text).toContain(
      "\nKey Points\nAWS CEO Andy Jassy said Bloomberg story on spy chips was wrong and should be retracted.\nHe followed the lead",
    );
    expect(text).not.toContain("•");
    expect(text).not.toContain("\n\n");
    expect(text.endsWith("hacked hardware in US")).toBe(true);
  });
});

describe("parsePlainArticle layouts", () => {
  it("reads Windows and old Mac line endings like Unix ones", () => {
    const unix = parsePlainArticle("Headline\n\nKey Points\n• One\n• Two\nCaption\n\nBody.\n");
    expect(parsePlainArticle("Headline\r\n\r\nKey Points\r\n• One\r\n• Two\r\nCaption\r\n\r\nBody.\r\n")).toEqual(unix);
    expect(parsePlainArticle("Headline\r\rKey Points\r• One\r• Two\rCaption\r\rBody.\r")).toEqual(unix);
  });

  it("accepts the other bullet characters and “Key points:” spelt with a colon", () => {
    expect(parsePlainArticle("H\nKey points:\n- a\n* b\n– c\n• d\nCaption")).toEqual([
      { type: "heading", level: 1, text: "H" },
      { type: "heading", level: 2, text: "Key points:" },
      { type: "list", items: ["a", "b", "c", "d"] },
      { type: "caption", text: "Caption" },
    ]);
  });

  it("has no key points, list or caption when the article has none", () => {
    expect(parsePlainArticle("\n\n  Headline  \n\nFirst paragraph.\nSecond paragraph.\n\n\nThird.")).toEqual([
      { type: "heading", level: 1, text: "Headline" },
      { type: "paragraph", text: "First paragraph." },
      { type: "paragraph", text: "Second paragraph." },
      { type: "paragraph", text: "Third." },
    ]);
  });

  it("has no caption when a blank line follows the bullets", () => {
    expect(parsePlainArticle("H\nKey Points\n• a\n\nBody.")).toEqual([
      { type: "heading", level: 1, text: "H" },
      { type: "heading", level: 2, text: "Key Points" },
      { type: "list", items: ["a"] },
      { type: "paragraph", text: "Body." },
    ]);
  });

  it("keeps Key Points, bullets and caption when a paragraph is added before them, and reads bullets anywhere as a list", () => {
    expect(parsePlainArticle("H\n\nA new first paragraph.\n\nKey Points\n  - a\n  • b\nCaption\n\nBody:\n• x\n  • y\nAfter.")).toEqual([
      { type: "heading", level: 1, text: "H" },
      { type: "paragraph", text: "A new first paragraph." },
      { type: "heading", level: 2, text: "Key Points" },
      { type: "list", items: ["a", "b"] },
      { type: "caption", text: "Caption" },
      { type: "paragraph", text: "Body:" },
      { type: "list", items: ["x", "y"] },
      { type: "paragraph", text: "After." },
    ]);
  });

  it("takes a given title as the headline only when the first line does not read as one", () => {
    expect(parsePlainArticle("Jassy wrote a tweet.\n\nMore.", { title: "T" })).toEqual([
      { type: "heading", level: 1, text: "T" },
      { type: "paragraph", text: "Jassy wrote a tweet." },
      { type: "paragraph", text: "More." },
    ]);
    expect(parsePlainArticle("Key Points\n• a", { title: "T" }).slice(0, 2)).toEqual([
      { type: "heading", level: 1, text: "T" },
      { type: "heading", level: 2, text: "Key Points" },
    ]);
    expect(parsePlainArticle("Is the story true?\n\nMore.", { title: "T" })[0]).toEqual({ type: "heading", level: 1, text: "Is the story true?" });
    expect(parsePlainArticle('Minister calls report "misleading"\n\nMore.', { title: "T" })[0]).toMatchObject({
      text: 'Minister calls report "misleading"',
    });
    expect(parsePlainArticle("“We never saw a chip,” he said.”\n\nMore.", { title: "T" })[0]).toMatchObject({ text: "T" });
    expect(parsePlainArticle("Says who.\n\nMore.", { title: "Says who." })[0]).toEqual({ type: "heading", level: 1, text: "Says who." });
    expect(parsePlainArticle("Jassy wrote a tweet.")[0]).toEqual({ type: "heading", level: 1, text: "Jassy wrote a tweet." });
  });

  it("gives no blocks for an empty or blank source", () => {
    expect(parsePlainArticle("")).toEqual([]);
    expect(parsePlainArticle(" \n\t\n")).toEqual([]);
  });
});

describe("articleText and blockTexts", () => {
  const blocks: ArticleBlock[] = [
    { type: "heading", level: 1, text: "Title 😀" },
    { type: "list", items: ["one", "two"] },
    { type: "caption", text: "A “caption”" },
    { type: "paragraph", text: "Café e\u0301." },
  ];

  it("lists one text per block and one per list item, in reading order", () => {
    expect(blockTexts(blocks)).toEqual(["Title 😀", "one", "two", "A “caption”", "Café e\u0301."]);
  });

  it("joins the texts with a single newline", () => {
    expect(blockSeparator).toBe("\n");
    expect(articleText(blocks)).toBe("Title 😀\none\ntwo\nA “caption”\nCafé e\u0301.");
  });

  it("is empty for no blocks and has no separator for one block", () => {
    expect(articleText([])).toBe("");
    expect(articleText([{ type: "paragraph", text: "only" }])).toBe("only");
  });

  it("hands the editor an article's blocks, and logs when they are not its stored text", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      expect(blocksForEditor({ slug: "a", blocks, text: articleText(blocks) })).toBe(blocks);
      expect(error).not.toHaveBeenCalled();
      expect(blocksForEditor({ slug: "b", blocks, text: `${articleText(blocks)} ` })).toBe(blocks);
      expect(error).toHaveBeenCalledWith(expect.stringContaining("b: the stored text is not the text of its blocks"));
    } finally {
      error.mockRestore();
    }
  });
});

describe("blocksToPlainSource", () => {
  it("writes the article back in the layout parsePlainArticle reads, losing nothing", () => {
    const blocks = parsePlainArticle(jassySource);
    expect(parsePlainArticle(blocksToPlainSource(blocks))).toEqual(blocks);
  });

  it("keeps a paragraph that starts with a dash or a star as it is", () => {
    const blocks: ArticleBlock[] = [
      { type: "heading", level: 1, text: "H" },
      { type: "paragraph", text: "– Yes, he said." },
      { type: "paragraph", text: "- 30 -" },
      { type: "paragraph", text: "* Corrected on Monday." },
    ];
    expect(parsePlainArticle(blocksToPlainSource(blocks))).toEqual(blocks);
  });

  it("writes a list in the body so it reads back as a list", () => {
    const blocks: ArticleBlock[] = [
      { type: "heading", level: 1, text: "H" },
      { type: "paragraph", text: "Intro." },
      { type: "heading", level: 2, text: "Key Points" },
      { type: "list", items: ["a"] },
      { type: "caption", text: "Caption" },
      { type: "paragraph", text: "Body." },
      { type: "list", items: ["x", "y"] },
    ];
    expect(parsePlainArticle(blocksToPlainSource(blocks))).toEqual(blocks);
  });
});
