/**
 * Puts back what an earlier visit changed but could not save (kept in
 * localStorage by `ClaimSync`), on the text this page shows. A change made on
 * the same revision goes back where it was. One made on an earlier revision
 * cannot use its offsets here: a claim the server already has keeps the
 * place the revision gave it, with the reviewer's words put back; a claim the
 * server never got waits for the server to find its words in this text.
 */
import type { Claim } from "./claim";
import type { StoredChange } from "./claim-sync";

/**
 * One claim to hand to the save loop: its id, the wish (null: deleted), the
 * revision its offsets count in, and whether it is an orphan to re-attach there.
 */
export type RestoredWish = [id: string, claim: Claim | null, revision: number | undefined, reattach?: boolean];

export interface RestorePlan {
  /** The claims to draw: the server's (the map given, changed in place), with the restored changes applied. */
  claims: Map<string, Claim>;
  wishes: RestoredWish[];
  /** New claims made on an earlier text, drawn once the server has placed them. */
  awaiting: Claim[];
}

export interface RestoreContext {
  /** The revision of this page's text. */
  revision: number;
  /** Its length in code points. */
  textLength: number;
  /** Whether the server has the claim (placed or orphan). */
  onServer: (id: string) => boolean;
  /** The document position of a code point offset. */
  toPos: (offset: number) => number;
}

export function planRestore(stored: ReadonlyMap<string, StoredChange>, claims: Map<string, Claim>, context: RestoreContext): RestorePlan {
  const wishes: RestoredWish[] = [];
  const awaiting: Claim[] = [];
  for (const [id, { claim, revision, reattach }] of stored) {
    const placed = claims.get(id);
    if (!claim) {
      claims.delete(id);
      wishes.push([id, null, revision]);
    } else if (revision === undefined || revision === context.revision) {
      if (claim.end > context.textLength) continue; // Kept by an older editor, on a text since revised.
      const here = { ...claim, from: context.toPos(claim.start), to: context.toPos(claim.end) };
      claims.set(id, here);
      wishes.push(reattach ? [id, here, revision, true] : [id, here, revision]);
    } else if (context.onServer(id)) {
      const { tag, note, claimant, evidence } = claim;
      const kept = { ...(placed ?? claim), tag, note, claimant, evidence };
      if (placed) claims.set(id, kept);
      // A placed claim's offsets are now this text's; an orphan keeps those it had, and stays one:
      // words chosen on an earlier text to re-attach it to are not looked for in this one.
      wishes.push([id, kept, placed ? undefined : revision]);
    } else {
      awaiting.push(claim);
      wishes.push([id, claim, revision]);
    }
  }
  return { claims, wishes, awaiting };
}
