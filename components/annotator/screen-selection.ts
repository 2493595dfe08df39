import { type Command, type Selection, TextSelection } from "prosemirror-state";
import type { EditorView } from "prosemirror-view";

/**
 * Runs a command on the selection the reader sees. Browsers report a
 * selection change a task after the key that made it, and ProseMirror reads
 * the selection only then; a shortcut pressed right after Shift+Arrow would
 * otherwise act on the selection one key behind.
 */
export function onScreenSelection(command: Command): Command {
  return (state, dispatch, view) => {
    if (!view || !dispatch) return command(state, dispatch, view);
    const onScreen = screenSelection(view);
    if (onScreen && !onScreen.eq(view.state.selection)) view.dispatch(view.state.tr.setSelection(onScreen));
    return command(view.state, dispatch, view);
  };
}

function screenSelection(view: EditorView): Selection | null {
  const dom = (view.root as Document).getSelection?.();
  if (!dom?.anchorNode || !dom.focusNode) return null;
  if (!view.dom.contains(dom.anchorNode) || !view.dom.contains(dom.focusNode)) return null;
  try {
    const anchor = view.posAtDOM(dom.anchorNode, dom.anchorOffset);
    const head = view.posAtDOM(dom.focusNode, dom.focusOffset);
    return TextSelection.between(view.state.doc.resolve(anchor), view.state.doc.resolve(head));
  } catch {
    return null; // A position ProseMirror cannot map (inside a widget): keep its own selection.
  }
}
