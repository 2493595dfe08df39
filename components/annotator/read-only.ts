/**
 * Keeps the article's words as published. The editor stays contenteditable so
 * that reviewers get a caret and can select with the keyboard, but every
 * transaction that would change the document is dropped, whatever produced it
 * (typing, paste, drop, cut, IME composition, spellcheck). When ProseMirror
 * reads a DOM change that it then cannot apply, it redraws the touched nodes
 * from the unchanged state, which puts the words back on screen.
 */
import { Plugin, PluginKey } from "prosemirror-state";

export const readOnlyKey = new PluginKey("readOnly");

export function readOnlyText(): Plugin {
  return new Plugin({
    key: readOnlyKey,
    filterTransaction: (tr) => !tr.docChanged,
    props: {
      // Refusing these up front avoids a flash of foreign text before the redraw.
      handleTextInput: () => true,
      handlePaste: () => true,
      handleDrop: () => true,
      handleDOMEvents: {
        beforeinput: (_view, event) => {
          // Composition events cannot be cancelled; the filter above handles them.
          if (!event.inputType.startsWith("insertComposition")) event.preventDefault();
          return false;
        },
      },
    },
  });
}
