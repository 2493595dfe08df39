/**
 * The editor's controller: the one owner of the `EditorView` (created in an
 * effect, destroyed in its cleanup), the text map, and `ClaimSync`, the one
 * loop that writes claims to the server. React components render panels from
 * what it returns and change claims only by running commands
 * (`claim-commands.ts`) through it: every change is a transaction, whose
 * claims action `dispatchTransaction` hands to the save loop as its sync
 * action (`sync-action.ts`) says.
 */
import { type Command, EditorState } from "prosemirror-state";
import { EditorView } from "prosemirror-view";
import { type RefObject, useCallback, useEffect, useRef, useState } from "react";
import { type EditorAnnotation, editableFields, pick, toEditorAnnotation } from "@/lib/annotation";
import { api } from "@/lib/api-client";
import type { ClaimConflict } from "@/lib/claim-conflicts";
import type { PresentView } from "@/lib/live-events";
import { type ArticleBlock, articleText } from "@/lib/article";
import type { Role } from "@/lib/roles";
import type { Tag } from "@/lib/tags";
import { whyNot } from "@/server/policy";
import { type Claim, claimFromAnnotation, reviewOf } from "./claim";
import { openClaim } from "./claim-commands";
import { claimHistory } from "./claim-history";
import { claimKeymap } from "./claim-keymap";
import { ClaimSync, type LiveAnnotation, type StoredChange, type SyncStatus } from "./claim-sync";
import { claimsPlugin, getClaims, getClaimsAction, setClaimsAction } from "./claims-plugin";
import { CommentFeed } from "./comment-feed";
import { applyLiveClaim } from "./live-claims";
import { followLiveFeed } from "./live-feed";
import { takeNoTextInput } from "./text-input";
import { readOnlyText } from "./read-only";
import { planRestore } from "./restore-changes";
import { getReveal, setReveal } from "./reveal";
import { articleToDoc } from "./schema";
import { fromServer, getSyncAction } from "./sync-action";
import { selectedRange, tagSelection } from "./tag-selection";
import { TextMap } from "./text-map";
import { measureTransaction } from "./transaction-timing";

export interface AnnotatorDocument {
  slug: string;
  /** The revision this text is: the offsets of the claims made on it count in it. */
  revision: number;
  /** The text, as blocks; their plain text (`articleText`) is what offsets count in (not sent as text too: the page would carry the article twice). */
  blocks: ArticleBlock[];
}

/** The signed-in person, as the editor needs them: who tags, and what their role lets them do. */
export interface AnnotatorPerson {
  id: string;
  name: string;
  role: Role;
}

export interface AnnotatorProps {
  document: AnnotatorDocument;
  annotations: EditorAnnotation[];
  /** Null on an earlier revision, which nobody changes. */
  person: AnnotatorPerson | null;
  /** A claim to open, scrolled into the middle of the screen (from `?claim=` links on review pages). */
  initialClaimId?: string | null;
  /** An earlier revision: claims are shown as they stood, nothing can be changed. */
  readOnly?: boolean;
  /** The live feed's position when the page was made: others' changes after it are followed (none on an earlier revision). */
  feedAfter?: number;
}

