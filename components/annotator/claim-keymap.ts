import { keymap } from "prosemirror-keymap";
import type { Command, Plugin } from "prosemirror-state";
import { type Tag, tagInfo, tags } from "@/lib/tags";
import type { Claim } from "./claim";
import { revealing } from "./claim-commands";
import { redoClaim, undoClaim } from "./claim-history";
import { getClaims, setClaimsAction } from "./claims-plugin";
import { onScreenSelection } from "./screen-selection";
import { type ClaimAuthor, retagActive, tagSelection } from "./tag-selection";
import type { TextMap } from "./text-map";

export interface ClaimKeymapOptions {
  textMap: TextMap;
  /** Earlier revisions: undo, redo and Esc only, no tagging. */
  readOnly: boolean;
  /** The signed-in person, who tags; null when their role cannot tag (the selection's toolbar says why). */
  author: ClaimAuthor | null;
  /** Whether the signed-in person may change this claim (a reviewer: only their own). */
  mayChange: (claim: Claim) => boolean;
}

/**
 * The editor's keys: a tag's shortcut tags the selected words (with none, it
 * retags the open claim), Mod-z / Shift-Mod-z / Mod-y undo and redo claim
 * changes, and Esc closes the open claim.
 */
export function claimKeymap({ textMap, readOnly, author, mayChange }: ClaimKeymapOptions): Plugin {
  // The open claim is retagged only by whom may change it; the key is taken either way, as the panel says why not.
  const retagIfAllowed =
    (tag: Tag): Command =>
    (state, dispatch) => {
      const claims = getClaims(state);
      const open = claims.activeId ? claims.claims.get(claims.activeId) : undefined;
      if (open && !mayChange(open)) return true;
      return retagActive(tag)(state, dispatch);
    };
  const tagKeys = Object.fromEntries(
    tags.map((tag) => [
      tagInfo[tag].shortcut,
      onScreenSelection((s, d) => (author !== null && tagSelection(tag, textMap, author, undefined, mayChange)(s, d)) || retagIfAllowed(tag)(s, d)),
    ]),
  );
  return keymap({
    ...(readOnly ? {} : tagKeys),
    "Mod-z": revealing(undoClaim),
    "Shift-Mod-z": revealing(redoClaim),
    "Mod-y": revealing(redoClaim),
    Escape: (state, dispatch) => {
      if (!getClaims(state).activeId) return false;
      dispatch?.(setClaimsAction(state.tr, { activate: null }));
      return true;
    },
  });
}
