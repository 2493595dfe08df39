import { z } from "zod";
import type { EditableField } from "./annotation";
import { isHttpUrl } from "./http-url";
import { maxClaimantLength, maxCommentLength, maxEvidenceLinks, maxNoteLength, maxReviewerLength, maxUrlLength } from "./limits";
import { roles } from "./roles";
import { tags } from "./tags";
import { codePointLength } from "./text-offsets";

/**
 * The shapes the HTTP API accepts. Objects are strict: an unknown field, or a
 * field that cannot be changed, is an error rather than something silently
 * dropped, so a client learns at once that it sent the wrong thing.
 */

export { maxBodyBytes, maxClaimantLength, maxEvidenceLinks, maxNoteLength, maxReviewerLength, maxUrlLength } from "./limits";

/** Whether text holds half of a UTF-16 surrogate pair (with the `u` flag a whole pair is one code point, never matched). */
export const hasLoneSurrogate = (value: string) => /\p{Cs}/u.test(value);

// PostgreSQL cannot store NUL in text or jsonb, nor half of a UTF-16
// surrogate pair (jsonb refuses it, text columns replace it): refuse them here
// rather than fail, or store something else, there. Request bodies are checked
// whole for the second (lib/http.ts); an import's fields only come here.
const text = () =>
  z
    .string()
    .refine((value) => !value.includes("\u0000"), "must not contain NUL characters")
    .refine((value) => !hasLoneSurrogate(value), "must be valid Unicode text (it has half of a surrogate pair)");

const httpUrl = text()
  .max(maxUrlLength, `evidence links are at most ${maxUrlLength} characters`)
  .refine(isHttpUrl, "evidence links must be http or https URLs");

/** The schema of each field a reviewer can change (`editableFields`), used by both create and patch. */
const claimFields = {
  tag: z.enum(tags, { error: `tag must be one of: ${tags.join(", ")}` }),
  note: text().refine((value) => codePointLength(value) <= maxNoteLength, `note is at most ${maxNoteLength} characters`),
  claimant: text().trim().max(maxClaimantLength, `claimant is at most ${maxClaimantLength} characters`),
  evidence: z.array(httpUrl).max(maxEvidenceLinks, `at most ${maxEvidenceLinks} evidence links`),
} satisfies Record<EditableField, z.ZodType>;

/** Every editable field, each optional: what a create may leave out and a patch may change. */
const optionalClaimFields = z.object(claimFields).partial().shape;

const offset = z.number().int("offsets must be integers").nonnegative("offsets must not be negative");

/** A claim's version, as the database stores it (a 32-bit integer): no bigger one was ever given out. */
const version = z
  .number()
  .int("must be a whole number")
  .min(1, "must be 1 or more")
  .max(2 ** 31 - 1, "no claim has a version that high");

export const annotationId = z.uuid();

/** Body of `POST /api/documents/{slug}/annotations`. */
export const createAnnotationInput = z.strictObject({
  // A client may choose the id (a UUID) so that retrying a create it never
  // heard back from cannot make a second claim.
  id: annotationId.optional(),
  start: offset,
  end: offset,
  // The revision whose text the offsets count in, so words selected on a page
  // loaded before a revision are found in the new text; the latest when absent.
  revision: z.number().int("must be a whole number").positive("must be 1 or more").optional(),
  // A claim on exactly the words of another live claim is refused (409 same_words) unless this says it is meant.
  sameWords: z.literal("allow", { error: 'sameWords must be "allow"' }).optional(),
  ...optionalClaimFields,
  // Every claim has a verdict (it keeps its place among the fields).
  tag: claimFields.tag,
});
export type CreateAnnotationInput = z.infer<typeof createAnnotationInput>;

/** Body of `PATCH /api/annotations/{id}`: the version it was based on, and what changes. */
export const patchAnnotationInput = z
  .strictObject({
    version,
    // The version the reviewer made the change on, when it is older than
    // `version` (the client sends it again on top of changes it merged): a
    // field someone else changed since is kept as a conflict (lib/claim-conflicts.ts).
    baseVersion: version.optional(),
    ...optionalClaimFields,
    // null only: the reviewer checked the verdict on the words a revision changed.
    previousQuote: z.null({ error: "previousQuote can only be set to null (the verdict was checked)" }).optional(),
  })
  .refine((input) => input.baseVersion === undefined || input.baseVersion <= input.version, {
    message: "baseVersion must not be above version",
    path: ["baseVersion"],
  });
