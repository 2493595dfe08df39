/**
 * Where a page of the review list starts: the sort key of the last claim of
 * the page before (keyset pagination), so that the next page is an index
 * range read, not an OFFSET that scans every claim before it, and a claim
 * added or deleted meanwhile neither repeats nor skips one. It travels in
 * the query string as `after`, an opaque base64url text of the sort, the
 * direction and the key (`id` last, so that the order is total).
 */
import { z } from "zod";
import type { ReviewFilters, SortDirection } from "./review-filters";
import { reviewStates } from "./review";
import { tags } from "./tags";

/** The key of a claim in each sort, the claim's id last. */
export type ReviewSortKey =
  | { sort: "position"; slug: string; start: number; end: number; id: string }
  | { sort: "tag"; tag: (typeof tags)[number]; id: string }
  | { sort: "claimant"; claimant: string; id: string }
  | { sort: "reviewer"; createdBy: string; id: string }
  /** `updatedAt` as the database writes it, to the microsecond (a JS Date keeps milliseconds only). */
  | { sort: "updated"; updatedAt: string; id: string }
  | { sort: "state"; reviewState: (typeof reviewStates)[number]; id: string }
  | { sort: "comments"; commentCount: number; id: string };

export interface ReviewCursor {
  dir: SortDirection;
  key: ReviewSortKey;
}

const id = z.uuid();
// Text the database can compare: a NUL in a hand-made cursor would be its error, not the request's.
const name = z
  .string()
  .max(1_000)
  .refine((value) => !value.includes("\u0000"));
// As PostgreSQL writes a timestamptz as text: `2026-01-02 03:04:05.678901+00`; a real date and time
// (not February 30th), with an offset PostgreSQL takes.
const timestamp = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-](0\d|1[0-5])(:?[0-5]\d){0,2})$/)
  .refine(isRealTime);

/** Whether the date and time of `2026-01-02 03:04:05…` exist (years 1 to 9999). */
function isRealTime(value: string): boolean {
  const [year, month, day, hour, minute, second] = value
    .slice(0, 19)
    .split(/[- T:]/)
    .map(Number);
  const time = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  time.setUTCFullYear(year);
  return (
    year >= 1 &&
    time.getUTCMonth() === month - 1 &&
    time.getUTCDate() === day &&
    time.getUTCHours() === hour &&
    time.getUTCMinutes() === minute &&
    time.getUTCSeconds() === second
  );
}
/** A non-negative PostgreSQL `integer` (positions, comment counts): past it, the database's cast would fail. */
const offset = z
  .number()
  .int()
  .min(0)
  .max(2 ** 31 - 1);

const keySchema = z.discriminatedUnion("sort", [
  z.object({ sort: z.literal("position"), slug: name, start: offset, end: offset, id }),
  z.object({ sort: z.literal("tag"), tag: z.enum(tags), id }),
  z.object({ sort: z.literal("claimant"), claimant: name, id }),
  z.object({ sort: z.literal("reviewer"), createdBy: name, id }),
  z.object({ sort: z.literal("updated"), updatedAt: timestamp, id }),
  z.object({ sort: z.literal("state"), reviewState: z.enum(reviewStates), id }),
  z.object({ sort: z.literal("comments"), commentCount: offset, id }),
]);
const cursorSchema = z.object({ dir: z.enum(["asc", "desc"]), key: keySchema });

/** The `after` text of a cursor. */
export function encodeReviewCursor(cursor: ReviewCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

/**
 * Reads an `after` text for the filters' sort and direction; `error` says
 * why it cannot be used (not one this app wrote, or one of another sort).
 */
export function decodeReviewCursor(after: string, filters: Pick<ReviewFilters, "sort" | "dir">): { cursor: ReviewCursor } | { error: string } {
  const unreadable = { error: "after: not a page of this list; start again from the first page" };
  if (after.length > 4_000 || !/^[\w-]+$/.test(after)) return unreadable;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(after, "base64url").toString("utf8"));
  } catch {
    return unreadable;
  }
  const parsed = cursorSchema.safeParse(json);
  if (!parsed.success) return unreadable;
  const cursor = parsed.data as ReviewCursor;
  if (cursor.key.sort !== filters.sort || cursor.dir !== filters.dir) {
    return { error: "after: this page belongs to another order of the list; start again from the first page" };
  }
  return { cursor };
}
