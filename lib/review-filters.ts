import { z } from "zod";
import { type ReviewState, reviewStates } from "./review";
import { type Tag, tags } from "./tags";
import { describeIssues } from "./validation";

/**
 * The filters of the review pages and of exports. They travel in the query
 * string (`?tag=disputed&tag=denied&reviewer=…&claimant=…&q=…&sort=updated`),
 * so a filtered view can be shared, reloaded, and exported as it is shown.
 */
export const reviewSorts = ["position", "updated"] as const;
export type ReviewSort = (typeof reviewSorts)[number];

export interface ReviewFilters {
  tags: Tag[];
  /** Matches who created or last changed a claim (whole name, case-insensitive). */
  reviewer?: string;
  /** Matches the claimant exactly (case-insensitive). */
  claimant?: string;
  /** Words searched in quote, note and claimant (case-insensitive substring). */
  q?: string;
  sort: ReviewSort;
  /** Only claims at these points of their review (lib/review.ts); any when absent or empty. */
  states?: ReviewState[];
  /** Only claims whose verdicts differ. */
  verdictsDiffer?: true;
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
  sort: z.enum(reviewSorts, { error: `sort must be one of: ${reviewSorts.join(", ")}` }).default("position"),
  state: z.array(z.enum(reviewStates, { error: `state must be one of: ${reviewStates.join(", ")}` })),
  differ: z.enum(["1"], { error: "differ must be 1 (only claims whose verdicts differ), or absent" }).optional(),
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
    sort: params.get("sort") || undefined,
    state: params.getAll("state").filter((state) => state !== ""),
    differ: params.get("differ") || undefined,
  });
  if (!parsed.success) return { error: describeIssues(parsed.error) };
  const { tag, state, differ, ...rest } = parsed.data;
  return {
    filters: {
      tags: [...new Set(tag)],
      ...rest,
      ...(state.length > 0 ? { states: [...new Set(state)] } : {}),
      ...(differ ? { verdictsDiffer: true as const } : {}),
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
  if (filters.sort !== "position") params.set("sort", filters.sort);
  for (const state of filters.states ?? []) params.append("state", state);
  if (filters.verdictsDiffer) params.set("differ", "1");
  return params;
}
