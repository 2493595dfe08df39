import { type Node as ProseMirrorNode, Schema } from "prosemirror-model";
import type { ArticleBlock } from "@/lib/article";

/**
 * The article's structure as ProseMirror sees it. Every text block holds plain
 * text only (no marks, no inline nodes), so a position inside a block is a
 * UTF-16 index into that block's text; see `text-map.ts`.
 */
export const articleSchema = new Schema({
  nodes: {
    doc: { content: "block+" },
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
    caption: {
      group: "block",
      content: "text*",
      toDOM: () => ["figure", { class: "article-caption" }, ["figcaption", 0]],
      parseDOM: [{ tag: "figcaption" }],
    },
    bullet_list: { group: "block", content: "list_item+", toDOM: () => ["ul", 0], parseDOM: [{ tag: "ul" }] },
    list_item: { content: "text*", toDOM: () => ["li", 0], parseDOM: [{ tag: "li" }] },
    text: {},
  },
  marks: {},
});

/** Builds the ProseMirror document of an article. */
export function articleToDoc(blocks: ArticleBlock[]): ProseMirrorNode {
  const { nodes } = articleSchema;
  const text = (value: string) => (value ? [articleSchema.text(value)] : []);
  return nodes.doc.create(
    null,
    blocks.map((block) => {
      switch (block.type) {
        case "heading":
          return nodes.heading.create({ level: block.level }, text(block.text));
        case "paragraph":
          return nodes.paragraph.create(null, text(block.text));
        case "caption":
          return nodes.caption.create(null, text(block.text));
        case "list":
          return nodes.bullet_list.create(
            null,
            block.items.map((item) => nodes.list_item.create(null, text(item))),
          );
      }
    }),
  );
}
