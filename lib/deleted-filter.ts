import { z } from "zod";
import { reviewerName } from "./validation";

/**
 * The filters of an article's deleted claims (`GET …/deleted`) and the body
 * of restoring those one reviewer deleted in a time window (`POST
 * …/deleted/restore`). Times are ISO 8601 with a zone (`Z` or an offset),
 * both ends of the window included.
 */
const instant = z.iso
  .datetime({
    offset: true,
    error: (issue) => (issue.input === undefined ? "missing" : "must be an ISO 8601 time with a zone, like 2026-12-04T21:00:00Z"),
  })
  .transform((value) => new Date(value))
  // PostgreSQL has no year 0, and a date like February 30 is no time at all.
  .refine((date) => !Number.isNaN(date.getTime()) && date.getUTCFullYear() >= 1, "must be a real time, in year 1 or later");

const windowInOrder = (value: { from?: Date; to?: Date }) => !value.from || !value.to || value.from <= value.to;
const inOrder = { error: "from must not be after to", path: ["from"] };

/** The query string of `GET /api/documents/{slug}/deleted`: every filter optional. */
export const deletedQuery = z
  .strictObject({ deletedBy: reviewerName.optional(), from: instant.optional(), to: instant.optional() })
  .refine(windowInOrder, inOrder);

/** The body of `POST /api/documents/{slug}/deleted/restore`: who, and between when. */
export const restoreDeletedInput = z.strictObject({ deletedBy: reviewerName, from: instant, to: instant }).refine(windowInOrder, inOrder);
