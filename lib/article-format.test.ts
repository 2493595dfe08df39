import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { detectPastedFormat, formatOfFileName } from "./article-format";

describe("detectPastedFormat", () => {
  it("reads HTML with block elements as HTML", () => {
    expect(detectPastedFormat("<h1>Headline</h1>\n<p>First paragraph.</p>")).toBe("html");
    expect(detectPastedFormat('<ul class="points">\n  <li>One</li>\n</ul>')).toBe("html");
    expect(detectPastedFormat("<!DOCTYPE html><title>x</title>")).toBe("html");
    expect(detectPastedFormat("<P>Upper case tags.</P>")).toBe("html");
  });

  it("reads Markdown's headings, links, strong emphasis or fences as Markdown", () => {
    expect(detectPastedFormat("# Headline\n\nFirst paragraph.")).toBe("markdown");
    expect(detectPastedFormat("Headline\n\nSee [the report](https://example.com/report).")).toBe("markdown");
    expect(detectPastedFormat("Headline\n\nThis is **important**.")).toBe("markdown");
    expect(detectPastedFormat("Headline\n\n```\ncode\n```")).toBe("markdown");
  });

  it("reads two weaker signs together (a list and emphasis) as Markdown", () => {
    expect(detectPastedFormat("Headline\n\n- one\n- two\n\nIt was *very* late.")).toBe("markdown");
    expect(detectPastedFormat("Headline\n\n> Quoted.\n\n1. first\n2. second")).toBe("markdown");
  });

  it("keeps plain text plain: news copy, a dash, a hashtag, a lone emphasis or list, a < in prose", () => {
    const cnbc = readFileSync(join(process.cwd(), "content/jassy-bloomberg-retraction.txt"), "utf8");
    expect(detectPastedFormat(cnbc)).toBe("text");
    expect(detectPastedFormat("Headline\n\n– Yes, he said.\n#1 in sales, #MeToo.")).toBe("text");
    expect(detectPastedFormat("Headline\n\nIt was *very* late.")).toBe("text");
    expect(detectPastedFormat("Headline\n\n- one\n- two")).toBe("text");
    expect(detectPastedFormat("Profits were < 5% and <p> is a tag name.")).toBe("text");
    expect(detectPastedFormat("snake_case_names and 2 * 3 * 4")).toBe("text");
    expect(detectPastedFormat("")).toBe("text");
  });
});

describe("formatOfFileName", () => {
  it("knows .txt, .md, .markdown, .html and .htm, and nothing else", () => {
    expect(["a.TXT", "b.md", "c.markdown", "d.html", "e.htm", "f.pdf"].map(formatOfFileName)).toEqual([
      "text",
      "markdown",
      "markdown",
      "html",
      "html",
      null,
    ]);
  });
});
