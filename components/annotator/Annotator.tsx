"use client";

import { keymap } from "prosemirror-keymap";
import { type Command, EditorState, TextSelection, type Transaction } from "prosemirror-state";
import { EditorView } from "prosemirror-view";
import { useCallback, useEffect, useRef, useState } from "react";
import type { Annotation, EditorAnnotation } from "@/lib/annotation";
import { type ArticleBlock, articleText } from "@/lib/article";
import { type Tag, tagInfo, tags } from "@/lib/tags";
import { type Claim, claimFromAnnotation } from "./claim";
import { claimHistory, redoClaim, redoDepth, undoClaim, undoDepth } from "./claim-history";
import { postJson } from "@/components/articles/post-json";
import { ClaimPanel } from "./ClaimPanel";
import { OrphansPanel } from "./OrphansPanel";
import { ClaimSync, type OverwriteNotice, type StoredChange, type SyncStatus } from "./claim-sync";
import { claimsPlugin, getClaims, getClaimsAction, setClaimsAction } from "./claims-plugin";
import { readOnlyText } from "./read-only";
import { planRestore } from "./restore-changes";
import { ReviewerForm } from "@/components/ReviewerForm";
import { SaveStatus } from "./SaveStatus";
import { articleToDoc } from "./schema";
import { onScreenSelection } from "./screen-selection";
import { SelectionToolbar } from "./SelectionToolbar";
import { UnplacedClaims } from "./UnplacedClaims";
import { retagActive, selectedRange, tagSelection } from "./tag-selection";
import { TextMap } from "./text-map";
import { measureTransaction } from "./transaction-timing";

export interface AnnotatorDocument {
  slug: string;
  /** The revision this text is: the offsets of the claims made on it count in it. */
  revision: number;
  /** The text, as blocks; their plain text (`articleText`) is what offsets count in (not sent as text too: the page would carry the article twice). */
  blocks: ArticleBlock[];
}

export interface AnnotatorProps {
  document: AnnotatorDocument;
  annotations: EditorAnnotation[];
  reviewer: string | null;
  /** A claim to open, scrolled into the middle of the screen (from `?claim=` links on review pages). */
  initialClaimId?: string | null;
  /** An earlier revision: claims are shown as they stood, nothing can be changed. */
  readOnly?: boolean;
}

const noClaims: readonly Claim[] = [];

/** Transactions with this meta came from the server and need no saving. */
const fromServer = "fromServer";
/** Transactions with this meta are keystrokes in a text field: saved after a pause. */
const typing = "typing";
/**
 * Transactions with this meta (a `ScrollLogicalPosition`) bring the claim
 * they leave open into view: undo, redo, a pick from the list, a link. The
 * rest open claims that are on screen already (tagged from the selection,
 * clicked), where scrolling to them would only cost a layout.
 */
const bringIntoView = "bringIntoView";

/** `command`, its transactions marked to bring the claim they open into view. */
const revealing =
  (command: Command): Command =>
  (state, dispatchTr) =>
    command(state, dispatchTr && ((tr) => dispatchTr(tr.setMeta(bringIntoView, "nearest"))));

/**
 * The article editor: owns the EditorView (created in an effect, destroyed in
 * its cleanup), the save loop, and the panels around the text. React only
 * reads editor state and dispatches transactions; it never touches the view's DOM.
 */
