/**
 * Checks an article's shape against `articleLimits` before the costly work.
 * sanitize-html takes time that grows with the square of the nesting depth
 * (100,000 nested elements took minutes), so the HTML is first read by a
 * bare htmlparser2 pass that counts depth, elements and attributes and
 * stops at the first limit passed: it never holds more than `maxDepth` open
 * elements, so it stays linear in the size of the text.
 */
import { Parser } from "htmlparser2";
import type { ArticleBlock } from "./article";
import { articleLimits } from "./limits";

/** An article past one of `articleLimits`: `limit` names which, `status` is the HTTP answer it deserves. */
export class ArticleLimitError extends Error {
  constructor(
    readonly status: 400 | 413,
    readonly limit: keyof typeof articleLimits,
    message: string,
  ) {
    super(message);
  }
}

const count = (n: number) => n.toLocaleString("en-US");

/** Throws an `ArticleLimitError` for HTML nested too deep, with too many elements, or with too many or too long attributes. */
export function checkHtmlShape(html: string): void {
  const { maxDepth, maxElements, maxAttributes, maxAttributeLength } = articleLimits;
  let depth = 0;
  let elements = 0;
  let attributes = 0;
  const parser = new Parser(
    {
      onattribute(_name, value) {
        if (++attributes > maxAttributes) {
          throw new ArticleLimitError(400, "maxAttributes", `An element of the article has more than ${count(maxAttributes)} attributes.`);
        }
        if (value.length > maxAttributeLength) {
          throw new ArticleLimitError(413, "maxAttributeLength", `An attribute of the article is over ${count(maxAttributeLength)} characters.`);
        }
      },
      onopentag() {
        attributes = 0;
        if (++elements > maxElements) {
          throw new ArticleLimitError(413, "maxElements", `The article has more than ${count(maxElements)} HTML elements.`);
        }
        if (++depth > maxDepth) {
          throw new ArticleLimitError(400, "maxDepth", `The article nests elements more than ${count(maxDepth)} deep.`);
        }
      },
      onclosetag() {
        depth--;
      },
    },
    // As sanitize-html reads it, so that depths agree.
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
}

/** Throws an `ArticleLimitError` for a plain-text or Markdown article of more lines than the limit. */
export function checkLines(source: string): void {
  const { maxLines } = articleLimits;
  let lines = 1;
  for (let at = source.indexOf("\n"); at >= 0; at = source.indexOf("\n", at + 1)) {
    if (++lines > maxLines) throw new ArticleLimitError(413, "maxLines", `The article has more than ${count(maxLines)} lines.`);
  }
}

/** Throws an `ArticleLimitError` for an article of too many blocks, or with a block too long. */
export function checkBlocks(blocks: readonly ArticleBlock[]): void {
  const { maxBlocks, maxBlockLength } = articleLimits;
  let total = 0;
  for (const block of blocks) {
    const texts = block.type === "list" ? block.items : [block.text];
    total += texts.length;
    if (total > maxBlocks) {
      throw new ArticleLimitError(413, "maxBlocks", `The article has more than ${count(maxBlocks)} paragraphs, headings and list items.`);
    }
    if (texts.some((text) => text.length > maxBlockLength)) {
      throw new ArticleLimitError(413, "maxBlockLength", `A paragraph of the article is over ${count(maxBlockLength)} characters.`);
    }
  }
}
