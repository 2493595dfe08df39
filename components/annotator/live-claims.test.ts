import { EditorState, TextSelection, type Transaction } from "prosemirror-state";
import type { EditorView } from "prosemirror-view";
import { describe, expect, it } from "vitest";
import type { ArticleBlock } from "@/lib/article";
import type { ClaimState } from "@/lib/claim-events";
import { ClaimSync, type LiveAnnotation } from "./claim-sync";
import { claimHistory, undoDepth } from "./claim-history";
import { claimsPlugin, getClaims } from "./claims-plugin";
import { applyLiveClaim } from "./live-claims";
import { readOnlyText } from "./read-only";
import { articleToDoc } from "./schema";
import { claimOn } from "./test-editor";
import { TextMap } from "./text-map";

const blocks: ArticleBlock[] = [
  { type: "heading", level: 1, text: "Jassy calls for retraction" },
  { type: "paragraph", text: "Bloomberg should retract the story about spy chips." },
];
const doc = articleToDoc(blocks);
const textMap = new TextMap(doc);

/** The editor as far as the live feed touches it: its state, and the transactions it is given. */
function fakeView(initial: EditorState) {
  const view = {
    state: initial,
    dispatched: [] as Transaction[],
    dispatch(tr: Transaction) {
      view.dispatched.push(tr);
      view.state = view.state.apply(tr);
    },
  };
  return view;
}

/** A claim as the live feed sends it: the API's annotation, with its deletion. */
function fromFeed(words: string, id: string, fields: Partial<ClaimState> = {}): ClaimState {
  const claim = claimOn(textMap, words, id);
  return {
    ...claim,
    documentId: "article",
    prefix: "",
    suffix: "",
    createdAt: "2026-12-05T00:00:00.000Z",
    updatedAt: "2026-12-05T00:00:00.000Z",
    version: 1,
    status: "anchored",
    previousQuote: null,
    createdRevision: 1,
    anchoredRevision: 1,
    deletedAt: null,
    deletedBy: null,
    ...fields,
  } as ClaimState;
}

function setUp() {
  const state = EditorState.create({ doc, plugins: [readOnlyText(), claimsPlugin([]), claimHistory()] });
  const view = fakeView(state.apply(state.tr.setSelection(TextSelection.create(doc, 3, 8))));
  const sync = new ClaimSync({ documentSlug: "article", onStatus: () => {}, storage: null, fetch: () => Promise.reject(new Error("no network")) });
  const orphans = new Map<string, LiveAnnotation | null>();
  const targets = {
    view: view as unknown as EditorView,
    sync,
    textMap,
    setOrphan: (id: string, a: LiveAnnotation | null) => void orphans.set(id, a),
  };
  return { view, sync, orphans, apply: (annotation: ClaimState) => applyLiveClaim(targets, annotation) };
}

describe("a claim from the live feed", () => {
  it("is drawn, retagged and removed as others change it, not undoable, the reader's selection untouched", () => {
    const { view, apply } = setUp();
    apply(fromFeed("spy chips", "c1"));
    expect(getClaims(view.state).claims.get("c1")).toMatchObject({ quote: "spy chips", tag: "disputed" });
    apply(fromFeed("spy chips", "c1", { tag: "denied", version: 2 }));
    expect(getClaims(view.state).claims.get("c1")?.tag).toBe("denied");
    apply(fromFeed("spy chips", "c1", { tag: "denied", version: 2, deletedAt: "2026-12-05T00:01:00.000Z", deletedBy: "Grace" }));
    expect(getClaims(view.state).claims.has("c1")).toBe(false);
    expect(undoDepth(view.state)).toBe(0);
    expect([view.state.selection.from, view.state.selection.to]).toEqual([3, 8]);
  });

  it("changes nothing when it is news already had (an echo, or older)", () => {
    const { view, apply } = setUp();
    apply(fromFeed("spy chips", "c1", { version: 2, tag: "denied" }));
    const count = view.dispatched.length;
    apply(fromFeed("spy chips", "c1", { version: 2, tag: "denied" }));
    apply(fromFeed("spy chips", "c1", { version: 1 }));
    expect(view.dispatched).toHaveLength(count);
    expect(getClaims(view.state).claims.get("c1")?.tag).toBe("denied");
  });

  it("is drawn again when only its review moved (approved by another), its fields and time the same", () => {
    const { view, apply } = setUp();
    apply(fromFeed("spy chips", "c1", { reviewState: "in_review", verdictCount: 2 }));
    apply(
      fromFeed("spy chips", "c1", {
        version: 2,
        reviewState: "approved",
        approvedBy: "Rita",
        approvedAt: "2026-12-05T00:02:00.000Z",
        verdictCount: 2,
      }),
    );
    expect(getClaims(view.state).claims.get("c1")).toMatchObject({
      reviewState: "approved",
      approvedBy: "Rita",
      approvedAt: "2026-12-05T00:02:00.000Z",
    });
  });

  it("goes to the orphans, not the text, when a revision left it without words", () => {
    const { view, orphans, apply } = setUp();
    apply(fromFeed("spy chips", "c1"));
    apply(fromFeed("spy chips", "c1", { version: 2, status: "orphan" }));
    expect(getClaims(view.state).claims.has("c1")).toBe(false);
    expect(orphans.get("c1")).toMatchObject({ id: "c1", status: "orphan" });
  });
});
