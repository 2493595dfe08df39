import { z } from "zod";
import { describeIssues, hasLoneSurrogate } from "./validation";

/**
 * What the home page and `GET /api/documents` list: a search, a sort, some
 * filters and the page's place in the list. They travel in the query string
 * (`?q=…&sort=claims&outlet=…&orphans=1&wordsChanged=1&inReview=1&archived=1&after=…`),
 * so a view can be shared and reloaded.
 *
 * Pages are keyset pages: `after` is an opaque cursor naming the last
 * article of the page before (its sort key and id), and the next page
 * starts after it in the same order, whatever was added meanwhile. No
 * OFFSET: a page deep in the list costs what the first does.
 */
export const articleSorts = ["added", "published", "claims", "review"] as const;
export type ArticleSort = (typeof articleSorts)[number];

/** What each sort is called on the page. */
export const articleSortLabels: Record<ArticleSort, string> = {
  added: "Newest added",
  published: "Newest published",
  claims: "Most claims",
  review: "Most needing review",
};

export const defaultArticlePageSize = 50;
export const maxArticlePageSize = 100;

/** Where a page starts: after the article with this sort key and id, in the order of `sort`. */
export interface ArticleCursor {
  sort: ArticleSort;
  /** The sort's key as an integer: microseconds since 1970 (added), days since 1970 (published), a count (claims, review). */
  key: number;
  id: string;
}

export interface ArticleListQuery {
  /** Words or part of a title, outlet, author or URL. */
  q?: string;
  sort: ArticleSort;
  outlet?: string;
  /** Only articles with orphans. */
  orphans: boolean;
  /** Only articles with claims whose words a revision changed. */
  wordsChanged: boolean;
  /** Only articles with claims in review (submitted, waiting for a second look). */
  inReview: boolean;
  /** Archived articles (only), instead of the others. */
  archived: boolean;
  after?: ArticleCursor;
  limit: number;
}

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((value) => !value.includes("\u0000") && !hasLoneSurrogate(value), "must be text without NUL characters")
    .optional()
    .transform((value) => value || undefined);

const flag = (name: string) =>
  z
    .enum(["", "0", "1", "true", "false"], { error: `${name} must be 1 or 0` })
    .optional()
    .transform((value) => value === "1" || value === "true");

const schema = z.object({
  q: text(200),
  sort: z.enum(articleSorts, { error: `sort must be one of: ${articleSorts.join(", ")}` }).default("added"),
  outlet: text(200),
  orphans: flag("orphans"),
  wordsChanged: flag("wordsChanged"),
  inReview: flag("inReview"),
  archived: flag("archived"),
  after: z.string().max(200).optional(),
  limit: z.coerce
    .number({ error: "limit must be a number" })
    .int("limit must be a whole number")
    .min(1, "limit must be 1 or more")
    .max(maxArticlePageSize, `limit must be ${maxArticlePageSize} or less`)
    .default(defaultArticlePageSize),
});

/** Parses a list query; `error` names what is wrong (an unknown sort, a cursor that is not one of this sort's). */
export function parseArticleListQuery(params: URLSearchParams): { query: ArticleListQuery } | { error: string } {
  const parsed = schema.safeParse({
    q: params.get("q") ?? undefined,
    sort: params.get("sort") || undefined,
    outlet: params.get("outlet") ?? undefined,
    orphans: params.get("orphans") ?? undefined,
    wordsChanged: params.get("wordsChanged") ?? undefined,
    inReview: params.get("inReview") ?? undefined,
    archived: params.get("archived") ?? undefined,
    after: params.get("after") || undefined,
    limit: params.get("limit") || undefined,
  });
  if (!parsed.success) return { error: describeIssues(parsed.error) };
  const { after, ...rest } = parsed.data;
  if (after === undefined) return { query: rest };
  const cursor = decodeArticleCursor(after);
  if (!cursor || cursor.sort !== rest.sort) return { error: "after must be a cursor this list gave for the same sort" };
  return { query: { ...rest, after: cursor } };
}

/** The query string of a list query, leaving out defaults. */
export function articleListToSearchParams(query: Partial<ArticleListQuery>): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.sort && query.sort !== "added") params.set("sort", query.sort);
  if (query.outlet) params.set("outlet", query.outlet);
  if (query.orphans) params.set("orphans", "1");
  if (query.wordsChanged) params.set("wordsChanged", "1");
  if (query.inReview) params.set("inReview", "1");
  if (query.archived) params.set("archived", "1");
  if (query.limit && query.limit !== defaultArticlePageSize) params.set("limit", String(query.limit));
  if (query.after) params.set("after", encodeArticleCursor(query.after));
  return params;
}

/** The cursor as it travels: base64url of `[sort, key, id]`, opaque to clients. */
export function encodeArticleCursor(cursor: ArticleCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.key, cursor.id])).toString("base64url");
}

/**
 * The largest key (either sign) a cursor of each sort may carry: what the
 * database can turn back into the order's value (db/queries/article-list.ts
 * `fromKey`) without going out of its type's range: days within ±5,400
 * years of 1970, counts that fit in an integer. Any safe integer of
 * microseconds (±285 years of 1970) is a time the database can hold.
 */
const cursorKeyLimits: Record<ArticleSort, number> = {
  added: Number.MAX_SAFE_INTEGER,
  published: 2_000_000,
  claims: 2 ** 31 - 1,
  review: 2 ** 31 - 1,
};

const cursorShape = z
  .tuple([z.enum(articleSorts), z.number().refine(Number.isSafeInteger), z.uuid()])
  .refine(([sort, key]) => Math.abs(key) <= cursorKeyLimits[sort]);

export function decodeArticleCursor(value: string): ArticleCursor | undefined {
  try {
    const parsed = cursorShape.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    if (!parsed.success) return undefined;
    const [sort, key, id] = parsed.data;
    return { sort, key, id };
  } catch {
    return undefined;
  }
}
