import { type Mark, type Node as ProseMirrorNode, Schema } from "prosemirror-model";
import type { ArticleBlock, InlineMark } from "@/lib/article";

/**
 * The article's structure as ProseMirror sees it. Every text block holds plain
 * text only (no marks, no inline nodes), so a position inside a block is a
 * UTF-16 index into that block's text; see `text-map.ts`.
 */
export const articleSchema = new Schema({
  nodes: {
    doc: { content: "section+" },
    // Runs of blocks, invisible to readers. ProseMirror finds a node's
    // decorations by scanning its parent's list of decorated children, so a
    // flat document of 2,500 paragraphs costs thousands of steps per redraw;
    // in sections of `sectionSize` blocks, an untouched section is skipped
    // whole. Sections are also the unit the browser skips laying out when
    // off screen (content-visibility in globals.css).
    section: {
      content: "block+",
      toDOM: () => ["div", { class: "article-section" }, 0],
      parseDOM: [{ tag: "div.article-section" }],
    },
    heading: {
      group: "block",
      content: "text*",
      attrs: { level: { default: 1 } },
      defining: true,
      toDOM: (node) => [`h${node.attrs.level}`, 0],
      parseDOM: [
        { tag: "h1", attrs: { level: 1 } },
        { tag: "h2", attrs: { level: 2 } },
      ],
    },
    paragraph: { group: "block", content: "text*", toDOM: () => ["p", 0], parseDOM: [{ tag: "p" }] },
    quote: {
      group: "block",
      content: "text*",
      toDOM: () => ["blockquote", ["p", 0]],
      parseDOM: [{ tag: "blockquote" }],
    },
    caption: {
      group: "block",
      content: "text*",
      toDOM: () => ["figure", { class: "article-caption" }, ["figcaption", 0]],
      parseDOM: [{ tag: "figcaption" }],
    },
    bullet_list: {
      group: "block",
      content: "list_item+",
      attrs: { ordered: { default: false } },
      toDOM: (node) => [node.attrs.ordered ? "ol" : "ul", 0],
      parseDOM: [{ tag: "ul" }, { tag: "ol", attrs: { ordered: true } }],
    },
    list_item: { content: "text*", toDOM: () => ["li", 0], parseDOM: [{ tag: "li" }] },
    text: {},
  },
  marks: {
    em: { toDOM: () => ["em", 0], parseDOM: [{ tag: "em" }, { tag: "i" }] },
    strong: { toDOM: () => ["strong", 0], parseDOM: [{ tag: "strong" }, { tag: "b" }] },
    link: {
      attrs: { href: {} },
      inclusive: false,
      // Links in the article are shown, not followed on click: a click selects or opens a claim.
      toDOM: (mark) => ["a", { href: mark.attrs.href, rel: "noopener noreferrer nofollow", title: mark.attrs.href }, 0],
      parseDOM: [{ tag: "a[href]", getAttrs: (dom) => ({ href: (dom as HTMLElement).getAttribute("href") }) }],
    },
  },
});

/** Blocks per section: about the square root of a long article's block count. */
export const sectionSize = 48;

/** Builds the ProseMirror document of an article. */
export function articleToDoc(blocks: ArticleBlock[]): ProseMirrorNode {
  const { nodes } = articleSchema;
  const children = blocks.map(blockNode);
  const sections: ProseMirrorNode[] = [];
  for (let i = 0; i < children.length; i += sectionSize) sections.push(nodes.section.create(null, children.slice(i, i + sectionSize)));
  return nodes.doc.create(null, sections.length > 0 ? sections : [nodes.section.create(null, nodes.paragraph.create())]);
}

function blockNode(block: ArticleBlock): ProseMirrorNode {
  const { nodes } = articleSchema;
  switch (block.type) {
    case "heading":
      return nodes.heading.create({ level: block.level }, inline(block.text, block.marks));
    case "paragraph":
    case "caption":
    case "quote":
      return nodes[block.type].create(null, inline(block.text, block.marks));
    case "list":
      return nodes.bullet_list.create(
        { ordered: block.ordered ?? false },
        block.items.map((item, i) => nodes.list_item.create(null, inline(item, block.itemMarks?.[i]))),
      );
  }
}

/** A block's text as text nodes, split where its marks begin and end. */
function inline(text: string, marks: InlineMark[] = []): ProseMirrorNode[] {
  if (!text) return [];
  if (marks.length === 0) return [articleSchema.text(text)];
  const cuts = [...new Set([0, text.length, ...marks.flatMap((m) => [m.start, m.end])])]
    .filter((cut) => cut >= 0 && cut <= text.length)
    .sort((a, b) => a - b);
  const pieces: ProseMirrorNode[] = [];
  for (let i = 0; i < cuts.length - 1; i++) {
    const [from, to] = [cuts[i], cuts[i + 1]];
    if (from === to) continue;
    const active: Mark[] = marks
      .filter((m) => m.start <= from && to <= m.end)
      .map((m) => (m.type === "link" ? articleSchema.marks.link.create({ href: m.href }) : articleSchema.marks[m.type].create()));
    pieces.push(articleSchema.text(text.slice(from, to), sortMarks(active)));
  }
  return pieces;
}

function sortMarks(marks: Mark[]): readonly Mark[] {
  return marks.reduce<readonly Mark[]>((set, mark) => mark.addToSet(set), []);
}