/** What the panels read of the editor, and what they may ask of it. */
export interface AnnotatorController {
  /** Where the editor's view mounts. */
  mountRef: RefObject<HTMLDivElement | null>;
  view: EditorView | null;
  /** The editor state of the last transaction (null before the view exists). */
  editorState: EditorState | null;
  textMap: TextMap | null;
  readOnly: boolean;
  /** Runs a command on the editor; false when it did not apply (or there is no editor yet). */
  run: (command: Command) => boolean;
  /** Gives the keyboard to the article. */
  focus: () => void;
  status: SyncStatus;
  retry: () => void;
  person: AnnotatorPerson | null;
  /** Why the person cannot tag words ("Viewers cannot tag claims: …"), or null when they can. */
  tagRefusal: string | null;
  /** Why the person cannot change, delete or restore this claim (a reviewer: another's), or null when they can. */
  changeRefusal: (claim: Claim) => string | null;
  /** Why the person cannot re-attach orphans, or null when they can. */
  reattachRefusal: string | null;
  /** The server answered that the session ended: changes wait, kept in the browser, until the person signs in again. */
  signedOut: boolean;
  /** Tags the selected words, when the person's role may. */
  tagSelected: (tag: Tag) => void;
  /** The words selected, as offsets, when there are any. */
  selection: { start: number; end: number } | null;
  /** Claims under the last click, when there were several. */
  choices: string[];
  orphans: EditorAnnotation[];
  /** Claims kept in the browser from an earlier text, until the server places them in this one. */
  awaiting: Claim[];
  /** Drops a kept claim the server refused to place. */
  discardAwaiting: (claim: Claim) => void;
  /** Drops a change to a claim that the server refused (the role no longer allows it, say): the claim shows as the server has it, or leaves. */
  discardRefused: (id: string) => void;
  /** The open conflicts of a claim (fields two reviewers changed at once), as the server last told them. */
  conflictsOf: (id: string) => readonly ClaimConflict[];
  /** Keeps one version of a conflict's field; resolves with the server's reason when it refused, else null. */
  pickConflict: (id: string, conflictId: string, pick: number) => Promise<string | null>;
  articleRevised: boolean;
  savedOnNewer: boolean;
  /** The page was opened on a claim this article does not have. */
  linkedClaimMissing: boolean;
  /** Who else has the article open (their views, not this one), and which claim each has open. */
  present: PresentView[];
  /** A revision newer than this page's text, published meanwhile (null: none). */
  newRevision: number | null;
  /** The reviewer tagged words another claim has: that claim is opened, and this says who tagged it and how. */
  sameWords: { claimId: string; by: string; tag: string } | null;
  /** A claim as the server answered a review step (submit, a verdict, approve…): drawn as news from the server, its version kept for the next save. */
  receiveClaim: (annotation: LiveAnnotation) => void;
  /** The version of a claim the server last confirmed, which a review step names; undefined while it has none. */
  serverVersion: (id: string) => number | undefined;
  /** Brings back a claim another reviewer deleted, with this reviewer's change. */
  restoreWithChange: (id: string) => void;
  /** Drops this reviewer's change to a claim another reviewer deleted: it leaves the article. */
  discardDeleted: (id: string) => void;
  /** Claims' comment counts and their threads' live events. */
  comments: CommentFeed;
}

const noConflicts: readonly ClaimConflict[] = [];

