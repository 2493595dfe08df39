import { z } from "zod";
import { type ArticleBlock, articleText, parsePlainArticle } from "./article";
import { htmlToBlocks, markdownToBlocks } from "./article-html";
import { withoutFurniture } from "./article-furniture";
import { checkBlocks, checkLines } from "./article-limits";

/**
 * What reviewers send to add an article or publish a revision: the text in
 * exactly one format (plain text, HTML or Markdown), turned into blocks here.
 */
export const maxArticleBytes = 5 * 1024 * 1024;
/** Request bodies carry the article plus JSON quoting and metadata. */
export const maxArticleBodyBytes = maxArticleBytes + 1024 * 1024;

const noNul = (value: string) => !value.includes("\u0000");
const content = z
  .string()
  .refine(noNul, "must not contain NUL characters")
  // Marked too large, so the answer is a 413 like a body over the limit, not a 400.
  .refine((value) => Buffer.byteLength(value, "utf8") <= maxArticleBytes, { message: "is over 5 MB", params: { tooLarge: true } });

const contentFields = {
  text: content.optional(),
  html: content.optional(),
  markdown: content.optional(),
  // "drop": the plain-text reader leaves out page furniture (lib/article-furniture.ts);
  // by default every line is kept.
  furniture: z.enum(["keep", "drop"], { error: "furniture must be keep or drop" }).optional(),
};

function oneFormat(value: { text?: string; html?: string; markdown?: string; furniture?: string }, ctx: z.RefinementCtx) {
  const given = (["text", "html", "markdown"] as const).filter((key) => value[key] !== undefined);
  if (given.length !== 1) {
    ctx.addIssue({ code: "custom", message: "send the article in exactly one of: text, html, markdown" });
  } else if (value.furniture !== undefined && value.text === undefined) {
    ctx.addIssue({ code: "custom", message: "furniture applies to an article sent as text" });
  }
}

const optionalMeta = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine(noNul, "must not contain NUL characters")
    .nullish()
    // Left empty in the form: none, as when the field is not sent (an empty outlet would be a blank choice of the home page's filter).
    .transform((value) => value || null);

/** Body of `POST /api/documents`. */
/** A client's id for what it creates, so that a retry of a create that went through finds it instead of doubling it. */
const clientId = z.uuid({ error: "id must be a UUID" }).optional();

export const newArticleInput = z
  .strictObject({
    id: clientId,
    title: z
      .string()
      .trim()
      .min(1, "title must not be empty")
      .max(500)
      .refine(noNul, "must not contain NUL characters")
      // Only zero-width or other invisible characters ("\u200b") would make a title no one can see or click.
      .refine((title) => /[\p{L}\p{N}\p{P}\p{S}]/u.test(title), "title must have a visible character"),
    ...contentFields,
    outlet: optionalMeta(200),
    author: optionalMeta(300),
    sourceUrl: z
      .url({ protocol: /^https?$/, error: "sourceUrl must be an http(s) URL" })
      .max(2048)
      .nullish()
      .or(z.literal("").transform(() => null)),
    publishedAt: z.iso
      .date("publishedAt must be a date like 2018-10-22")
      // ISO's year 0000 (1 BC) is no date PostgreSQL takes.
      .refine((date) => !date.startsWith("0000"), "publishedAt must be in year 1 or later")
      .nullish()
      .or(z.literal("").transform(() => null)),
    // "refuse": answer 409 `duplicate` instead of adding an article with the
    // source URL or text of one stored (the form asks first); by default it is
    // added, its answer naming the one it duplicates (`duplicateOf`).
    duplicates: z.enum(["allow", "refuse"], { error: "duplicates must be allow or refuse" }).optional(),
  })
  .superRefine(oneFormat);
export type NewArticleInput = z.infer<typeof newArticleInput>;

/** Body of `POST /api/article-preview`: what the form would send, to see it before it is added. */
export const articlePreviewInput = z
  .strictObject({ title: z.string().max(500).refine(noNul, "must not contain NUL characters").optional(), ...contentFields })
  .superRefine(oneFormat);
export type ArticlePreviewInput = z.infer<typeof articlePreviewInput>;

/** Body of `POST /api/documents/{slug}/revisions`. */
export const newRevisionInput = z.strictObject({ id: clientId, ...contentFields }).superRefine(oneFormat);
export type NewRevisionInput = z.infer<typeof newRevisionInput>;

/**
 * The blocks and plain text of what was sent; null when it holds no words.
 * Throws an `ArticleLimitError` for an article past `articleLimits`. Costly
 * on a large article: the server runs it in a worker (`runOffThread`).
 * `headline` heads a text that starts without one (a body pasted on its own):
 * a new article's title, or a revision's current headline, so every article
 * and every revision of it opens under a headline.
 */
export function articleFromInput(
  input: { text?: string; html?: string; markdown?: string; furniture?: "keep" | "drop" },
  headline?: string,
): { blocks: ArticleBlock[]; text: string } | null {
  const title = headline?.replace(/\s+/g, " ").trim(); // A heading is one line.
  if (input.html === undefined) checkLines(input.markdown ?? input.text ?? "");
  const parsed =
    input.html !== undefined
      ? htmlToBlocks(input.html)
      : input.markdown !== undefined
        ? markdownToBlocks(input.markdown)
        : parsePlainArticle(input.furniture === "drop" ? withoutFurniture(input.text ?? "") : (input.text ?? ""), { title });
  checkBlocks(parsed);
  if (articleText(parsed).trim() === "") return null;
  const blocks: ArticleBlock[] = title && parsed[0]?.type !== "heading" ? [{ type: "heading", level: 1, text: title }, ...parsed] : parsed;
  return { blocks, text: articleText(blocks) };
}

/** A URL-safe name for an article, from its title. */
export function slugify(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/g, "");
  // "new" is the address of the form that adds articles.
  return !slug || slug === "new" ? `${slug || "article"}-article`.replace(/^article-article$/, "article") : slug;
}
