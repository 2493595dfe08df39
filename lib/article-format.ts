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
