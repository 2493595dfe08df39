import { anchorMethods, orphanReasons } from "./anchoring/methods";

/**
 * How a claim came to stand where it does on a revision, the `method` of
 * each entry of its history (`GET /api/annotations/{id}/history`): made
 * there, imported, re-attached by a reviewer, or placed by a revision's
 * re-anchoring (how it was found, or why it could not be).
 */
export const historyMethods = ["created", "imported", "reattached", ...anchorMethods, ...orphanReasons] as const;
export type HistoryMethod = (typeof historyMethods)[number];
