/**
 * The bodies and queries of the review routes (lib/review.ts), parsed at
 * the edge: objects are strict, as everywhere in the API.
 */
import { z } from "zod";
import { isHttpUrl } from "./http-url";
import { maxNoteLength, maxUrlLength } from "./limits";
import { reviewActions } from "./review";
import { tags } from "./tags";
import { codePointLength } from "./text-offsets";
import { claimVersion, storableText, userId } from "./validation";

const tag = z.enum(tags, { error: `tag must be one of: ${tags.join(", ")}` });
const longText = (what: string) =>
  storableText().refine((value) => codePointLength(value) <= maxNoteLength, `${what} is at most ${maxNoteLength} characters`);

/** Body of `POST /api/annotations/{id}/review`. */
export const reviewInput = z
  .strictObject({
    version: claimVersion,
    action: z.enum(reviewActions, { error: `action must be one of: ${reviewActions.join(", ")}` }),
    comment: longText("comment").optional(),
    // The final tag, when an editor approves a claim whose verdicts differ (the current tag when absent).
    tag: tag.optional(),
  })
  .refine((input) => input.tag === undefined || input.action === "approve", { message: "tag: only an approval names a final tag", path: ["tag"] });
export type ReviewInput = z.infer<typeof reviewInput>;

/** Body of `POST /api/annotations/{id}/verdicts`. */
export const verdictInput = z.strictObject({ tag, note: longText("note").optional() });
export type VerdictInput = z.infer<typeof verdictInput>;

const publicUrl = (what: string) =>
  storableText().trim().max(maxUrlLength, `${what} is at most ${maxUrlLength} characters`).refine(isHttpUrl, `${what} must be an http or https URL`);

/** Body of `PATCH /api/settings`: either or both; the publisher is sent whole (`logo` null or absent: none). */
export const settingsInput = z
  .strictObject({
    publisher: z.strictObject({
      name: storableText().trim().min(1, "publisher.name must not be empty").max(200),
      url: publicUrl("publisher.url"),
      logo: publicUrl("publisher.logo").nullable().optional(),
    }),
    // Each fact-check's address is `{publicBaseUrl}/{slug}`: a query or fragment would end up in the middle of it.
    publicBaseUrl: publicUrl("publicBaseUrl")
      .refine((url) => !/[?#]/.test(url), "publicBaseUrl must have no query (?) or fragment (#): each article's fact-check is {publicBaseUrl}/{slug}")
      .transform((url) => url.replace(/\/+$/, "")),
  })
  .partial()
  .refine((input) => input.publisher !== undefined || input.publicBaseUrl !== undefined, "send publisher, publicBaseUrl or both");
export type SettingsInput = z.infer<typeof settingsInput>;

/**
 * The query of `GET /api/agreement`: `document` (a slug; every article when
 * absent) and `pair` (two user ids, comma-separated: their verdicts on the
 * claims both gave one; else each claim's first two).
 */
export const agreementQuery = z.strictObject({
  document: z.string().min(1).max(200).optional(),
  pair: z
    .string()
    .transform((value) => value.split(","))
    .pipe(z.tuple([userId, userId], { error: "pair must be two user ids, comma-separated" }))
    .refine(([a, b]) => a !== b, "pair must name two different people")
    .optional(),
});
export type AgreementQuery = z.infer<typeof agreementQuery>;