/** Builds the editor once per article and gives its state to the panels. */
export function useAnnotator({
  document: article,
  annotations,
  person,
  initialClaimId = null,
  readOnly = false,
  feedAfter,
}: AnnotatorProps): AnnotatorController {
  const mountRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const textMapRef = useRef<TextMap | null>(null);
  const syncRef = useRef<ClaimSync | null>(null);
  const receiveRef = useRef<(annotation: LiveAnnotation) => void>(() => {});
  const [signedOut, setSignedOut] = useState(false);
  const signedOutRef = useRef(false);
  // What the role may do: the same answers as the server's (server/policy.ts), which alone enforces them.
  const tagRefusal = person ? whyNot(person, "create_claim", { kind: "article" }) : "Nobody changes an earlier revision.";
  const reattachRefusal = person ? whyNot(person, "reattach_claim", { kind: "article" }) : "Nobody changes an earlier revision.";
  const changeRefusal = (claim: Claim) =>
    person ? whyNot(person, "edit_claim", { kind: "claim", id: claim.id, createdById: claim.createdById }) : "Nobody changes an earlier revision.";
  const [editorState, setEditorState] = useState<EditorState | null>(null);
  const [choices, setChoices] = useState<string[]>([]);
  const [orphans, setOrphans] = useState(() => annotations.filter((a) => a.status === "orphan"));
  const [comments] = useState(() => new CommentFeed(annotations));
  // Each claim's open conflicts with the version that told them, so that an older answer never replaces newer news.
  const [conflicts, setConflicts] = useState<ReadonlyMap<string, { version: number; conflicts: ClaimConflict[] }>>(
    () => new Map(annotations.filter((a) => (a.conflicts ?? []).length > 0).map((a) => [a.id, { version: a.version, conflicts: a.conflicts }])),
  );
  const [awaiting, setAwaiting] = useState<Claim[]>([]);
  const [savedOnNewer, setSavedOnNewer] = useState(false);
  const [articleRevised, setArticleRevised] = useState(false);
  const [present, setPresent] = useState<PresentView[]>([]);
  const [newRevision, setNewRevision] = useState<number | null>(null);
  const [sameWords, setSameWords] = useState<AnnotatorController["sameWords"]>(null);
  // This page's view of the article, as the live feed names it (for saying which claim it has open).
  const viewIdRef = useRef<string | null>(null);
  const [linkedClaimMissing] = useState(() => initialClaimId !== null && !annotations.some((a) => a.id === initialClaimId));
  // The open claim to bring into view once drawn, and how (see `reveal.ts`).
  const reveal = useRef<{ id: string; block: ScrollLogicalPosition } | null>(null);
  const [status, setStatus] = useState<SyncStatus>({
    state: "saved",
    unsaved: new Set(),
    refused: new Map(),
    retryAt: null,
    deletedElsewhere: new Map(),
  });

  const run = useCallback((command: Command) => {
    const view = viewRef.current;
    return view ? command(view.state, view.dispatch) : false;
  }, []);
  const focus = useCallback(() => viewRef.current?.focus(), []);

  useEffect(() => {
    const mount = mountRef.current;
    if (!mount) return;
    const doc = articleToDoc(article.blocks);
    const textMap = new TextMap(doc);
    textMapRef.current = textMap;
    if (textMap.text !== articleText(article.blocks))
      console.error("The editor's text differs from its blocks' text (articleText): offsets would be wrong.");
    const noteConflicts = ({ id, version, conflicts: open = [], deletedAt }: LiveAnnotation) =>
      setConflicts((known) => {
        const had = known.get(id);
        if (had && had.version > version) return known;
        if (!had && (open.length === 0 || deletedAt)) return known;
        const next = new Map(known);
        if (open.length === 0 || deletedAt) next.delete(id);
        else next.set(id, { version, conflicts: open });
        return next;
      });

    // Others' changes, as they are committed; a revision newer than this text stops them (their offsets count in it).
    let revised = false;
    const setOrphan = (id: string, annotation: LiveAnnotation | null) =>
      setOrphans((list) => {
        const others = list.filter((o) => o.id !== id);
        return annotation ? [...others, toEditorAnnotation(annotation)] : others.length === list.length ? list : others;
      });
    // Restored claims made on an earlier text, drawn once the server has found their words in this one.
    const awaitingPlace = new Set<string>();
    const sync = new ClaimSync({
      documentSlug: article.slug,
      revision: article.revision,
      onStatus: setStatus,
      onSaved: (annotation) => {
        noteConflicts(annotation);
        const view = viewRef.current;
        if (view && awaitingPlace.delete(annotation.id)) {
          setAwaiting((list) => list.filter((c) => c.id !== annotation.id));
          // Placed on a text newer than this page's (revised again meanwhile): its offsets are not this text's.
          if (annotation.createdRevision !== article.revision) return setSavedOnNewer(true);
          const placed = claimFromAnnotation(annotation, (o) => textMap.toPos(o));
          view.dispatch(fromServer(setClaimsAction(view.state.tr, { put: [placed] })));
          sync.set(placed.id, placed); // Its offsets in this text, should it be kept unsaved again.
          return;
        }
        const claim = view && getClaims(view.state).claims.get(annotation.id);
        if (!view || !claim) return;
        const { createdBy, updatedBy, updatedAt } = annotation;
        // Once saved, show the server's words too: after a conflict they may merge another reviewer's change.
        const fields = sync.isSaved(annotation.id) ? pick(annotation, editableFields) : {};
        // A change to an approved claim takes it back to review: the panel shows where it now is.
        const review = reviewOf(annotation);
        view.dispatch(fromServer(setClaimsAction(view.state.tr, { put: [{ ...claim, ...fields, ...review, createdBy, updatedBy, updatedAt }] })));
      },
      onHeldNews: (annotation) => {
        const view = viewRef.current;
        if (view && !revised) applyLiveClaim({ view, sync, textMap, setOrphan }, annotation);
      },
      onSameWords: ({ id, existing }) => {
        const view = viewRef.current;
        if (!view) return;
        const drawn = getClaims(view.state).claims.get(existing.id) ?? claimFromAnnotation(toEditorAnnotation(existing), (o) => textMap.toPos(o));
        view.dispatch(fromServer(setReveal(setClaimsAction(view.state.tr, { remove: [id], put: [drawn], activate: existing.id }), "nearest")));
        setSameWords({ claimId: existing.id, by: existing.createdBy, tag: existing.tag });
      },
      onArticleRevised: () => setArticleRevised(true),
      onSignedOut: () => {
        signedOutRef.current = true;
        setSignedOut(true);
      },
    });
    syncRef.current = sync;
    sync.loadServerState(annotations);

    // Orphans have no place in this text: they wait in their own panel.
    const placed = annotations.filter((a) => a.status !== "orphan");
    const drawn = new Map(placed.map((a) => [a.id, claimFromAnnotation(a, (o) => textMap.toPos(o))]));
    // Put back what an earlier visit changed but could not save.
    const stored = readOnly ? new Map<string, StoredChange>() : sync.takeStoredChanges();
    const {
      claims,
      wishes,
      awaiting: waiting,
    } = planRestore(stored, drawn, {
      revision: article.revision,
      textLength: textMap.index.length,
      onServer: (id) => sync.serverVersion(id) !== undefined,
      toPos: (offset) => textMap.toPos(offset),
    });
    for (const claim of waiting) awaitingPlace.add(claim.id);
    setAwaiting(waiting);
    // Orphans re-attached (or deleted) on an earlier visit are on the text (or gone) already.
    const restoredIds = new Set(wishes.filter(([, claim, , reattach]) => reattach || claim === null).map(([id]) => id));
    if (restoredIds.size > 0) setOrphans((list) => list.filter((o) => !restoredIds.has(o.id)));

    const view = new EditorView(mount, {
      state: EditorState.create({
        doc,
        plugins: [
          readOnlyText(),
          claimsPlugin([...claims.values()]),
          claimHistory(),
          claimKeymap({
            textMap,
            readOnly,
            author: person && tagRefusal === null ? person : null,
            mayChange: (claim) => changeRefusal(claim) === null,
          }),
        ],
      }),
      attributes: {
        // What the article is for this person: an earlier revision and a viewer's page take no claims.
        "aria-label": readOnly
          ? "Article text of an earlier revision, read only."
          : tagRefusal === null
            ? "Article text. Select words, then tag them as a claim."
            : "Article text. Select words to read the claims on them.",
        "aria-readonly": "true",
        "aria-multiline": "true",
        role: "textbox",
        spellcheck: "false",
        // The words are not typed, only selected: a phone keeps its keyboard down when the article is tapped.
        inputmode: "none",
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
        const block = getReveal(tr);
        const activeId = getClaims(next).activeId;
        if (block) reveal.current = activeId ? { id: activeId, block } : null;
        else if (activeId !== opened) reveal.current = null;
        const action = getClaimsAction(tr);
        const syncAction = getSyncAction(tr);
        if (!action || syncAction?.kind === "fromServer" || readOnly) return;
        // An orphan re-attached or deleted leaves the Orphans panel at once, as any change shows at once.
        const leaving = new Set([...(action.remove ?? []), ...(syncAction?.kind === "reattach" ? (action.put ?? []).map((c) => c.id) : [])]);
        if (leaving.size > 0) setOrphans((list) => (list.some((o) => leaving.has(o.id)) ? list.filter((o) => !leaving.has(o.id)) : list));
        const immediate = syncAction?.kind !== "typing";
        const reattach = syncAction?.kind === "reattach";
        for (const claim of action.put ?? []) sync.set(claim.id, claim, { immediate, reattach });
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
    // For the same reason Chrome need not hand its input method the whole text after each selection change.
    takeNoTextInput(view.dom);
    let flashTimer: ReturnType<typeof setTimeout> | undefined;
    if (initialClaimId && claims.has(initialClaimId)) {
      mount.classList.add("flash-claim");
      flashTimer = setTimeout(() => mount.classList.remove("flash-claim"), 1500);
      view.dispatch(setReveal(setClaimsAction(view.state.tr, { activate: initialClaimId }), "center"));
    }
    setEditorState(view.state);
    for (const [id, claim, revision, reattach] of wishes) sync.set(id, claim, { immediate: true, revision, reattach });

    receiveRef.current = (annotation) => {
      if (!revised) applyLiveClaim({ view, sync, textMap, setOrphan }, annotation);
    };
    const unfollow =
      readOnly || feedAfter === undefined
        ? () => {}
        : followLiveFeed(article.slug, feedAfter, {
            onClaim: ({ annotation }) => {
              noteConflicts(annotation);
              if (!revised) applyLiveClaim({ view, sync, textMap, setOrphan }, annotation);
            },
            onComment: (data) => comments.receive(data),
            onRevision: ({ revision }) => {
              if (revision <= article.revision) return;
              revised = true;
              setNewRevision(revision);
            },
            onPresence: ({ view: viewId, present: views }) => {
              setPresent(views.filter((v) => v.view !== viewId));
              if (viewIdRef.current === viewId) return;
              // A new stream (the first, or after a reconnect) is a new view: say again which claim it has open.
              viewIdRef.current = viewId;
              const open = getClaims(view.state).activeId;
              if (open) void api.focusClaim(article.slug, viewId, open).catch(() => {});
            },
          });
    const online = () => sync.retryNow();
    // Back from signing in again (in another tab): what the server refused for want of a session goes now.
    const returned = () => {
      if (!signedOutRef.current) return;
      signedOutRef.current = false;
      setSignedOut(false);
      sync.retryRefused();
    };
    window.addEventListener("focus", returned);
    const beforeUnload = (event: BeforeUnloadEvent) => {
      sync.flush();
      if (sync.hasUnsaved()) event.preventDefault();
    };
    window.addEventListener("online", online);
    window.addEventListener("beforeunload", beforeUnload);
    return () => {
      clearTimeout(flashTimer);
      unfollow();
      window.removeEventListener("online", online);
      window.removeEventListener("focus", returned);
      window.removeEventListener("beforeunload", beforeUnload);
      sync.flush();
      sync.dispose();
      view.destroy();
      viewRef.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the editor is built once per article; later props are not read
  }, [article.slug]);

  const claimsState = editorState ? getClaims(editorState) : null;
  const activeId = claimsState?.activeId ?? null;
  // The chooser of a click on overlapping claims lasts while one of them is open: closed, or another claim opened, it goes.
  if (choices.length > 0 && !(activeId && choices.includes(activeId))) setChoices([]);

  // Bring the open claim into view when the transaction that opened it asked to.
  useEffect(() => {
    if (!activeId || reveal.current?.id !== activeId) return;
    const element = mountRef.current?.querySelector(".claim-active");
    element?.scrollIntoView({ block: reveal.current.block });
    reveal.current = null;
  }, [activeId]);

  // Esc closes the open claim from the claims panel (its fields, the chooser), the editor's bar, and when nothing has the
  // keyboard (a click on the panel's plain text leaves it with the page); in the article, the keymap
  // does. What handles Esc itself first (a link typed and not added, a question) prevents it.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || event.defaultPrevented || event.isComposing) return;
      const focused = document.activeElement;
      // The editor's bar too: after a click on Undo or Redo, Esc still closes the claim.
      if (focused !== document.body && !focused?.closest('[data-testid="claim-panel"], .annotator-bar')) return;
      const view = viewRef.current;
      if (!view || !getClaims(view.state).activeId) return;
      event.preventDefault();
      run(openClaim(null));
      view.focus();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [run]);

  // Say which claim this view has open, for the others' presence list.
  useEffect(() => {
    const viewId = viewIdRef.current;
    if (viewId) void api.focusClaim(article.slug, viewId, activeId).catch(() => {});
  }, [activeId, article.slug]);
  // The same-words notice is about the claim it opened: it goes when another is opened, or none.
  if (sameWords && sameWords.claimId !== activeId) setSameWords(null);

  const tagSelected = (tag: Tag) => {
    if (!person || tagRefusal !== null) return;
    const mayChange = (claim: Claim) => changeRefusal(claim) === null;
    run(tagSelection(tag, textMapRef.current!, person, undefined, mayChange));
    // Exactly the words of a claim this person may not retag: it is opened; say who tagged it, and how.
    const view = viewRef.current;
    const opened = view ? getClaims(view.state).claims.get(getClaims(view.state).activeId ?? "") : undefined;
    if (opened && opened.tag !== tag && !mayChange(opened)) setSameWords({ claimId: opened.id, by: opened.createdBy, tag: opened.tag });
    focus();
  };

  const selection = editorState && textMapRef.current ? selectedRange(editorState, textMapRef.current) : null;

  return {
    mountRef,
    view: viewRef.current,
    editorState,
    textMap: textMapRef.current,
    readOnly,
    run,
    focus,
    status,
    retry: () => syncRef.current?.retryNow(),
    person,
    tagRefusal,
    changeRefusal,
    reattachRefusal,
    signedOut,
    tagSelected,
    selection,
    choices,
    orphans,
    awaiting,
    discardAwaiting: (claim) => {
      syncRef.current?.forget(claim.id);
      setAwaiting((list) => list.filter((c) => c.id !== claim.id));
      focus();
    },
    discardRefused: (id) => {
      const fields = syncRef.current?.discardRefused(id);
      const view = viewRef.current;
      const drawn = view && getClaims(view.state).claims.get(id);
      if (view && drawn && fields !== undefined) {
        view.dispatch(fromServer(setClaimsAction(view.state.tr, fields ? { put: [{ ...drawn, ...fields }] } : { remove: [id] })));
      }
      focus();
    },
    conflictsOf: (id) => conflicts.get(id)?.conflicts ?? noConflicts,
    pickConflict: async (id, conflictId, pick) => {
      const sync = syncRef.current;
      if (!sync) return "The editor is not ready.";
      const answer = await sync.pickConflict(id, conflictId, pick);
      return "refused" in answer ? answer.refused : null;
    },
    articleRevised,
    savedOnNewer,
    linkedClaimMissing,
    present,
    newRevision,
    sameWords,
    receiveClaim: (annotation) => receiveRef.current(annotation),
    serverVersion: (id) => syncRef.current?.serverVersion(id),
    restoreWithChange: (id) => syncRef.current?.restoreWithChange(id),
    discardDeleted: (id) => {
      syncRef.current?.discardDeleted(id);
      const view = viewRef.current;
      if (view) view.dispatch(fromServer(setClaimsAction(view.state.tr, { remove: [id] })));
      focus();
    },
    comments,
  };
}
