import { describeRange } from "../selectors";
import { CodePointIndex } from "../text-offsets";
import { type AnchorMethod, type OrphanReason, type StoredAnchor, anchorAll } from "./anchor";

/** Where one claim goes on a new revision: its new anchor, or an orphan keeping its old one. */
export type Placement =
  | { status: "anchored"; anchor: StoredAnchor; method: AnchorMethod; score: number }
  | { status: "orphan"; anchor: StoredAnchor; method: OrphanReason; score: null };

/**
 * Places every claim of an article on a revision's text, results in the
 * order given: what publishing a revision stores for each claim. Plain data
 * in and out, so that it can run in a worker.
 */
export function placeClaims(text: string, claims: readonly StoredAnchor[]): Placement[] {
  const results = anchorAll(text, claims);
  const index = new CodePointIndex(text);
  return claims.map((claim, i) => {
    const result = results[i];
    if (result.status === "orphan") return { status: "orphan", anchor: claim, method: result.reason, score: null };
    return { status: "anchored", anchor: describeRange(index, result.start, result.end), method: result.method, score: result.score };
  });
}
