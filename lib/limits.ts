/**
 * Sizes the API accepts, in a module of their own so that browser code can
 * show them without bundling the validation library.
 */
export const maxNoteLength = 10_000;
export const maxClaimantLength = 200;
export const maxEvidenceLinks = 50;
export const maxUrlLength = 2_048;
export const maxReviewerLength = 100;
/** A password's length, in characters (better-auth checks it on sign-up; invitations check it too). */
export const minPasswordLength = 8;
export const maxPasswordLength = 128;
/** Largest request body the annotation endpoints read. */
export const maxBodyBytes = 64 * 1024;

/**
 * Bounds on the shape of an article, checked before it is sanitised or
 * parsed: within 5 MB, HTML nested 100,000 deep or Markdown of unclosed
 * brackets would otherwise cost minutes. They admit any real article (the
 * benchmark's 50,000 words in 2,500 paragraphs are well inside them) and
 * pasted web pages with their wrappers and attributes.
 */
export const articleLimits = {
  /** Elements open inside one another, HTML or Markdown rendered to HTML. */
  maxDepth: 256,
  /** Elements in all, HTML or Markdown rendered to HTML. */
  maxElements: 200_000,
  /** Attributes on one element. */
  maxAttributes: 256,
  /** Characters in one attribute's value (an inlined image is about this much). */
  maxAttributeLength: 1_000_000,
  /** Paragraphs, headings, captions, quotes and list items of the article. */
  maxBlocks: 20_000,
  /** Characters in one paragraph (or other block) of the article. */
  maxBlockLength: 100_000,
  /**
   * Lines of a plain-text or Markdown article: 5 MB of prose wrapped at 40
   * characters is 130,000 lines, blank ones included. Checked before parsing,
   * which for a million empty paragraphs of Markdown takes seconds.
   */
  maxLines: 250_000,
} as const;

/**
 * Time the worker may spend on one article or one revision's re-anchoring
 * before it is stopped and the request refused (`422 too_complex`).
 */
export const articleWorkTimeLimitMs = 3_000;
/**
 * Heap the worker may grow to (V8's old generation) before it is stopped and
 * the request refused (`422 too_complex`): a 5 MB article needs a few tens of
 * MB, Markdown of a million empty paragraphs would take gigabytes, and the
 * garbage collector's work on them competes with the server for the CPU.
 */
export const articleWorkMemoryLimitMb = 256;
/** A comment on a claim, in characters (code points); an empty or blank one is refused. */
export const maxCommentLength = 5_000;
