/**
 * The outcomes of anchoring, as closed sets: their own module, so that the
 * history's methods (lib/history-methods.ts) derive from them without
 * bringing the anchoring code along.
 */

/** How an anchored claim was found, surest first. */
export const anchorMethods = ["position", "quote", "fuzzy"] as const;
export type AnchorMethod = (typeof anchorMethods)[number];

/** Why a claim could not be anchored. */
export const orphanReasons = ["empty-quote", "not-found", "context-mismatch", "ambiguous"] as const;
export type OrphanReason = (typeof orphanReasons)[number];
