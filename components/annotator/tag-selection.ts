import { type Command, type EditorState, TextSelection } from "prosemirror-state";
import { trimRange } from "@/lib/selectors";
import type { Tag } from "@/lib/tags";
import type { Claim } from "./claim";
import { getClaims, setClaimsAction } from "./claims-plugin";
import type { TextMap } from "./text-map";

/** The selection as plain-text offsets without surrounding whitespace, or null when it holds no words. */
export function selectedRange(state: EditorState, textMap: TextMap): { start: number; end: number } | null {
  const { from, to, empty } = state.selection;
  if (empty) return null;
  return trimRange(textMap.index, textMap.toOffset(from), textMap.toOffset(to));
}

/** Who tags: the signed-in person. */
export interface ClaimAuthor {
  id: string;
  name: string;
}

/**
 * Tags the selected words as a new claim and opens it; words that already
 * carry a claim of their own (exactly these words) get that claim retagged
 * and opened instead, so one passage never holds two verdicts by accident;
 * opened only, when `mayChange` says the person may not change it (a
 * reviewer, another's claim): they see who tagged the words, and how.
 * Returns false (does nothing) when the selection holds no words.
 */
export function tagSelection(
  tag: Tag,
  textMap: TextMap,
  author: ClaimAuthor,
  newId: () => string = () => crypto.randomUUID(),
  mayChange: (claim: Claim) => boolean = () => true,
): Command {
  return (state, dispatch) => {
    const range = selectedRange(state, textMap);
    if (!range) return false;
    const from = textMap.toPos(range.start);
    const to = textMap.toPos(range.end);
    const same = getClaims(state)
      .claimsAt(from)
      .find((claim) => claim.from === from && claim.to === to);
    if (same) {
      if (dispatch) {
        const tr = state.tr.setSelection(TextSelection.create(state.doc, to));
        const retag = same.tag !== tag && mayChange(same);
        dispatch(setClaimsAction(tr, { ...(retag ? { put: [{ ...same, tag }] } : {}), activate: same.id }));
      }
      return true;
    }
    if (dispatch) {
      const claim: Claim = {
        id: newId(),
        ...range,
        from,
        to,
        quote: textMap.index.slice(range.start, range.end),
        tag,
        note: "",
        claimant: "",
        evidence: [],
        createdBy: author.name,
        createdById: author.id,
        updatedBy: author.name,
        updatedAt: null,
      };
      // Collapse the selection to the claim's end, so the tag toolbar gives way to the highlight.
      const tr = state.tr.setSelection(TextSelection.create(state.doc, claim.to));
      dispatch(setClaimsAction(tr, { put: [claim], activate: claim.id }));
    }
    return true;
  };
}

/** Changes the tag of the open claim. */
export function retagActive(tag: Tag): Command {
  return (state, dispatch) => {
    const claims = getClaims(state);
    const claim = claims.activeId ? claims.claims.get(claims.activeId) : undefined;
    if (!claim || claim.tag === tag) return false;
    if (dispatch) dispatch(setClaimsAction(state.tr, { put: [{ ...claim, tag }] }));
    return true;
  };
}
