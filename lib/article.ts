/**
 * An article is a list of blocks. Its plain text, the text that claim offsets
 * count in, is every text block's text joined by a single "\n", in reading
 * order (a list contributes one text block per item). The editor builds the
 * same blocks into a ProseMirror document, so both sides agree on offsets.
 */
export type ArticleBlock =
  | { type: "heading"; level: 1 | 2 | 3; text: string; marks?: InlineMark[] }
  | { type: "paragraph"; text: string; marks?: InlineMark[] }
  | { type: "caption"; text: string; marks?: InlineMark[] }
  | { type: "quote"; text: string; marks?: InlineMark[] }
  | { type: "list"; items: string[]; ordered?: boolean; itemMarks?: InlineMark[][] };

/**
 * Emphasis and links inside a block's text, by UTF-16 index into that text.
 * They never change the text, so they never move a claim.
 */
export interface InlineMark {
  type: "em" | "strong" | "link";
  start: number;
  end: number;
  href?: string;
}

/** Separator between text blocks in the plain text. */
export const blockSeparator = "\n";

/** The texts of an article's text blocks, in reading order. */
export function blockTexts(blocks: ArticleBlock[]): string[] {
  return blocks.flatMap((block) => (block.type === "list" ? block.items : [block.text]));
}

/** The plain text that claim offsets count in. */
export function articleText(blocks: ArticleBlock[]): string {
  return blockTexts(blocks).join(blockSeparator);
}

const bullet = /^\s*[•*\-–]\s+/;

/**
 * Parses an article kept as plain text in `content/`, laid out as news sites
 * export them: the headline on the first line; an optional "Key Points" line
 * followed by bulleted lines; the photo caption on the line right after the
 * bullets (no blank line between); then paragraphs separated by blank lines.
 * Consecutive non-blank lines elsewhere are separate paragraphs.
 */
export function parsePlainArticle(source: string): ArticleBlock[] {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const blocks: ArticleBlock[] = [];
  let i = 0;
  const skipBlank = () => {
    while (i < lines.length && lines[i].trim() === "") i++;
  };

  skipBlank();
  if (i < lines.length) blocks.push({ type: "heading", level: 1, text: lines[i++].trim() });
  skipBlank();

  if (i < lines.length && /^key points:?$/i.test(lines[i].trim())) {
    blocks.push({ type: "heading", level: 2, text: lines[i++].trim() });
    const items: string[] = [];
    while (i < lines.length && bullet.test(lines[i])) items.push(lines[i++].replace(bullet, "").trim());
    if (items.length > 0) blocks.push({ type: "list", items });
    if (items.length > 0 && i < lines.length && lines[i].trim() !== "") {
      blocks.push({ type: "caption", text: lines[i++].trim() });
    }
  }

  for (; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line !== "") blocks.push({ type: "paragraph", text: line });
  }
  return blocks;
}

/**
 * The article written back in the plain-text layout `parsePlainArticle` reads,
 * so a reviewer can start a revision from the current text. Emphasis and links
 * are not written (plain text has none).
 */
export function blocksToPlainSource(blocks: ArticleBlock[]): string {
  const out: string[] = [];
  blocks.forEach((block, i) => {
    // "Key Points", its bullets and the caption after them sit on consecutive lines.
    const joinsPrevious = (block.type === "list" && blocks[i - 1]?.type === "heading" && i > 1) || block.type === "caption";
    const text = block.type === "list" ? block.items.map((item) => `  • ${item}`).join("\n") : block.text;
    if (joinsPrevious && out.length > 0) out[out.length - 1] += `\n${text}`;
    else out.push(text);
  });
  return `${out.join("\n\n")}\n`;
}
