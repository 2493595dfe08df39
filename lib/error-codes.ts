/**
 * The codes of the API's errors, `{ "error": { "code", "message" } }`,
 * defined once: the server throws them (`HttpError`) and the browser's API
 * client compares against them, so neither spells one by hand. A closed
 * set: a new error the client must tell apart is added here first.
 */
export const errorCode = {
  /** No session and no token, or one that no longer works (401). */
  unauthenticated: "unauthenticated",
  /** Too many failed sign-ins for an email or from an address (429, `Retry-After`). */
  tooManyAttempts: "too_many_attempts",
  /** A password shorter or longer than allowed (400). */
  weakPassword: "weak_password",
  /** A cookie-authenticated mutation from another site (403). */
  crossOrigin: "cross_origin",
  /** Refused by the policy (server/policy.ts) (403). */
  forbidden: "forbidden",
  notFound: "not_found",
  methodNotAllowed: "method_not_allowed",
  /** The claim changed since the version the client named (409, with the current `annotation`). */
  versionConflict: "version_conflict",
  /** The words a new claim or a re-attach named are not in the latest revision as they were (409). */
  articleRevised: "article_revised",
  /** A change to a claim someone deleted: not applied (409, with the `annotation` as deleted, `deletedBy`, `deletedAt`). */
  deleted: "deleted",
  /** A new claim on exactly the words of another live claim (409, with the existing `annotation`), unless `sameWords: "allow"`. */
  sameWords: "same_words",
  /** A pick of a version of a conflict that someone has picked already (409, with the current `annotation`). */
  conflictResolved: "conflict_resolved",
  /** A re-attach of a claim that is not an orphan (409). */
  notOrphan: "not_orphan",
  /** A create's client id names something else already (409). */
  idTaken: "id_taken",
  slugTaken: "slug_taken",
  /** A person added with an email that has an account already (409). */
  emailTaken: "email_taken",
  /** Demoting or deactivating the last active admin (409). */
  lastAdmin: "last_admin",
  unchanged: "unchanged",
  /** A review step, or a verdict, that the claim's review state does not allow (409, naming the state). */
  reviewState: "review_state",
  /** A second verdict by someone who gave one on the claim already (409, with their `verdict`). */
  verdictGiven: "verdict_given",
  /** A reviewer approving a claim before giving their own verdict on it (409). */
  verdictNeeded: "verdict_needed",
  /** A reviewer approving a claim whose verdicts differ: an editor settles it (409). */
  verdictsDiffer: "verdicts_differ",
  /** An editor settling differing verdicts (or changing the tag) without saying why (400). */
  commentRequired: "comment_required",
  /** A ClaimReview export before an admin set the publisher and the public base URL (409, with `missing`). */
  settingsMissing: "settings_missing",
  /** A new article with the source URL or text of one stored, sent with `duplicates: "refuse"` (409, with `duplicateOf`). */
  duplicate: "duplicate",
  /** An article's deletion without `?confirm=` naming how many claims go with it (409, with `claimCount`). */
  confirmationRequired: "confirmation_required",
  invalidBody: "invalid_body",
  invalidQuery: "invalid_query",
  invalidRange: "invalid_range",
  invalidRevision: "invalid_revision",
  invalidFields: "invalid_fields",
  invalidImport: "invalid_import",
  /** Some annotations of an import cannot be placed, so none was imported (422, with `skipped`). */
  notImportable: "not_importable",
  /** A JSON string with half of a surrogate pair (400). */
  invalidText: "invalid_text",
  emptyArticle: "empty_article",
  malformedJson: "malformed_json",
  bodyTooLarge: "body_too_large",
  /** An article over one of its limits of size or nesting (400 or 413, with the `limit`). */
  articleLimit: "article_limit",
  /** An article that took too long or too much memory to parse and sanitise (422). */
  tooComplex: "too_complex",
  unsupportedMediaType: "unsupported_media_type",
  /** The database cannot be reached; sent again later, the request succeeds (503, `Retry-After`). */
  databaseUnavailable: "database_unavailable",
  internalError: "internal_error",
} as const;

export type ErrorCode = (typeof errorCode)[keyof typeof errorCode];
