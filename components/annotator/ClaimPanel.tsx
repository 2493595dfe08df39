"use client";

import { Activity, useEffect, useState, useSyncExternalStore } from "react";
import { type Tag, tagInfo, tags } from "@/lib/tags";
import type { Claim } from "./claim";
import { checkVerdict, openClaim, putClaim, removeClaim, revealing } from "./claim-commands";
import { redoClaim, undoClaim } from "./claim-history";
import { lazyComponent } from "@/components/lazy-component";
import { ClaimListPlaceholder } from "./ClaimListPlaceholder";
import { getClaims } from "./claims-plugin";
import { Shortcuts } from "./Shortcuts";
import type { AnnotatorController } from "./use-annotator";
import { useClaimSheet } from "./use-claim-sheet";

const noClaims: readonly Claim[] = [];

// The open claim's editor (its review, history, conflicts and evidence), its
// comment thread and the notice of its deletion by someone else: loaded once
// the panel is up, not before the editor opens.
const ClaimEditor = lazyComponent(() => import("./ClaimEditor").then((module) => module.ClaimEditor));
const CommentThread = lazyComponent(() => import("./CommentThread").then((module) => module.CommentThread));
const DeletedElsewhere = lazyComponent(() => import("./DeletedElsewhere").then((module) => module.DeletedElsewhere));
// The claims list and its virtualiser: loaded just after the editor opens, in
// a box of the list's size meanwhile. The article and its highlights come first.
const ClaimList = lazyComponent(() => import("./ClaimList").then((module) => module.ClaimList), ClaimListPlaceholder);

/** Starts fetching the claims list's module (see `preloadEditorParts`). */
export const preloadClaimList = () => ClaimList.preload();

/** What the open claim's editor asks of the editor: each runs one command. */
export interface ClaimActions {
  open: (id: string | null) => void;
  change: (claim: Claim, options?: { typing?: boolean }) => void;
  remove: (claim: Claim) => void;
  checkVerdict: (claim: Claim) => void;
  /** Drops this person's change the server refused: the claim as the server has it, or gone. Absent while signed out: signing in again saves it. */
  discardRefused?: (claim: Claim) => void;
  /** Keeps one version of a field two reviewers changed at once; resolves with the server's reason when refused, else null. */
  pickConflict: (claim: Claim, conflictId: string, pick: number) => Promise<string | null>;
}

