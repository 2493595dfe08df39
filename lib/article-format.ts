/**
 * The article formats a reviewer can send, by file name. Apart from
 * `article-input.ts` so that the browser's forms can use it without bundling
 * the parsers (markdown-it, sanitize-html) that module imports.
 */

/** Kind of article file a reviewer uploads, by its name. */
export function formatOfFileName(name: string): "text" | "html" | "markdown" | null {
  const extension = name.toLowerCase().split(".").pop();
  if (extension === "txt") return "text";
  if (extension === "md" || extension === "markdown") return "markdown";
  if (extension === "html" || extension === "htm") return "html";
  return null;
}

// HTML plainly: a document type, or a block element opened and closed again.
const htmlDocument = /^\s*(?:<!doctype\s+html|<html[\s>])/i;
const htmlBlock = /<(p|h[1-6]|ul|ol|li|blockquote|div|article|section|figure|figcaption|table)(?:\s[^>]*)?>[\s\S]*?<\/\1\s*>/i;

// Markdown plainly: one sign no plain text carries (an ATX heading, a link,
// strong emphasis, a code fence), or two of the weaker ones (a list of two or
// more items, emphasis, a block quote). A single line starting "- " or "> "
// is too common in plain text to count alone.
const strongMarkdown = [/^#{1,6}[ \t]+\S/m, /\[[^\]\n]+\]\((?:https?:\/\/|mailto:|\/|#)[^)\s]*\)/, /(\*\*|__)(?=\S)[^\n]*?\S\1/, /^(?:```|~~~)/m];
const weakMarkdown = [
  /^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+\S.*\n[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+\S/m,
  /(?:^|[^\w*])\*(?=[^\s*])[^*\n]*[^\s*]\*(?![\w*])|(?:^|[^\w_])_(?=[^\s_])[^_\n]*[^\s_]_(?![\w_])/m,
  /^>[ \t]?\S/m,
];

/**
 * The format pasted article text is in, when it plainly is one: `html` for
 * markup with block elements, `markdown` for text with Markdown's headings,
 * links or emphasis, `text` otherwise. The form sets its format select from
 * this on paste; the reviewer can still change it.
 */
export function detectPastedFormat(pasted: string): "text" | "html" | "markdown" {
  if (htmlDocument.test(pasted) || htmlBlock.test(pasted)) return "html";
  if (strongMarkdown.some((sign) => sign.test(pasted))) return "markdown";
  if (weakMarkdown.filter((sign) => sign.test(pasted)).length >= 2) return "markdown";
  return "text";
}
