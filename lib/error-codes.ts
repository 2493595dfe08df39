/**
 * The codes of the API's errors, `{ "error": { "code", "message" } }`,
 * defined once: the server throws them (`HttpError`) and the browser's API
 * client compares against them, so neither spells one by hand. A closed
 * set: a new error the client must tell apart is added here first.
 */
export const errorCode = {
  /** A mutation without the `reviewer` cookie (401). */
  reviewerRequired: "reviewer_required",
  /** A cookie-authenticated mutation from another site (403). */
  crossOrigin: "cross_origin",
  notFound: "not_found",
  methodNotAllowed: "method_not_allowed",
  /** The claim changed since the version the client named (409, with the current `annotation`). */
  versionConflict: "version_conflict",
  /** The words a new claim or a re-attach named are not in the latest revision as they were (409). */
  articleRevised: "article_revised",
  /** A re-attach of a claim that is not an orphan (409). */
  notOrphan: "not_orphan",
  /** A create's client id names something else already (409). */
  idTaken: "id_taken",
  slugTaken: "slug_taken",
  unchanged: "unchanged",
  invalidBody: "invalid_body",
  invalidQuery: "invalid_query",
  invalidRange: "invalid_range",
  invalidRevision: "invalid_revision",
  invalidFields: "invalid_fields",
  invalidImport: "invalid_import",
  emptyArticle: "empty_article",
  malformedJson: "malformed_json",
  bodyTooLarge: "body_too_large",
  unsupportedMediaType: "unsupported_media_type",
  /** The database cannot be reached; sent again later, the request succeeds (503, `Retry-After`). */
  databaseUnavailable: "database_unavailable",
  internalError: "internal_error",
} as const;

export type ErrorCode = (typeof errorCode)[keyof typeof errorCode];