/** The side panel: the open claim's details, or the list of all claims. */
export function ClaimPanel({ editor }: { editor: AnnotatorController }) {
  const { readOnly, status, editorState } = editor;
  useEffect(() => {
    ClaimList.preload();
    ClaimEditor.preload();
    CommentThread.preload();
    DeletedElsewhere.preload();
  }, []);
  const commentCounts = useSyncExternalStore(editor.comments.subscribe, editor.comments.getCounts, editor.comments.getCounts);
  const claimsState = editorState ? getClaims(editorState) : null;
  // The same array until the claims change (ClaimMap keeps it), so the memoised list skips selection changes.
  // Not needed while a claim is open: the panel hides the list and keeps what it showed (a note typed
  // into the open claim would otherwise merge thousands of claims into reading order at every key).
  const claims = claimsState && !claimsState.activeId ? claimsState.ordered() : noClaims;
  const active = claimsState?.activeId ? (claimsState.claims.get(claimsState.activeId) ?? null) : null;
  const choices = editor.choices.flatMap((id) => claimsState?.claims.get(id) ?? []);
  // On an earlier revision everything is read-only, and says so by itself; else the role may keep this claim from the person.
  const refusal = active && !readOnly ? editor.changeRefusal(active) : null;
  // A viewer is not taught to tag (an earlier revision keeps its own wording).
  const mayTag = readOnly || editor.tagRefusal === null;

  // While a claim is open the list is hidden and keeps what it last showed,
  // so changes meanwhile (a retag, a note typed) do not render it unseen.
  const [listed, setListed] = useState({ claims, status });
  if (!active && (listed.claims !== claims || listed.status !== status)) setListed({ claims, status });
  const list = active ? listed : { claims, status };
  // A claim picked from the list takes the keyboard: the list hides, and
  // focus would otherwise fall to the page. One opened from the article
  // (a click, a shortcut) leaves it in the article.
  const [picked, setPicked] = useState<string | null>(null);
  if (picked !== null && picked !== active?.id) setPicked(null);

  const actions: ClaimActions = {
    open: (id) => {
      editor.run(openClaim(id));
      // Closed from the panel, which goes with it: the keyboard goes back to the article.
      if (id === null) editor.focus();
    },
    change: (claim, options) => editor.run(putClaim({ ...claim, updatedBy: editor.person?.name ?? claim.updatedBy }, options)),
    remove: (claim) => {
      editor.run(removeClaim(claim.id));
      editor.focus();
    },
    checkVerdict: (claim) => editor.run(checkVerdict(claim.id)),
    discardRefused: editor.signedOut ? undefined : (claim) => editor.discardRefused(claim.id),
    pickConflict: (claim, conflictId, pick) => editor.pickConflict(claim.id, conflictId, pick),
  };
  // On a phone the open claim is a bottom sheet over the article (app/phone.css), closed by a swipe down its handle.
  const sheet = useClaimSheet<HTMLElement>(active?.id ?? null, () => actions.open(null));
  const pick = (id: string) => {
    setPicked(id);
    actions.open(id);
  };
  return (
    <aside
      ref={sheet.sheetRef}
      className={active ? "claim-panel claim-panel-open" : "claim-panel"}
      {...sheet.gripProps}
      aria-label="Claims"
      data-testid="claim-panel"
      // The tag shortcuts retag the open claim from its panel too, as they do from the article (Esc,
      // which closes it, is the controller's: see use-annotator.ts); so do undo and redo, except in a
      // text field, where they are the browser's own, for what was typed there.
      onKeyDown={(event) => {
        if (event.defaultPrevented || event.nativeEvent.isComposing) return;
        const history = inTextField(event.target) ? undefined : historyKey(event);
        if (history) {
          event.preventDefault();
          editor.run(revealing(history === "undo" ? undoClaim : redoClaim));
          return;
        }
        if (!active) return;
        const tag = readOnly || refusal ? undefined : shortcutTag(event);
        if (tag) {
          event.preventDefault();
          if (tag !== active.tag) actions.change({ ...active, tag });
        }
      }}
    >
      {/* Shown only where the panel is a sheet; swiped, not focused: the claim's Close button and Esc close it too. */}
      {active && <div className="sheet-handle" aria-hidden="true" data-testid="sheet-handle" />}
      {choices.length > 1 && (
        <nav aria-label="Claims at this place" className="claim-choices" data-testid="claim-choices">
          <h2>{choices.length} claims here</h2>
          <ClaimList claims={choices} activeId={active?.id ?? null} status={status} onOpen={actions.open} />
        </nav>
      )}
      {active && status.deletedElsewhere.has(active.id) && (
        <DeletedElsewhere
          deletion={status.deletedElsewhere.get(active.id)!}
          onRestore={() => editor.restoreWithChange(active.id)}
          onDiscard={() => editor.discardDeleted(active.id)}
        />
      )}
      {active && (
        <ClaimEditor
          key={active.id}
          readOnly={readOnly || refusal !== null}
          refusal={refusal}
          claim={active}
          status={status}
          actions={actions}
          takeFocus={picked === active.id}
          conflicts={editor.conflictsOf(active.id)}
          thread={
            <CommentThread claimId={active.id} person={readOnly ? null : editor.person} feed={editor.comments} saved={active.updatedAt !== null} />
          }
          person={editor.person}
          version={editor.serverVersion(active.id)}
          onReviewed={editor.receiveClaim}
          comments={editor.comments}
        />
      )}
      {/* Hidden, not unmounted, while a claim is open: with thousands of
          claims, taking the list down and building it again cost more than
          the rest of opening or deleting a claim; the list keeps where it was
          scrolled. */}
      <Activity mode={active ? "hidden" : "visible"}>
        <h2>Claims ({list.claims.length})</h2>
        {list.claims.length === 0 ? (
          <p className="hint">
            {mayTag ? "Select words in the article, then choose a tag in the toolbar under the selection or press a shortcut:" : "No claims yet."}
          </p>
        ) : (
          <ClaimList claims={list.claims} activeId={null} status={list.status} onOpen={pick} commentCounts={commentCounts} />
        )}
        {!readOnly && mayTag && <Shortcuts />}
      </Activity>
    </aside>
  );
}

/** Whether a key press goes to a field that takes text (its own undo); a radio button or a button does not. */
function inTextField(target: EventTarget): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !["radio", "checkbox", "button", "submit", "reset"].includes(target.type);
}

/** Ctrl+Z (⌘Z) undoes; Ctrl+Shift+Z and Ctrl+Y redo, as in the article. */
function historyKey(event: { key: string; shiftKey: boolean; altKey: boolean; ctrlKey: boolean; metaKey: boolean }): "undo" | "redo" | undefined {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return undefined;
  const key = event.key.toLowerCase();
  if (key === "z") return event.shiftKey ? "redo" : "undo";
  return key === "y" && !event.shiftKey ? "redo" : undefined;
}

/** The tag whose shortcut (Alt+Shift+letter, `tagInfo`) a key press is, by the key's place on the keyboard. */
function shortcutTag(event: { altKey: boolean; shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; code: string }): Tag | undefined {
  if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return undefined;
  return tags.find((tag) => event.code === tagInfo[tag].shortcutCode);
}
