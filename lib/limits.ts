/**
 * Sizes the API accepts, in a module of their own so that browser code can
 * show them without bundling the validation library.
 */
export const maxNoteLength = 10_000;
export const maxClaimantLength = 200;
export const maxEvidenceLinks = 50;
export const maxUrlLength = 2_048;
export const maxReviewerLength = 100;
/** Largest request body the annotation endpoints read. */
export const maxBodyBytes = 64 * 1024;
