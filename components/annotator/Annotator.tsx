"use client";

import { useEffect } from "react";
import { SignInAgain } from "@/components/accounts/SignInAgain";
import { lazyComponent } from "@/components/lazy-component";
import type { EditorAnnotation } from "@/lib/annotation";
import { AnnotatorNotices } from "./AnnotatorNotices";
import { ClaimPanel, preloadClaimList } from "./ClaimPanel";
import { deleteOrphan, reattachOrphan, revealing } from "./claim-commands";
import { redoClaim, redoDepth, undoClaim, undoDepth, whyNotReplay } from "./claim-history";
import { SaveStatus } from "./SaveStatus";
import { type AnnotatorController, type AnnotatorProps, useAnnotator } from "./use-annotator";

export type { AnnotatorDocument, AnnotatorProps } from "./use-annotator";

// What the editor shows only once something happens (words selected, a live
// notice, an orphan or a claim the server refused): loaded as the editor
// opens, not before it, so that the article and its highlights come first.
const SelectionToolbar = lazyComponent(() => import("./SelectionToolbar").then((module) => module.SelectionToolbar));
const LiveNotices = lazyComponent(() => import("./LiveNotices").then((module) => module.LiveNotices));
const OrphansPanel = lazyComponent(() => import("./OrphansPanel").then((module) => module.OrphansPanel));
const UnplacedClaims = lazyComponent(() => import("./UnplacedClaims").then((module) => module.UnplacedClaims));

/**
 * Starts fetching what the editor shows as soon as it opens (the selection
 * toolbar, the claims list), for the page to call while the claims are on
 * their way: fetched only once the editor mounts, they came after the
 * claims, one more round trip before the editor could be used.
 */
export function preloadEditorParts() {
  SelectionToolbar.preload();
  preloadClaimList();
}

/**
 * The article editor: the text, and the panels around it. The controller
 * (`useAnnotator`) owns the editor and the save loop; this component and its
 * panels only render its state and run its commands.
 */
export function Annotator(props: AnnotatorProps) {
  const editor = useAnnotator(props);
  useEffect(() => {
    SelectionToolbar.preload();
    LiveNotices.preload();
    OrphansPanel.preload();
    UnplacedClaims.preload();
  }, []);
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
              refusal={editor.tagRefusal}
            />
          )}
        </div>
        <div className="annotator-side">
          <AnnotatorNotices
            linkedClaimMissing={editor.linkedClaimMissing}
            articleRevised={editor.articleRevised}
            savedOnNewer={editor.savedOnNewer}
          />
          {!readOnly && <LiveNotices editor={editor} />}
          {unplaced.length > 0 && <UnplacedClaims claims={unplaced} refused={status.refused} onDiscard={editor.discardAwaiting} />}
          {editor.orphans.length > 0 && (
            <OrphansPanel
              orphans={editor.orphans}
              canReattach={selection !== null && !readOnly && editor.reattachRefusal === null}
              reattachRefusal={readOnly ? null : editor.reattachRefusal}
              onReattach={(orphan) => reattach(editor, orphan)}
              // A viewer deletes nothing; a reviewer's deletion of another's orphan is refused by the server, and says so.
              onDelete={readOnly || editor.tagRefusal !== null ? undefined : (orphan) => removeOrphan(editor, orphan)}
              openedId={props.initialClaimId}
            />
          )}
          <ClaimPanel editor={editor} />
        </div>
      </div>
    </div>
  );
}

/** Undo, redo, whether everything is saved, and who is editing. */
function EditorBar({ editor }: { editor: AnnotatorController }) {
  const { editorState, person } = editor;
  // Undo takes back only this reviewer's own change: where someone changed the same fields since, it stops, and says why.
  const undoStops = editorState ? whyNotReplay(editorState, "undo") : null;
  return (
    <div className="annotator-bar" role="toolbar" aria-label="Editor">
      <button
        type="button"
        onClick={() => editor.run(revealing(undoClaim))}
        disabled={!editorState || undoDepth(editorState) === 0 || undoStops !== null}
        title="Undo (Ctrl+Z)"
      >
        Undo
      </button>
      {undoStops && (
        <span className="role-notice" role="note" data-testid="undo-stops">
          {undoStops}
        </span>
      )}
      <button
        type="button"
        onClick={() => editor.run(revealing(redoClaim))}
        disabled={!editorState || redoDepth(editorState) === 0}
        title="Redo (Ctrl+Shift+Z)"
      >
        Redo
      </button>
      <SaveStatus status={editor.status} onRetry={editor.retry} />
      {editor.signedOut && (
        <p className="save-status-refused" role="alert" data-testid="signed-out">
          Your session has ended: your changes are kept in this browser. <SignInAgain />, then come back to this page to save them.
        </p>
      )}
      {person && (
        <span className="reviewer">
          Editing as <strong data-testid="reviewer-name">{person.name}</strong> ({person.role})
          {editor.tagRefusal && <span className="role-notice"> · {editor.tagRefusal}</span>}
        </span>
      )}
    </div>
  );
}

/** Puts an orphan on the selected words; the button goes with its orphan, so the keyboard goes to the article, by the claim now open there. */
function reattach(editor: AnnotatorController, orphan: EditorAnnotation) {
  if (!editor.selection || !editor.textMap) return;
  editor.run(reattachOrphan(orphan, editor.selection, editor.textMap, editor.person?.name ?? null));
  editor.focus();
}

/** Deletes an orphan for good; the last one takes the Orphans panel with it, and the keyboard goes to the article. */
function removeOrphan(editor: AnnotatorController, orphan: EditorAnnotation) {
  editor.run(deleteOrphan(orphan.id));
  if (editor.orphans.length === 1) editor.focus();
}
