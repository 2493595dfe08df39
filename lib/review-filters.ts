import { z } from "zod";
import { type ReviewState, reviewStates } from "./review";
import { type Tag, tags } from "./tags";
import { describeIssues } from "./validation";

/**
 * The filters of the review pages and of exports. They travel in the query
 * string (`?tag=disputed&tag=denied&reviewer=…&claimant=…&q=…&state=in_review&verdicts=differ&sort=updated`),
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
  /** Only claims in these review states (lib/review.ts); any when absent or empty. */
  states?: ReviewState[];
  /** Only claims whose verdicts differ (`verdicts=differ`). */
  verdictsDiffer?: true;
  sort: ReviewSort;
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
  });
  if (!parsed.success) return { error: describeIssues(parsed.error) };
  const { tag, state, verdicts, ...rest } = parsed.data;
  return {
    filters: {
      tags: [...new Set(tag)],
      ...rest,
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
  return params;
}
