/**
 * The editor's claim commands, in ProseMirror's `(state, dispatch?) => boolean`
 * shape: what the panels ask of the editor. Each builds one transaction with a
 * claims action, and says on it how the save loop treats it (`sync-action.ts`);
 * the controller's `dispatchTransaction` hands the claims to `ClaimSync`.
 */
import { type Command, TextSelection } from "prosemirror-state";
import type { EditorAnnotation } from "@/lib/annotation";
import { type Claim, claimFromAnnotation } from "./claim";
import { getClaims, setClaimsAction } from "./claims-plugin";
import { setReveal } from "./reveal";
import { setSyncAction } from "./sync-action";
import type { TextMap } from "./text-map";

/** `command`, its transactions marked to bring the claim they open into view. */
export const revealing =
  (command: Command): Command =>
  (state, dispatch) =>
    command(state, dispatch && ((tr) => dispatch(setReveal(tr, "nearest"))));

/**
 * Opens a claim (null: closes the open one), bringing it into view. Closing
 * puts the caret after the claim that was open, where the keyboard goes back.
 */
export function openClaim(id: string | null): Command {
  return (state, dispatch) => {
    if (dispatch) {
      const tr = setReveal(setClaimsAction(state.tr, { activate: id }), "nearest");
      const claims = getClaims(state);
      const closing = id === null && claims.activeId ? claims.claims.get(claims.activeId) : undefined;
      if (closing) tr.setSelection(TextSelection.create(tr.doc, closing.to));
      dispatch(tr);
    }
    return true;
  };
}

/** Replaces a claim by `claim`, its new state; `typing`: a keystroke in a field, saved after a pause. */
export function putClaim(claim: Claim, { typing = false } = {}): Command {
  return (state, dispatch) => {
    if (dispatch) {
      const tr = setClaimsAction(state.tr, { put: [claim] });
      dispatch(typing ? setSyncAction(tr, { kind: "typing" }) : tr);
    }
    return true;
  };
}

/** Deletes a claim (on the undo stack). */
export function removeClaim(id: string): Command {
  return (state, dispatch) => {
    dispatch?.(setClaimsAction(state.tr, { remove: [id] }));
    return true;
  };
}

/**
 * Clears the "words changed" notice of a claim: its reviewer checked the
 * verdict on the new words. Not on the undo stack, as a re-attach is not.
 */
export function checkVerdict(id: string): Command {
  return (state, dispatch) => {
    const claim = getClaims(state).claims.get(id);
    if (!claim?.previousQuote) return false;
    if (dispatch) dispatch(setClaimsAction(state.tr, { put: [{ ...claim, previousQuote: null }] }).setMeta("addToHistory", false));
    return true;
  };
}

/**
 * Puts an orphan on the words from `start` to `end` (offsets in `textMap`'s
 * text) and opens it there, collapsing the selection onto its end as tagging
 * does. Not on the undo stack: the orphan is not in the text to go back to.
 */
export function reattachOrphan(
  orphan: EditorAnnotation,
  { start, end }: { start: number; end: number },
  textMap: TextMap,
  reviewer: string | null,
): Command {
  return (state, dispatch) => {
    if (end <= start || end > textMap.index.length) return false;
    if (dispatch) {
      const quote = textMap.index.slice(start, end);
      const placed = claimFromAnnotation({ ...orphan, start, end, quote, previousQuote: null }, (o) => textMap.toPos(o));
      const claim = { ...placed, updatedBy: reviewer ?? placed.updatedBy };
      const tr = state.tr.setSelection(TextSelection.create(state.doc, claim.to));
      dispatch(setSyncAction(setClaimsAction(tr, { put: [claim], activate: claim.id }), { kind: "reattach" }).setMeta("addToHistory", false));
    }
    return true;
  };
}

/** Deletes an orphan for good: it is not in the text, so not on the undo stack either. */
export function deleteOrphan(id: string): Command {
  return (state, dispatch) => {
    dispatch?.(setClaimsAction(state.tr, { remove: [id] }).setMeta("addToHistory", false));
    return true;
  };
}
