/**
 * What the editor does with a claim the live feed brings: ClaimSync, the one
 * writer, says what to show (see `ClaimSync.receive`), and this draws it as a
 * transaction from the server (not undoable, not saved again). Only the
 * claims' decorations change: the reader's selection and scroll stay.
 */
import type { EditorView } from "prosemirror-view";
import { claimFromAnnotation, sameFields, sameReview } from "./claim";
import type { ClaimSync, LiveAnnotation } from "./claim-sync";
import { getClaims, setClaimsAction } from "./claims-plugin";
import { fromServer } from "./sync-action";
import type { TextMap } from "./text-map";

/** What the editor keeps apart from the text: claims without a place there (orphans). */
export interface LiveClaimTargets {
  view: EditorView;
  sync: ClaimSync;
  textMap: TextMap;
  /** An orphan arrived, changed (`annotation`) or left (`null`) the Orphans panel. */
  setOrphan: (id: string, annotation: LiveAnnotation | null) => void;
}

/** Applies one claim from the live feed to the editor. */
export function applyLiveClaim({ view, sync, textMap, setOrphan }: LiveClaimTargets, annotation: LiveAnnotation): void {
  const result = sync.receive(annotation);
  if (result.kind === "none") return;
  const drawn = getClaims(view.state).claims.get(annotation.id);
  const tr = fromServer(view.state.tr);
  if (result.kind === "remove" || annotation.status === "orphan") {
    setOrphan(annotation.id, result.kind === "remove" ? null : annotation);
    if (drawn) view.dispatch(setClaimsAction(tr, { remove: [annotation.id] }));
    return;
  }
  setOrphan(annotation.id, null);
  const claim = { ...claimFromAnnotation(annotation, (offset) => textMap.toPos(offset)), ...result.fields };
  // This reviewer's own change, echoed back: nothing to redraw.
  if (
    drawn &&
    sameFields(drawn, claim) &&
    sameReview(drawn, claim) &&
    drawn.from === claim.from &&
    drawn.to === claim.to &&
    drawn.updatedAt === claim.updatedAt
  )
    return;
  view.dispatch(setClaimsAction(tr, { put: [claim] }));
}
