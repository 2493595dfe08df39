import { keymap } from "prosemirror-keymap";
import type { Command, Plugin } from "prosemirror-state";
import { type Tag, tagInfo, tags } from "@/lib/tags";
import { revealing } from "./claim-commands";
import { redoClaim, undoClaim } from "./claim-history";
import { getClaims, setClaimsAction } from "./claims-plugin";
import { onScreenSelection } from "./screen-selection";
import { retagActive, selectedRange, tagSelection } from "./tag-selection";
import type { TextMap } from "./text-map";

export interface ClaimKeymapOptions {
  textMap: TextMap;
  /** Earlier revisions: undo, redo and Esc only, no tagging. */
  readOnly: boolean;
  /** The reviewer's name now; null until given. */
  reviewer: () => string | null;
  /** Asks for the name, to tag the selected words with `tag` once it is given. */
  askName: (tag: Tag) => void;
}

/**
 * The editor's keys: a tag's shortcut tags the selected words (with none, it
 * retags the open claim), Mod-z / Shift-Mod-z / Mod-y undo and redo claim
 * changes, and Esc closes the open claim.
 */
export function claimKeymap({ textMap, readOnly, reviewer, askName }: ClaimKeymapOptions): Plugin {
  // A new claim needs the name first; a retag of the open claim (no words selected) goes ahead,
  // and its save asks for the name if the server wants it.
  const requireName =
    (tag: Tag, command: Command): Command =>
    (state, dispatch) => {
      if (reviewer() || !selectedRange(state, textMap)) return command(state, dispatch);
      if (dispatch) askName(tag);
      return true;
    };
  const tagKeys = Object.fromEntries(
    tags.map((tag) => [
      tagInfo[tag].shortcut,
      onScreenSelection(requireName(tag, (s, d) => tagSelection(tag, textMap, reviewer()!)(s, d) || retagActive(tag)(s, d))),
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