export type PatchAnnotationInput = z.infer<typeof patchAnnotationInput>;

/** A person's name, as recorded on what they do. */
export const reviewerName = text().trim().min(1).max(maxReviewerLength);

const email = z
  .email("email must be an email address")
  .max(254)
  .transform((value) => value.toLowerCase());
const role = z.enum(roles, { error: `role must be one of: ${roles.join(", ")}` });

/** An admin adds a person (`POST /api/users`). */
export const newPersonInput = z.strictObject({ email, name: reviewerName, role });
export type NewPersonInput = z.infer<typeof newPersonInput>;

/** A user's id as better-auth (32 letters and digits) or an invitation (a UUID) makes it. */
export const userId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);

/** An admin changes a person's role, or (de)activates them (`PATCH /api/users/{id}`). */
export const patchPersonInput = z
  .strictObject({ role: role.optional(), active: z.boolean().optional() })
  .refine((value) => value.role !== undefined || value.active !== undefined, "send role, active or both");
export type PatchPersonInput = z.infer<typeof patchPersonInput>;

/** A password set through an invitation; its length is checked apart, as a `weak_password`. */
export const invitationInput = z.strictObject({ password: z.string() });

/** A new API token (`POST /api/tokens`). */
export const newTokenInput = z.strictObject({ name: reviewerName });

/** One line naming what is wrong with a value, for error messages. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.join(".");
      if (issue.code === "unrecognized_keys") return `unknown or unchangeable field(s): ${issue.keys.join(", ")}`;
      const message = plainMessage(issue);
      return where ? `${where}: ${message}` : message;
    })
    .join("; ");
}

const units: Record<string, string> = { string: " characters", array: " items", set: " items" };

/** Zod's own wording ("Too big: expected string to have <=500 characters") in plain words; messages the schemas set are kept. */
function plainMessage(issue: z.core.$ZodIssue): string {
  if (!/^(Too big|Too small|Invalid input: expected)/.test(issue.message)) return issue.message;
  if (issue.code === "too_big") return `${issue.inclusive === false ? "less than" : "at most"} ${issue.maximum}${units[issue.origin] ?? ""}`;
  if (issue.code === "too_small") {
    if (issue.origin === "string" && Number(issue.minimum) === 1) return "must not be empty";
    return `${issue.inclusive === false ? "more than" : "at least"} ${issue.minimum}${units[issue.origin] ?? ""}`;
  }
  if (issue.code === "invalid_type") return issue.message.endsWith("received undefined") ? "missing" : `must be ${article(issue.expected)}`;
  return issue.message;
}

const article = (noun: string) => (/^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`);

/** Body of `POST /api/annotations/{id}/conflicts/{conflictId}`: the claim's version, and which version of the field to keep (its index in `values`). */
export const pickConflictInput = z.strictObject({
  version,
  pick: z.number().int("must be a whole number").nonnegative("must not be negative").max(1000, "no conflict has that many versions"),
});
export type PickConflictInput = z.infer<typeof pickConflictInput>;

/** Body of `POST /api/annotations/{id}/reattach`: new words for a claim, on the latest revision. */
export const reattachAnnotationInput = z.strictObject({
  version,
  start: offset,
  end: offset,
});

/** A comment's words: not blank, at most `maxCommentLength` characters (code points); kept as typed. */
export const commentBody = text()
  .refine((value) => value.trim() !== "", "body must not be empty")
  .refine((value) => codePointLength(value) <= maxCommentLength, `body is at most ${maxCommentLength} characters`);

/** Body of `POST /api/annotations/{id}/comments` and `PATCH /api/comments/{id}`. */
export const commentInput = z.strictObject({ body: commentBody });
export type CommentInput = z.infer<typeof commentInput>;

export const commentId = z.uuid();
/** Text that PostgreSQL stores as sent, and a claim's version: for the schemas of other modules (lib/review-input.ts). */
export { text as storableText, version as claimVersion };
