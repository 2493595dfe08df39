"use client";

import { keymap } from "prosemirror-keymap";
import { Schema } from "prosemirror-model";
import { EditorState } from "prosemirror-state";
import { EditorView } from "prosemirror-view";
import { useEffect, useRef } from "react";

/** The smallest schema an editable text needs. */
const schema = new Schema({
  nodes: {
    doc: { content: "paragraph+" },
    paragraph: { content: "text*", toDOM: () => ["p", 0], parseDOM: [{ tag: "p" }] },
    text: {},
  },
});

/**
 * An EditorView over one paragraph, with the ProseMirror packages the app's
 * editor imports (model, state, view, keymap) and nothing else, mounted as
 * the app's controller mounts its own: in an effect, destroyed in its cleanup.
 */
export function BareEditor({ text }: { text: string }) {
  const mount = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const state = EditorState.create({
      doc: schema.node("doc", null, [schema.node("paragraph", null, [schema.text(text)])]),
      plugins: [keymap({})],
    });
    const view = new EditorView(mount.current!, { state });
    return () => view.destroy();
  }, [text]);
  return <div ref={mount} data-testid="bare-editor" />;
}
