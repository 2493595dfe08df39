/**
 * Articles pasted or uploaded as HTML (and Markdown, rendered to HTML first).
 * sanitize-html removes everything but the structure we keep (headings,
 * paragraphs, lists, block quotes, emphasis, links with http(s) or mailto
 * addresses); scripts, styles, event handlers and unknown elements go, with
 * the text of unknown elements kept. htmlparser2 then walks what is left into
 * article blocks, collapsing whitespace as a browser would.
 */
import { Parser } from "htmlparser2";
import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";
import type { ArticleBlock, InlineMark } from "./article";
import { ArticleLimitError, checkHtmlShape } from "./article-limits";
import { articleLimits } from "./limits";

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: ["h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "li", "blockquote", "em", "i", "strong", "b", "a", "br", "figcaption"],
  allowedAttributes: { a: ["href"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowProtocolRelative: false,
  // Drop these with their contents; other unknown elements keep their text.
  nonTextTags: ["script", "style", "textarea", "option", "noscript", "template", "head", "title", "svg", "math", "iframe", "object"],
};

/** HTML with only the elements and attributes articles keep. */
export function sanitizeArticleHtml(html: string): string {
  return sanitizeHtml(html, sanitizeOptions);
}

// Past `maxNesting` markdown-it drops the rest of the text without a word;
// the rules below refuse the article one level before that instead.
const markdown = new MarkdownIt({ html: false, linkify: false, maxNesting: articleLimits.maxDepth + 1 });
const refuseTooDeep = (state: { level: number }) => {
  if (state.level >= articleLimits.maxDepth) {
    throw new ArticleLimitError(400, "maxDepth", `The article nests lists, quotes or emphasis more than ${articleLimits.maxDepth} deep.`);
  }
  return false;
};
markdown.block.ruler.before("table", "refuse_too_deep", refuseTooDeep);
markdown.inline.ruler.before("text", "refuse_too_deep", refuseTooDeep);

/**
 * Blocks of a Markdown article (raw HTML inside it is shown as text, not
 * run). Throws an `ArticleLimitError` past `articleLimits`.
 */
export function markdownToBlocks(source: string): ArticleBlock[] {
  return htmlToBlocks(markdown.render(source));
}

interface OpenBlock {
  kind: "heading" | "paragraph" | "caption" | "quote" | "item";
  level?: 1 | 2 | 3;
  text: string;
  marks: InlineMark[];
}

const markTags: Record<string, InlineMark["type"]> = { em: "em", i: "em", strong: "strong", b: "strong", a: "link" };

/**
 * Blocks of an HTML article, sanitised first. Throws an `ArticleLimitError`
 * for HTML past `articleLimits` (checked before sanitising, which it would
 * otherwise hold for minutes).
 */
export function htmlToBlocks(html: string): ArticleBlock[] {
  checkHtmlShape(html);
  const blocks: ArticleBlock[] = [];
  let block: OpenBlock | null = null;
  const openMarks: { type: InlineMark["type"]; start: number; href?: string }[] = [];
  const lists: { ordered: boolean; items: string[]; itemMarks: InlineMark[][] }[] = [];
  let quoteDepth = 0;

  const start = (kind: OpenBlock["kind"], level?: 1 | 2 | 3) => {
    finish();
    block = { kind, level, text: "", marks: [] };
  };
  const finish = () => {
    const current = block as OpenBlock | null;
    block = null;
    if (!current) return;
    // Close marks still open at the block's end, trim, and shift marks with the trim.
    for (const mark of openMarks) mark.start = Math.min(mark.start, current.text.length);
    const lead = current.text.length - current.text.trimStart().length;
    const text = current.text.trim();
    const marks = current.marks
      .map((m) => ({ ...m, start: Math.max(0, m.start - lead), end: Math.min(text.length, m.end - lead) }))
      .filter((m) => m.start < m.end);
    if (current.kind === "item") {
      const list = lists[lists.length - 1];
      if (list && text) {
        list.items.push(text);
        list.itemMarks.push(marks);
      }
      return;
    }
    if (!text) return;
    const withMarks = marks.length > 0 ? { marks } : {};
    if (current.kind === "heading") blocks.push({ type: "heading", level: current.level ?? 2, text, ...withMarks });
    else blocks.push({ type: current.kind, text, ...withMarks });
  };
  const ensureBlock = () => {
    if (!block) start(lists.length > 0 ? "item" : quoteDepth > 0 ? "quote" : "paragraph");
    return block!;
  };

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (/^h[1-6]$/.test(name)) start("heading", Math.min(3, Number(name[1])) as 1 | 2 | 3);
        else if (name === "p") start(lists.length > 0 ? "item" : quoteDepth > 0 ? "quote" : "paragraph");
        else if (name === "figcaption") start("caption");
        else if (name === "blockquote") {
          finish();
          quoteDepth++;
        } else if (name === "ul" || name === "ol") {
          finish();
          lists.push({ ordered: name === "ol", items: [], itemMarks: [] });
        } else if (name === "li") start("item");
        else if (name === "br") appendText(ensureBlock(), " ");
        else if (markTags[name]) {
          const open = ensureBlock();
          openMarks.push({ type: markTags[name], start: open.text.length, href: attributes.href });
        }
      },
      ontext(raw) {
        // HTML whitespace only: a no-break space is a character of the text, not spacing.
        const text = raw.replace(/[ \t\n\r\f]+/g, " ");
        if (!block && text === " ") return;
        appendText(ensureBlock(), text);
      },
      onclosetag(name) {
        if (markTags[name]) {
          const index = openMarks.findLastIndex((m) => m.type === markTags[name]);
          if (index < 0) return;
          const [mark] = openMarks.splice(index, 1);
          const current = block as OpenBlock | null;
          if (!current || (mark.type === "link" && !mark.href)) return;
          current.marks.push({ type: mark.type, start: mark.start, end: current.text.length, ...(mark.href ? { href: mark.href } : {}) });
        } else if (/^h[1-6]$/.test(name) || name === "p" || name === "figcaption" || name === "li") finish();
        else if (name === "blockquote") {
          finish();
          quoteDepth = Math.max(0, quoteDepth - 1);
        } else if (name === "ul" || name === "ol") {
          finish();
          const list = lists.pop();
          if (list && list.items.length > 0) {
            const hasMarks = list.itemMarks.some((m) => m.length > 0);
            blocks.push({
              type: "list",
              items: list.items,
              ...(list.ordered ? { ordered: true } : {}),
              ...(hasMarks ? { itemMarks: list.itemMarks } : {}),
            });
          }
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(sanitizeArticleHtml(html));
  parser.end();
  finish();
  return blocks;
}

/** Appends text, never starting a block with a space or doubling one. */
function appendText(block: OpenBlock, text: string) {
  if (text.startsWith(" ") && (block.text === "" || block.text.endsWith(" "))) text = text.slice(1);
  block.text += text;
}
