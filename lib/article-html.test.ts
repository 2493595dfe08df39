import { describe, expect, it } from "vitest";
import { articleText } from "./article";
import { htmlToBlocks, markdownToBlocks, sanitizeArticleHtml } from "./article-html";

describe("HTML articles", () => {
  it("keeps headings, paragraphs, lists, block quotes, emphasis and links", () => {
    const blocks = htmlToBlocks(`
      <h1>Spy   chips</h1>
      <p>Bloomberg <em>alleged</em> a <a href="https://example.org/x">hack</a>.</p>
      <ul><li>One <strong>point</strong></li><li>Two</li></ul>
      <ol><li>First</li></ol>
      <blockquote><p>Bloomberg should retract.</p></blockquote>
      <h4>Deep heading</h4>`);
    expect(blocks).toEqual([
      { type: "heading", level: 1, text: "Spy chips" },
      {
        type: "paragraph",
        text: "Bloomberg alleged a hack.",
        marks: [
          { type: "em", start: 10, end: 17 },
          { type: "link", start: 20, end: 24, href: "https://example.org/x" },
        ],
      },
      { type: "list", items: ["One point", "Two"], itemMarks: [[{ type: "strong", start: 4, end: 9 }], []] },
      { type: "list", items: ["First"], ordered: true },
      { type: "quote", text: "Bloomberg should retract." },
      { type: "heading", level: 3, text: "Deep heading" },
    ]);
  });

  it("drops scripts, styles, event handlers, unsafe links and unknown elements but keeps their words", () => {
    const html = `<p onclick="steal()">Safe <script>alert(1)</script><style>p{}</style><custom-tag>words</custom-tag>
      <a href="javascript:alert(1)">link</a> <img src=x onerror=alert(1)></p><iframe src="https://evil"></iframe>`;
    const clean = sanitizeArticleHtml(html);
    expect(clean).not.toMatch(/script|style|onclick|onerror|javascript|iframe|img|custom-tag/i);
    const blocks = htmlToBlocks(html);
    expect(articleText(blocks)).toBe("Safe words link");
    expect(JSON.stringify(blocks)).not.toContain("href");
  });

  it("decodes entities and collapses whitespace as a browser shows them", () => {
    expect(articleText(htmlToBlocks("<p>  Caf&eacute;\n\n &ldquo;quoted&rdquo;&nbsp;😀 </p>"))).toBe("Café “quoted”\u00a0😀");
  });

  it("reads text outside any block as paragraphs", () => {
    expect(htmlToBlocks("Loose text<p>Para</p>tail")).toEqual([
      { type: "paragraph", text: "Loose text" },
      { type: "paragraph", text: "Para" },
      { type: "paragraph", text: "tail" },
    ]);
  });
});

describe("Markdown articles", () => {
  it("renders Markdown structure into blocks and shows raw HTML as text, never runs it", () => {
    const blocks = markdownToBlocks(
      "# Title\n\nSome *emphasis* and [a link](https://example.org).\n\n- a\n- b\n\n> quoted\n\n<script>alert(1)</script>",
    );
    expect(blocks.map((b) => b.type)).toEqual(["heading", "paragraph", "list", "quote", "paragraph"]);
    expect(articleText(blocks)).toBe("Title\nSome emphasis and a link.\na\nb\nquoted\n<script>alert(1)</script>");
    expect(blocks[1]).toMatchObject({ marks: [{ type: "em" }, { type: "link", href: "https://example.org" }] });
  });
});
