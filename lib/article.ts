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

/**
 * The blocks of a stored article, for the editor, which counts offsets in
 * their plain text: that must be the stored text the server counts them in.
 * Every writer stores `articleText(blocks)`; should the two ever part (a
 * change to `articleText` with rows written before it), this logs it where
 * an operator sees it, as claims would be drawn on the wrong words.
 */
export function blocksForEditor(article: { slug: string; blocks: ArticleBlock[]; text: string }): ArticleBlock[] {
  if (articleText(article.blocks) !== article.text) {
    console.error(`${article.slug}: the stored text is not the text of its blocks; the editor would put claims on the wrong words.`);
  }
  return article.blocks;
}

/** A bulleted line under "Key Points", as news sites export them. */
const bullet = /^\s*[•*\-–]\s+/;
/**
 * A list item elsewhere: only the mark `blocksToPlainSource` writes, as a
 * paragraph may well start with a dash ("– Yes, he said.") and must keep it.
 */
const bodyBullet = /^\s*•\s+/;
const keyPoints = /^key points:?$/i;
// A headline does not end a sentence: a first line that does is the article's
// first paragraph, pasted without its headline. (A headline may end in a
// quotation: `Minister calls report "misleading"`.)
const endsSentence = /(?:[.;:…]|[.!?,]["”’')])$/;

/**
 * Parses an article kept as plain text in `content/`, laid out as news sites
 * export them: the headline on the first line; a "Key Points" line followed
 * by bulleted lines and, on the line right after them (no blank line
 * between), the photo caption; paragraphs separated by blank lines.
 * Consecutive non-blank lines are separate paragraphs, and lines marked "•"
 * anywhere are a list, so a revision that moves or adds these keeps them.
 *
 * With a `title` (a new article), the first line is the headline only when
 * it reads as one (it is the title, or it does not end a sentence); otherwise
 * the title is the headline and the first line is the first paragraph.
 */
export function parsePlainArticle(source: string, options: { title?: string } = {}): ArticleBlock[] {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const blocks: ArticleBlock[] = [];
  let i = 0;
  while (i < lines.length && lines[i].trim() === "") i++;

  const title = options.title?.trim();
  const first = lines[i]?.trim();
  const readsAsHeadline = (line: string) => line === title || !(endsSentence.test(line) || keyPoints.test(line) || bullet.test(line));
  if (first !== undefined && (!title || readsAsHeadline(first))) {
    blocks.push({ type: "heading", level: 1, text: first });
    i++;
  } else if (first !== undefined && title) {
    blocks.push({ type: "heading", level: 1, text: title });
  }

  while (i < lines.length) {
    const line = lines[i].trim();
    const underKeyPoints = isKeyPoints(blocks.at(-1));
    const marker = underKeyPoints ? bullet : bodyBullet;
    if (line === "") {
      i++;
    } else if (keyPoints.test(line)) {
      blocks.push({ type: "heading", level: 2, text: line });
      i++;
    } else if (marker.test(lines[i])) {
      const items: string[] = [];
      while (i < lines.length && marker.test(lines[i])) items.push(lines[i++].replace(marker, "").trim());
      blocks.push({ type: "list", items });
      const next = lines[i]?.trim();
      if (underKeyPoints && next && !keyPoints.test(next)) {
        blocks.push({ type: "caption", text: next });
        i++;
      }
    } else {
      blocks.push({ type: "paragraph", text: line });
      i++;
    }
  }
  return blocks;
}

function isKeyPoints(block: ArticleBlock | undefined): boolean {
  return block?.type === "heading" && keyPoints.test(block.text);
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
