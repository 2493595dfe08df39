"use client";

import { ReviewerForm } from "@/components/ReviewerForm";
import type { EditorAnnotation } from "@/lib/annotation";
import { AnnotatorNotices } from "./AnnotatorNotices";
import { ClaimPanel } from "./ClaimPanel";
import { deleteOrphan, reattachOrphan, revealing } from "./claim-commands";
import { redoClaim, redoDepth, undoClaim, undoDepth } from "./claim-history";
import { OrphansPanel } from "./OrphansPanel";
import { SaveStatus } from "./SaveStatus";
import { SelectionToolbar } from "./SelectionToolbar";
import { UnplacedClaims } from "./UnplacedClaims";
import { type AnnotatorController, type AnnotatorProps, useAnnotator } from "./use-annotator";

export type { AnnotatorDocument, AnnotatorProps } from "./use-annotator";

/**
 * The article editor: the text, and the panels around it. The controller
 * (`useAnnotator`) owns the editor and the save loop; this component and its
 * panels only render its state and run its commands.
 */
export function Annotator(props: AnnotatorProps) {
  const editor = useAnnotator(props);
  const { readOnly, editorState, selection, status, view } = editor;
  const unplaced = editor.awaiting.filter((claim) => status.refused.has(claim.id));
  return (
    <div className="annotator">
      {!readOnly && <EditorBar editor={editor} />}
      <div className="annotator-body">
        <div className="annotator-text">
          <div ref={editor.mountRef} />
          {selection && !readOnly && view && editorState && (
            <SelectionToolbar
              view={view}
              selectionFrom={editorState.selection.from}
              selectionTo={editorState.selection.to}
              onTag={editor.tagSelected}
            />
          )}
        </div>
        <div className="annotator-side">
          <AnnotatorNotices
            linkedClaimMissing={editor.linkedClaimMissing}
            articleRevised={editor.articleRevised}
            savedOnNewer={editor.savedOnNewer}
          />
          {unplaced.length > 0 && <UnplacedClaims claims={unplaced} refused={status.refused} onDiscard={editor.discardAwaiting} />}
          {editor.orphans.length > 0 && (
            <OrphansPanel
              orphans={editor.orphans}
              canReattach={selection !== null && !readOnly}
              onReattach={(orphan) => reattach(editor, orphan)}
              onDelete={readOnly ? undefined : (orphan) => removeOrphan(editor, orphan)}
              openedId={props.initialClaimId}
            />
          )}
          <ClaimPanel editor={editor} />
        </div>
      </div>
    </div>
  );
}

/** Undo, redo, whether everything is saved, and the reviewer's name. */
function EditorBar({ editor }: { editor: AnnotatorController }) {
  const { editorState, name } = editor;
  return (
    <div className="annotator-bar" role="toolbar" aria-label="Editor">
      <button
        type="button"
        onClick={() => editor.run(revealing(undoClaim))}
        disabled={!editorState || undoDepth(editorState) === 0}
        title="Undo (Ctrl+Z)"
      >
        Undo
      </button>
      <button
        type="button"
        onClick={() => editor.run(revealing(redoClaim))}
        disabled={!editorState || redoDepth(editorState) === 0}
        title="Redo (Ctrl+Shift+Z)"
      >
        Redo
      </button>
      <SaveStatus status={editor.status} onRetry={editor.retry} />
      <ReviewerForm
        reviewer={name.reviewer}
        open={name.request !== null || !name.reviewer}
        asked={name.request?.times ?? 0}
        hint={name.request?.hint}
        takeFocus={name.request?.takeFocus ?? true}
        onChange={editor.giveName}
      />
    </div>
  );
}

/** Puts an orphan on the selected words; the button goes with its orphan, so the keyboard goes to the article, by the claim now open there. */
function reattach(editor: AnnotatorController, orphan: EditorAnnotation) {
  if (!editor.selection || !editor.textMap) return;
  editor.run(reattachOrphan(orphan, editor.selection, editor.textMap, editor.name.reviewerRef.current));
  editor.focus();
}

/** Deletes an orphan for good; the last one takes the Orphans panel with it, and the keyboard goes to the article. */
function removeOrphan(editor: AnnotatorController, orphan: EditorAnnotation) {
  editor.run(deleteOrphan(orphan.id));
  if (editor.orphans.length === 1) editor.focus();
}