export function Annotator({ document: article, annotations, reviewer: initialReviewer, initialClaimId = null, readOnly = false }: AnnotatorProps) {
  const mountRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const textMapRef = useRef<TextMap | null>(null);
  const syncRef = useRef<ClaimSync | null>(null);
  const [reviewer, setReviewer] = useState(initialReviewer);
  const reviewerRef = useRef(reviewer);
  reviewerRef.current = reviewer;
  // Why the reviewer's name was asked for and how many times (null: not asked), and the tag waiting for it.
  const [askName, setAskName] = useState<{ times: number; hint: string; takeFocus: boolean } | null>(null);
  const pendingTag = useRef<Tag | null>(null);
  // Only a ref and a state setter: stable, so the editor's keymap and the save loop (made once) can call it.
  const askNameFor = (tag: Tag | null) => {
    if (tag) pendingTag.current = tag;
    const hint = pendingTag.current
      ? "Your name goes on every claim you tag: enter it, and the words you selected are tagged."
      : "Your name goes on every change: enter it, and your changes are saved.";
    // A save refused while the reviewer types (a note) does not take the keyboard from under them.
    const typing = document.activeElement instanceof HTMLInputElement || document.activeElement instanceof HTMLTextAreaElement;
    setAskName((asked) => ({ times: (asked?.times ?? 0) + 1, hint, takeFocus: tag !== null || !typing }));
  };
  const [editorState, setEditorState] = useState<EditorState | null>(null);
  const [choices, setChoices] = useState<string[]>([]);
  const [orphans, setOrphans] = useState(() => annotations.filter((a) => a.status === "orphan"));
  const [orphanError, setOrphanError] = useState<string | null>(null);
  const [overwritten, setOverwritten] = useState<OverwriteNotice | null>(null);
  // Kept claims made on an earlier text, until the server has placed them in this one.
  const [awaiting, setAwaiting] = useState<Claim[]>([]);
  const [savedOnNewer, setSavedOnNewer] = useState(false);
  const [articleRevised, setArticleRevised] = useState(false);
  // A link to a claim this article does not have (deleted, or another article's).
  const [linkedClaimMissing] = useState(() => initialClaimId !== null && !annotations.some((a) => a.id === initialClaimId));
  // The open claim to bring into view once drawn, and how (see `bringIntoView`).
  const reveal = useRef<{ id: string; block: ScrollLogicalPosition } | null>(null);
  const [status, setStatus] = useState<SyncStatus>({ state: "saved", unsaved: new Set(), refused: new Map(), retryAt: null });

  const dispatch = useCallback((tr: Transaction) => viewRef.current?.dispatch(tr), []);
  const run = useCallback((command: Command) => {
    const view = viewRef.current;
    return view ? command(view.state, view.dispatch) : false;
  }, []);

  useEffect(() => {
    const mount = mountRef.current;
    if (!mount) return;
    const doc = articleToDoc(article.blocks);
    const textMap = new TextMap(doc);
    textMapRef.current = textMap;
    if (textMap.text !== articleText(article.blocks)) console.error("The editor's text differs from its blocks' text (articleText): offsets would be wrong.");

    // Restored claims made on an earlier text, drawn once the server has found their words in this one.
    const awaitingPlace = new Set<string>();
    const sync = new ClaimSync({
      documentSlug: article.slug,
      revision: article.revision,
      onStatus: setStatus,
      onSaved: (annotation) => {
        const view = viewRef.current;
        if (view && awaitingPlace.delete(annotation.id)) {
          setAwaiting((list) => list.filter((c) => c.id !== annotation.id));
          // Placed on a text newer than this page's (revised again meanwhile): its offsets are not this text's.
          if (annotation.createdRevision !== article.revision) return setSavedOnNewer(true);
          const placed = claimFromAnnotation(annotation, (o) => textMap.toPos(o));
          view.dispatch(setClaimsAction(view.state.tr, { put: [placed] }).setMeta(fromServer, true).setMeta("addToHistory", false));
          sync.set(placed.id, placed); // Its offsets in this text, should it be kept unsaved again.
          return;
        }
        const claim = view && getClaims(view.state).claims.get(annotation.id);
        if (!view || !claim) return;
        const { createdBy, updatedBy, updatedAt, tag, note, claimant, evidence } = annotation;
        // Once saved, show the server's words too: after a conflict they may merge another reviewer's change.
        const fields = sync.isSaved(annotation.id) ? { tag, note, claimant, evidence } : {};
        const tr = setClaimsAction(view.state.tr, { put: [{ ...claim, ...fields, createdBy, updatedBy, updatedAt }] });
        view.dispatch(tr.setMeta(fromServer, true).setMeta("addToHistory", false));
      },
      onOverwrote: setOverwritten,
      onArticleRevised: () => setArticleRevised(true),
      onReviewerRequired: () => askNameFor(null),
    });
    syncRef.current = sync;
    sync.loadServerState(annotations);

    // Orphans have no place in this text: they wait in their own panel.
    const placed = annotations.filter((a) => a.status !== "orphan");
    const drawn = new Map(placed.map((a) => [a.id, claimFromAnnotation(a, (o) => textMap.toPos(o))]));
    // Put back what an earlier visit changed but could not save.
    const stored = readOnly ? new Map<string, StoredChange>() : sync.takeStoredChanges();
    const { claims, wishes, awaiting: waiting } = planRestore(stored, drawn, {
      revision: article.revision,
      textLength: textMap.index.length,
      onServer: (id) => sync.serverVersion(id) !== undefined,
      toPos: (offset) => textMap.toPos(offset),
    });
    for (const claim of waiting) awaitingPlace.add(claim.id);
    setAwaiting(waiting);

    // A new claim needs the name first; a retag of the open claim (no words selected) goes ahead,
    // and its save asks for the name if the server wants it.
    const requireName = (tag: Tag, command: Command): Command => (state, dispatchTr) => {
      if (reviewerRef.current || !selectedRange(state, textMap)) return command(state, dispatchTr);
      if (dispatchTr) askNameFor(tag);
      return true;
    };
    const tagKeys = Object.fromEntries(
      // With words selected the shortcut tags them; with none it retags the open claim.
      tags.map((tag) => [
        tagInfo[tag].shortcut,
        onScreenSelection(requireName(tag, (s, d) => tagSelection(tag, textMap, reviewerRef.current!)(s, d) || retagActive(tag)(s, d))),
      ]),
    );

    const view = new EditorView(mount, {
      state: EditorState.create({
        doc,
        plugins: [
          readOnlyText(),
          claimsPlugin([...claims.values()]),
          claimHistory(),
          keymap({
            ...(readOnly ? {} : tagKeys),
            "Mod-z": revealing(undoClaim),
            "Shift-Mod-z": revealing(redoClaim),
            "Mod-y": revealing(redoClaim),
            Escape: (state, dispatchTr) => {
              if (!getClaims(state).activeId) return false;
              dispatchTr?.(setClaimsAction(state.tr, { activate: null }));
              return true;
            },
          }),
        ],
      }),
      attributes: {
        "aria-label": "Article text. Select words, then tag them as a claim.",
        "aria-readonly": "true",
        "aria-multiline": "true",
        role: "textbox",
        spellcheck: "false",
        class: "article-text",
        "data-testid": "article-text",
      },
      handleClick: (editorView, pos) => {
        const here = getClaims(editorView.state).claimsAt(pos);
        setChoices(here.length > 1 ? here.map((c) => c.id) : []);
        const activate = here[0]?.id ?? null;
        if (activate !== getClaims(editorView.state).activeId) {
          editorView.dispatch(setClaimsAction(editorView.state.tr, { activate }));
        }
        return false;
      },
      dispatchTransaction(tr) {
        const started = performance.now();
        const opened = getClaims(view.state).activeId;
        const next = view.state.apply(tr);
        view.updateState(next);
        measureTransaction(started);
        setEditorState(next);
        const block = tr.getMeta(bringIntoView) as ScrollLogicalPosition | undefined;
        const activeId = getClaims(next).activeId;
        if (block) reveal.current = activeId ? { id: activeId, block } : null;
        else if (activeId !== opened) reveal.current = null;
        const action = getClaimsAction(tr);
        if (!action || tr.getMeta(fromServer) || readOnly) return;
        const immediate = !tr.getMeta(typing);
        for (const claim of action.put ?? []) sync.set(claim.id, claim, { immediate });
        for (const id of action.remove ?? []) sync.set(id, null, { immediate: true });
      },
    });
    viewRef.current = view;
    // React, before every commit, measures the selection of a focused element
    // whose contentEditable is "true" by walking the DOM up to the caret: tens
    // of milliseconds on a long article with thousands of highlights. The
    // words cannot be edited anyway (read-only.ts), so "plaintext-only", which
    // React does not measure, serves as well: the caret, keyboard selection
    // and copying work the same.
    view.dom.setAttribute("contenteditable", "plaintext-only");
    let flashTimer: ReturnType<typeof setTimeout> | undefined;
    if (initialClaimId && claims.has(initialClaimId)) {
      mount.classList.add("flash-claim");
      flashTimer = setTimeout(() => mount.classList.remove("flash-claim"), 1500);
      view.dispatch(setClaimsAction(view.state.tr, { activate: initialClaimId }).setMeta(bringIntoView, "center"));
    }
    setEditorState(view.state);
    for (const [id, claim, revision] of wishes) sync.set(id, claim, { immediate: true, revision });

    const online = () => sync.retryNow();
    const beforeUnload = (event: BeforeUnloadEvent) => {
      sync.flush();
      if (sync.hasUnsaved()) event.preventDefault();
    };
    window.addEventListener("online", online);
    window.addEventListener("beforeunload", beforeUnload);
    return () => {
      clearTimeout(flashTimer);
      window.removeEventListener("online", online);
      window.removeEventListener("beforeunload", beforeUnload);
      sync.flush();
      sync.dispose();
      view.destroy();
      viewRef.current = null;
    };
    // The editor is built once per article; later props are not read.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [article.slug]);

  const claimsState = editorState ? getClaims(editorState) : null;
  // The same array until the claims change (ClaimMap keeps it), so the memoised list skips selection changes.
  // Not needed while a claim is open: the panel hides the list and keeps what it showed (a note typed
  // into the open claim would otherwise merge thousands of claims into reading order at every key).
  const orderedClaims = claimsState && !claimsState.activeId ? claimsState.ordered() : noClaims;
  const activeClaim = claimsState?.activeId ? (claimsState.claims.get(claimsState.activeId) ?? null) : null;
  // The chooser of a click on overlapping claims lasts while one of them is open: closed, or another claim opened, it goes.
  if (choices.length > 0 && !(activeClaim && choices.includes(activeClaim.id))) setChoices([]);

  // Bring the open claim into view when the transaction that opened it asked to.
  useEffect(() => {
    if (!activeClaim || reveal.current?.id !== activeClaim.id) return;
    const element = mountRef.current?.querySelector(`[data-claim-id="${activeClaim.id}"]`);
    element?.scrollIntoView({ block: reveal.current.block });
    reveal.current = null;
  }, [activeClaim?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  const tagSelected = (tag: Tag) => {
    if (!reviewerRef.current) return askNameFor(tag);
    run(tagSelection(tag, textMapRef.current!, reviewerRef.current));
    viewRef.current?.focus();
  };

  const changeClaim = (claim: Claim, options: { typing?: boolean } = {}) => {
    const view = viewRef.current;
    if (!view) return;
    const tr = setClaimsAction(view.state.tr, { put: [{ ...claim, updatedBy: reviewerRef.current ?? claim.updatedBy }] });
    dispatch(options.typing ? tr.setMeta(typing, true) : tr);
  };

  const selection = editorState && textMapRef.current ? selectedRange(editorState, textMapRef.current) : null;

  /** Puts an orphan on the selected words. */
  const reattach = async (orphan: EditorAnnotation) => {
    const view = viewRef.current;
    const sync = syncRef.current;
    const textMap = textMapRef.current;
    if (!view || !sync || !textMap || !selection) return;
    const version = sync.serverVersion(orphan.id) ?? orphan.version;
    const result = await postJson<{ annotation: Annotation }>(`/api/annotations/${orphan.id}/reattach`, { version, ...selection });
    if (!result.ok) return setOrphanError(result.message);
    setOrphanError(null);
    const { annotation } = result.body;
    sync.acknowledge(annotation);
    setOrphans((list) => list.filter((o) => o.id !== orphan.id));
    const placed = claimFromAnnotation(annotation, (o) => textMap.toPos(o));
    // Collapse the selection onto the claim's end, as tagging does, so the tag toolbar gives way.
    const tr = setClaimsAction(view.state.tr.setSelection(TextSelection.create(view.state.doc, placed.to)), { put: [placed], activate: annotation.id });
    view.dispatch(tr.setMeta(fromServer, true).setMeta("addToHistory", false));
    // The button pressed goes with its orphan: the keyboard goes to the article, by the claim now open there.
    view.focus();
  };

  /** Clears the "words changed" notice of a claim: its reviewer checked the verdict on the new words. */
  const verdictChecked = async (claim: Claim): Promise<string | null> => {
    const version = syncRef.current?.serverVersion(claim.id);
    if (version === undefined) return "The claim is not saved yet; try again in a moment.";
    const result = await postJson<{ annotation: Annotation }>(`/api/annotations/${claim.id}`, { version, previousQuote: null }, "PATCH");
    if (!result.ok) return result.message;
    syncRef.current?.acknowledge(result.body.annotation);
    const view = viewRef.current;
    const current = view && getClaims(view.state).claims.get(claim.id);
    if (view && current) {
      const tr = setClaimsAction(view.state.tr, { put: [{ ...current, previousQuote: null }] });
      view.dispatch(tr.setMeta(fromServer, true).setMeta("addToHistory", false));
    }
    return null;
  };

  const deleteOrphan = (orphan: EditorAnnotation) => {
    syncRef.current?.set(orphan.id, null, { immediate: true });
    setOrphans((list) => list.filter((o) => o.id !== orphan.id));
    // The last one takes the Orphans panel with it: the keyboard goes to the article.
    if (orphans.length === 1) viewRef.current?.focus();
  };

  const openClaim = useCallback(
    (id: string | null) => {
      const view = viewRef.current;
      if (!view) return;
      const tr = setClaimsAction(view.state.tr, { activate: id }).setMeta(bringIntoView, "nearest");
      // Closed from the panel, which goes with it: the keyboard goes back to the article, as after a
      // delete, with the caret after the claim that was open (not wherever it last was, say the top).
      const closing = id === null ? getClaims(view.state).claims.get(getClaims(view.state).activeId ?? "") : undefined;
      if (closing) tr.setSelection(TextSelection.create(tr.doc, closing.to));
      dispatch(tr);
      if (id === null) view.focus();
    },
    [dispatch],
  );

  // Esc closes the open claim from the claims panel (its fields, the chooser) and when nothing has the
  // keyboard (a click on the panel's plain text leaves it with the page); in the article, the keymap
  // does. What handles Esc itself first (a link typed and not added, a question) prevents it.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || event.defaultPrevented || event.isComposing) return;
      const focus = document.activeElement;
      if (focus !== document.body && !focus?.closest('[data-testid="claim-panel"]')) return;
      const view = viewRef.current;
      if (!view || !getClaims(view.state).activeId) return;
      event.preventDefault();
      openClaim(null);
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [openClaim]);

  return (
    <div className="annotator">
      {!readOnly && (
      <div className="annotator-bar" role="toolbar" aria-label="Editor">
        <button type="button" onClick={() => run(revealing(undoClaim))} disabled={!editorState || undoDepth(editorState) === 0} title="Undo (Ctrl+Z)">
          Undo
        </button>
        <button type="button" onClick={() => run(revealing(redoClaim))} disabled={!editorState || redoDepth(editorState) === 0} title="Redo (Ctrl+Shift+Z)">
          Redo
        </button>
        <SaveStatus status={status} onRetry={() => syncRef.current?.retryNow()} />
        <ReviewerForm
          reviewer={reviewer}
          open={askName !== null || !reviewer}
          asked={askName?.times ?? 0}
          hint={askName?.hint}
          takeFocus={askName?.takeFocus ?? true}
          onChange={(name) => {
            const first = reviewerRef.current === null;
            setReviewer(name);
            reviewerRef.current = name;
            setAskName(null);
            // Changes refused for want of a name go now (the cookie is set).
            syncRef.current?.retryRefused();
            // The tag that waited for the name goes on the words still selected; with none, a
            // first name given sends the keyboard to the article, to select words.
            const tag = pendingTag.current;
            pendingTag.current = null;
            if (tag) tagSelected(tag);
            else if (first) viewRef.current?.focus();
          }}
        />
      </div>
      )}
      <div className="annotator-body">
        <div className="annotator-text">
          <div ref={mountRef} />
          {selection && !readOnly && viewRef.current && editorState && (
            <SelectionToolbar
              view={viewRef.current}
              selectionFrom={editorState.selection.from}
              selectionTo={editorState.selection.to}
              onTag={tagSelected}
            />
          )}
        </div>
        <div className="annotator-side">
        {linkedClaimMissing && (
          <p className="hint" role="note" data-testid="claim-link-missing">
            The claim this link points to is not in this article: it was deleted, or belongs to another article.
          </p>
        )}
        {articleRevised && (
          <p className="hint" role="alert" data-testid="article-revised">
            The article was revised since this page was loaded, and the words of a claim you tagged are not in the new text as
            they were. Your claim is kept in this browser.{" "}
            <button type="button" className="link-button" onClick={() => window.location.reload()}>
              Load the latest revision
            </button>
          </p>
        )}
        {savedOnNewer && (
          <p className="hint" role="note" data-testid="saved-on-newer">
            The article was revised again while this page was open: a claim you tagged earlier was saved on the latest text.
            Reload the page to see it.
          </p>
        )}
        {awaiting.some((claim) => status.refused.has(claim.id)) && (
          <UnplacedClaims
            claims={awaiting.filter((claim) => status.refused.has(claim.id))}
            refused={status.refused}
            onDiscard={(claim) => {
              syncRef.current?.forget(claim.id);
              setAwaiting((list) => list.filter((c) => c.id !== claim.id));
              viewRef.current?.focus();
            }}
          />
        )}
        {orphans.length > 0 && (
          <OrphansPanel
            orphans={orphans}
            canReattach={selection !== null && !readOnly}
            error={orphanError}
            onReattach={reattach}
            onDelete={readOnly ? undefined : deleteOrphan}
            openedId={initialClaimId}
          />
        )}
        <ClaimPanel
          readOnly={readOnly}
          claims={orderedClaims}
          active={activeClaim}
          choices={choices.flatMap((id) => claimsState?.claims.get(id) ?? [])}
          status={status}
          overwritten={overwritten}
          onDismissOverwritten={() => setOverwritten(null)}
          onVerdictChecked={readOnly ? undefined : verdictChecked}
          onOpen={openClaim}
          onChange={changeClaim}
          onDelete={(claim) => {
            const view = viewRef.current;
            if (view) dispatch(setClaimsAction(view.state.tr, { remove: [claim.id] }));
            view?.focus();
          }}
        />
        </div>
      </div>
    </div>
  );
}
