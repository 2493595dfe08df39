import { describe, expect, it } from "vitest";
import { makeArticle } from "@/bench/lib/article-data";
import { articleFromInput } from "./article-input";
import { ArticleLimitError } from "./article-limits";
import { articleLimits } from "./limits";

/** The limit an article is refused for, or null when it is taken. */
function refusal(input: { text?: string; html?: string; markdown?: string }): { status: number; limit: string } | null {
  try {
    articleFromInput(input);
    return null;
  } catch (error) {
    if (!(error instanceof ArticleLimitError)) throw error;
    return { status: error.status, limit: error.limit };
  }
}

const nested = (open: string, close: string, depth: number) => `${open.repeat(depth)}words${close.repeat(depth)}`;

describe("article limits", () => {
  // The benchmark's 50,000 words in 2,500 paragraphs, as each format would bring them.
  const bench = makeArticle();
  const [headline, ...paragraphs] = bench.text.split("\n");
  // A page saved from a browser: the article inside wrappers, with attributes and emphasis.
  const wrapped = (body: string) => `${'<div class="page" data-x="1">'.repeat(30)}${body}${"</div>".repeat(30)}`;
  const forms = {
    text: bench.source,
    html: wrapped(`<h1>${headline}</h1>${paragraphs.map((p) => `<p class="para" id="p">${p.replace(/^(\S+)/, "<b>$1</b>")}</p>`).join("\n")}`),
    markdown: `# ${headline}\n\n${paragraphs.map((p) => p.replace(/^(\S+)/, "**$1**")).join("\n\n")}\n`,
  };

  for (const [format, source] of Object.entries(forms)) {
    it(`takes the benchmark's 50,000-word article of 2,500 paragraphs as ${format}`, () => {
      const article = articleFromInput({ [format]: source });
      expect(article?.text).toBe(bench.text);
    });
  }

  it.each([
    ["div", "<div>", "</div>"],
    ["list", "<ul><li>", "</li></ul>"],
    ["block quote", "<blockquote>", "</blockquote>"],
    ["bold", "<b>", "</b>"],
  ])("refuses HTML nested deeper than the limit (%s), naming the limit", (_name, open, close) => {
    expect(refusal({ html: nested(open, close, 100_000) })).toEqual({ status: 400, limit: "maxDepth" });
  });

  it("takes HTML nested exactly as deep as the limit", () => {
    expect(refusal({ html: nested("<div>", "</div>", articleLimits.maxDepth) })).toBeNull();
  });

  it("counts unclosed elements as nested", () => {
    expect(refusal({ html: "<span>a".repeat(articleLimits.maxDepth + 1) })).toEqual({ status: 400, limit: "maxDepth" });
  });

  it("refuses more elements than the limit, and takes that many", () => {
    expect(refusal({ html: "<b>a</b>".repeat(articleLimits.maxElements + 1) })).toEqual({ status: 413, limit: "maxElements" });
    expect(refusal({ html: "<br>".repeat(articleLimits.maxElements) })).toEqual(null);
  });

  it("refuses an element with too many attributes or too long an attribute", () => {
    const attributes = (n: number) => Array.from({ length: n }, (_, i) => `a${i}="x"`).join(" ");
    expect(refusal({ html: `<p ${attributes(articleLimits.maxAttributes + 1)}>a</p>` })).toEqual({ status: 400, limit: "maxAttributes" });
    expect(refusal({ html: `<p ${attributes(articleLimits.maxAttributes)}>a</p>`.repeat(10) })).toBeNull();
    expect(refusal({ html: `<a href="${"x".repeat(articleLimits.maxAttributeLength + 1)}">a</a>` })).toEqual({
      status: 413,
      limit: "maxAttributeLength",
    });
  });

  it("refuses more paragraphs than the limit in every format", () => {
    const count = articleLimits.maxBlocks + 1;
    expect(refusal({ text: "Headline\n\n" + "A line.\n".repeat(count) })).toEqual({ status: 413, limit: "maxBlocks" });
    expect(refusal({ markdown: "A line.\n\n".repeat(count) })).toEqual({ status: 413, limit: "maxBlocks" });
    expect(refusal({ html: `<ul>${"<li>item".repeat(count)}</ul>` })).toEqual({ status: 413, limit: "maxBlocks" });
  });

  it("refuses plain text and Markdown of more lines than the limit, blank ones included", () => {
    const lines = articleLimits.maxLines;
    expect(refusal({ markdown: "a\n\n".repeat(lines / 2) })).toEqual({ status: 413, limit: "maxLines" });
    expect(refusal({ text: `Headline\n${"\n".repeat(lines)}` })).toEqual({ status: 413, limit: "maxLines" });
    expect(refusal({ text: `Headline${"\n".repeat(lines - 1)}` })).toBeNull();
  });

  it("refuses a paragraph longer than the limit, such as a huge single line", () => {
    expect(refusal({ text: "word ".repeat(articleLimits.maxBlockLength / 5 + 1) })).toEqual({ status: 413, limit: "maxBlockLength" });
    expect(refusal({ text: "word ".repeat(articleLimits.maxBlockLength / 5 - 1) })).toBeNull();
  });

  it("refuses Markdown whose HTML would pass the element limit", () => {
    // Eight elements a line (an item and its emphasis).
    const line = "* *a* *b* *c* *d* *e* *f* *g*\n";
    expect(refusal({ markdown: line.repeat(articleLimits.maxElements / 8 + 1) })).toEqual({ status: 413, limit: "maxElements" });
  });

  it("refuses Markdown nested deeper than the limit rather than dropping its words", () => {
    const tooDeep = { status: 400, limit: "maxDepth" };
    expect(refusal({ markdown: `${">".repeat(10_000)} words` })).toEqual(tooDeep);
    expect(refusal({ markdown: Array.from({ length: 2_000 }, (_, i) => `${"  ".repeat(i)}- item ${i}`).join("\n") })).toEqual(tooDeep);
    expect(refusal({ markdown: `${"*a _b ".repeat(1_000)}words${" b_ a*".repeat(1_000)}` })).toEqual(tooDeep);
  });

  it("takes Markdown nested a few levels, as articles are", () => {
    const article = articleFromInput({ markdown: "> quoted\n>\n> - item *em **strong [link](https://example.org)***" });
    expect(article?.text).toBe("quoted\nitem em strong link");
  });
});
