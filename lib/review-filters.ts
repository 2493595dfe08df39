import { z } from "zod";
import { type ReviewState, reviewStates } from "./review";
import { type Tag, tags } from "./tags";
import { describeIssues } from "./validation";

/**
 * The filters of the review pages and of exports. They travel in the query
 * string (`?tag=disputed&tag=denied&reviewer=…&claimant=…&q=…&state=in_review&verdicts=differ&sort=claimant&dir=desc`),
 * so a filtered view can be shared, reloaded, and exported as it is shown.
 * A new filter is a field here, in `schema`, in `reviewFiltersToSearchParams`
 * and in the conditions of db/queries/review.ts.
 */
export const reviewSorts = ["position", "tag", "claimant", "reviewer", "updated", "state", "comments"] as const;
export type ReviewSort = (typeof reviewSorts)[number];

export const sortDirections = ["asc", "desc"] as const;
export type SortDirection = (typeof sortDirections)[number];

/**
 * The direction a sort takes unless told: the latest change and the most
 * comments first, everything else A to Z (review states in the order of the
 * workflow, drafts first: lib/review.ts).
 */
export function defaultDirection(sort: ReviewSort): SortDirection {
  return sort === "updated" || sort === "comments" ? "desc" : "asc";
}

export interface ReviewFilters {
  tags: Tag[];
  /** Part of the name of who created or last changed a claim, any case, any accents ("sam" finds "Sam Ortiz"). */
  reviewer?: string;
  /** Part of the claimant's name, any case, any accents ("jose" finds "José Álvarez"). */
  claimant?: string;
  /** Words, or the start of words, all found in the quote, note or claimant (full-text search, any case, any accents). */
  q?: string;
  /** Only claims in these review states (lib/review.ts); any when absent or empty. */
  states?: ReviewState[];
  /** Only claims whose verdicts differ (`verdicts=differ`). */
  verdictsDiffer?: true;
  sort: ReviewSort;
  dir: SortDirection;
}

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((value) => !value.includes("\u0000"), "must not contain NUL characters")
    .optional()
    .transform((value) => value || undefined);

const schema = z.object({
  tag: z.array(z.enum(tags, { error: `tag must be one of: ${tags.join(", ")}` })),
  reviewer: optionalText(100),
  claimant: optionalText(200),
  q: optionalText(500),
  state: z.array(z.enum(reviewStates, { error: `state must be one of: ${reviewStates.join(", ")}` })),
  verdicts: z.literal("differ", { error: 'verdicts must be "differ"' }).optional(),
  sort: z.enum(reviewSorts, { error: `sort must be one of: ${reviewSorts.join(", ")}` }).default("position"),
  dir: z.enum(sortDirections, { error: `dir must be one of: ${sortDirections.join(", ")}` }).optional(),
});

/** Parses the filters of a query string; `error` names what is wrong. */
export function parseReviewFilters(params: URLSearchParams): { filters: ReviewFilters } | { error: string } {
  const parsed = schema.safeParse({
    // Tags in any case, as imports read them (`Disputed`).
    tag: params
      .getAll("tag")
      .filter((tag) => tag !== "")
      .map((tag) => tag.toLowerCase()),
    reviewer: params.get("reviewer") ?? undefined,
    claimant: params.get("claimant") ?? undefined,
    q: params.get("q") ?? undefined,
    state: params.getAll("state").filter((state) => state !== ""),
    verdicts: params.get("verdicts") || undefined,
    sort: params.get("sort") || undefined,
    dir: params.get("dir") || undefined,
  });
  if (!parsed.success) return { error: describeIssues(parsed.error) };
  const { tag, dir, state, verdicts, ...rest } = parsed.data;
  return {
    filters: {
      tags: [...new Set(tag)],
      ...rest,
      dir: dir ?? defaultDirection(rest.sort),
      ...(state.length > 0 ? { states: [...new Set(state)] } : {}),
      ...(verdicts ? { verdictsDiffer: true as const } : {}),
    },
  };
}

/** The query string of some filters, leaving out defaults. */
export function reviewFiltersToSearchParams(filters: ReviewFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const tag of filters.tags) params.append("tag", tag);
  if (filters.reviewer) params.set("reviewer", filters.reviewer);
  if (filters.claimant) params.set("claimant", filters.claimant);
  if (filters.q) params.set("q", filters.q);
  for (const state of filters.states ?? []) params.append("state", state);
  if (filters.verdictsDiffer) params.set("verdicts", "differ");
  if (filters.sort !== "position") params.set("sort", filters.sort);
  if (filters.dir !== defaultDirection(filters.sort)) params.set("dir", filters.dir);
  return params;
}

/** Whether any filter narrows the claims (sorting does not). */
export function isFiltered(filters: ReviewFilters): boolean {
  return filters.tags.length > 0 || Boolean(filters.reviewer || filters.claimant || filters.q || filters.states?.length || filters.verdictsDiffer);
}

/**
 * The words of a search, as full-text search matches them: runs of letters
 * and digits (`"Bloomberg's"` is `bloomberg` and `s`), each matching a word
 * that starts with it. At most 16, so one search stays one cheap query.
 */
export function searchWords(q: string): string[] {
  return [
    ...new Set(
      q
        .normalize("NFC")
        .toLowerCase()
        .match(/[\p{L}\p{N}]+/gu) ?? [],
    ),
  ].slice(0, 16);
}
