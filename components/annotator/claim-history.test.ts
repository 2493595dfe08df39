import { EditorState, TextSelection } from "prosemirror-state";
import { describe, expect, it } from "vitest";
import type { ArticleBlock } from "@/lib/article";
import type { Claim } from "./claim";
import { claimHistory, redoClaim, redoDepth, undoClaim, undoDepth, whyNotReplay } from "./claim-history";
import { type ClaimsAction, claimsPlugin, getClaims, setClaimsAction } from "./claims-plugin";
import { readOnlyText } from "./read-only";
import { articleToDoc } from "./schema";
import { retagActive, tagSelection } from "./tag-selection";
import { claimOn, run } from "./test-editor";
import { TextMap } from "./text-map";

const blocks: ArticleBlock[] = [
  { type: "heading", level: 1, text: "Jassy calls for retraction 😀" },
  { type: "paragraph", text: "Bloomberg should retract the story about spy chips." },
  { type: "paragraph", text: "Super Micro said it found no malicious chips." },
];
const doc = articleToDoc(blocks);
const textMap = new TextMap(doc);

function newEditor(claims: Claim[] = []): EditorState {
  return EditorState.create({ doc, plugins: [readOnlyText(), claimsPlugin(claims), claimHistory()] });
}

/** Applies a claims action as the reviewer would, at a given time in ms. */
function act(state: EditorState, action: ClaimsAction, time = Date.now()): EditorState {
  return state.apply(setClaimsAction(state.tr, action).setTime(time));
}

const undo = (state: EditorState) => run(state, undoClaim).state;
const redo = (state: EditorState) => run(state, redoClaim).state;

const claimOf = (state: EditorState, id: string) => getClaims(state).claims.get(id);
const spyChips = claimOn(textMap, "spy chips", "spy");

describe("what undo leaves as it is", () => {
  it("keeps a verdict checked since (previousQuote cleared) when undoing a retag before it", () => {
    let state = newEditor([{ ...spyChips, previousQuote: "spy chip" }]);
    state = act(state, { activate: spyChips.id });
    state = run(state, retagActive("denied")).state;
    // The server's answer to "The verdict still holds": not a reviewer's action, not on the undo stack.
    state = state.apply(
      setClaimsAction(state.tr, { put: [{ ...claimOf(state, spyChips.id)!, previousQuote: null }] }).setMeta("addToHistory", false),
    );

    state = undo(state);
    expect(claimOf(state, spyChips.id)).toMatchObject({ tag: spyChips.tag, previousQuote: null });
    state = redo(state);
    expect(claimOf(state, spyChips.id)).toMatchObject({ tag: "denied", previousQuote: null });
  });
});

describe("undo with other reviewers' changes in between (from the live feed)", () => {
  /** Another reviewer's change, as the live feed puts it in: not this reviewer's, not on the undo stack. */
  const fromOthers = (state: EditorState, claim: Claim) => state.apply(setClaimsAction(state.tr, { put: [claim] }).setMeta("addToHistory", false));

  it("undoing a retag keeps the note someone else wrote since", () => {
    let state = act(newEditor([spyChips]), { activate: spyChips.id });
    state = run(state, retagActive("denied")).state;
    state = fromOthers(state, { ...claimOf(state, spyChips.id)!, note: "theirs", updatedBy: "Grace" });
    expect(whyNotReplay(state, "undo")).toBeNull();
    state = undo(state);
    expect(claimOf(state, spyChips.id)).toMatchObject({ tag: spyChips.tag, note: "theirs" });
    state = redo(state);
    expect(claimOf(state, spyChips.id)).toMatchObject({ tag: "denied", note: "theirs" });
  });

  it("stops, and says why, where someone changed the same field since", () => {
    let state = act(newEditor([spyChips]), { activate: spyChips.id });
    state = run(state, retagActive("denied")).state;
    state = fromOthers(state, { ...claimOf(state, spyChips.id)!, tag: "unverified", updatedBy: "Grace" });
    expect(whyNotReplay(state, "undo")).toBe("Undo stops here: Grace changed the tag since, and undo does not overwrite their change.");
    const { applied, state: after } = run(state, undoClaim);
    expect(applied).toBe(false);
    expect(claimOf(after, spyChips.id)).toMatchObject({ tag: "unverified" });
    expect(undoDepth(after)).toBe(1);
  });

  it("does not bring back a claim someone deleted since by undoing an edit of it", () => {
    let state = act(newEditor([spyChips]), { activate: spyChips.id });
    state = run(state, retagActive("denied")).state;
    state = state.apply(setClaimsAction(state.tr, { remove: [spyChips.id] }).setMeta("addToHistory", false));
    expect(whyNotReplay(state, "undo")).toBe("Undo stops here: someone deleted this claim since.");
    expect(run(state, undoClaim).applied).toBe(false);
    expect(claimOf(state, spyChips.id)).toBeUndefined();
  });

  it("does not remove a new claim someone else has changed since", () => {
    let state = act(newEditor(), { put: [spyChips] });
    state = fromOthers(state, { ...spyChips, note: "theirs", updatedBy: "Grace" });
    expect(whyNotReplay(state, "undo")).toMatch(/^Undo stops here: Grace changed the note since/);
    expect(run(state, undoClaim).applied).toBe(false);
  });
});

describe("undo and redo of a new claim", () => {
  it("undo removes a claim just tagged, redo brings it back with the same id", () => {
    const start = textMap.index.toCodePoint(textMap.text.indexOf("Bloomberg should"));
    let state = newEditor();
    state = state.apply(state.tr.setSelection(TextSelection.create(doc, textMap.toPos(start), textMap.toPos(start + "Bloomberg should".length))));
    state = run(
      state,
      tagSelection("denied", textMap, { id: "ada", name: "Ada" }, () => "new-claim"),
    ).state;
    const created = claimOf(state, "new-claim");
    expect(created).toBeDefined();

    state = undo(state);
    expect(getClaims(state).claims.size).toBe(0);
    expect(getClaims(state).activeId).toBeNull();

    state = redo(state);
    expect(claimOf(state, "new-claim")).toEqual(created);
    expect(getClaims(state).activeId).toBe("new-claim");
  });

  it("counts the steps that can be undone and redone", () => {
    let state = act(newEditor(), { put: [spyChips] });
    expect([undoDepth(state), redoDepth(state)]).toEqual([1, 0]);
    state = undo(state);
    expect([undoDepth(state), redoDepth(state)]).toEqual([0, 1]);
    state = redo(state);
    expect([undoDepth(state), redoDepth(state)]).toEqual([1, 0]);
  });

  it("says it cannot undo or redo when there is nothing to", () => {
    const state = newEditor([spyChips]);
    expect(undoClaim(state)).toBe(false);
    expect(redoClaim(state)).toBe(false);
    expect(run(state, undoClaim).state).toBe(state);
  });

  it("forgets what was undone once the reviewer makes a new change", () => {
    let state = act(newEditor(), { put: [spyChips] }, 0);
    state = undo(state);
    state = act(state, { put: [claimOn(textMap, "Super Micro", "micro")] }, 5000);
    expect(redoDepth(state)).toBe(0);
    expect(redoClaim(state)).toBe(false);
  });
});

describe("undo of a deleted claim", () => {
  it("brings back the same claim, id and every field included", () => {
    const original: Claim = {
      ...spyChips,
      tag: "unverified",
      note: "No chip was ever produced.",
      claimant: "Bloomberg",
      evidence: ["https://aws.amazon.com/blogs/security/setting-the-record-straight-on-bloomberg-businessweeks-erroneous-article/"],
      updatedBy: "Grace",
      updatedAt: "2018-10-22T10:00:00.000Z",
    };
    let state = newEditor([original]);
    state = act(state, { remove: ["spy"] });
    expect(claimOf(state, "spy")).toBeUndefined();

    state = undo(state);
    expect(claimOf(state, "spy")).toEqual(original);
    expect(getClaims(state).activeId).toBe("spy");

    state = redo(state);
    expect(claimOf(state, "spy")).toBeUndefined();
  });

  it("records nothing for removing a claim that does not exist", () => {
    const state = act(newEditor(), { remove: ["nope"] });
    expect(undoDepth(state)).toBe(0);
  });
});

describe("undo of edits", () => {
  it("puts back the tag a retag replaced", () => {
    let state = act(newEditor([spyChips]), { activate: "spy" });
    state = run(state, retagActive("denied")).state;
    expect(claimOf(state, "spy")?.tag).toBe("denied");
    state = undo(state);
    expect(claimOf(state, "spy")?.tag).toBe("disputed");
    state = redo(state);
    expect(claimOf(state, "spy")?.tag).toBe("denied");
  });

  it("puts back the note, claimant and evidence an edit replaced", () => {
    let state = newEditor([spyChips]);
    state = act(state, { put: [{ ...spyChips, note: "Apple denies it.", claimant: "Tim Cook", evidence: ["https://example.com"] }] });
    state = undo(state);
    expect(claimOf(state, "spy")).toEqual(spyChips);
  });

  it("does not record opening or closing a claim", () => {
    let state = act(newEditor([spyChips]), { activate: "spy" });
    state = act(state, { activate: null });
    expect(undoDepth(state)).toBe(0);
  });

  it("does not record changes marked addToHistory: false, such as the server's echo", () => {
    const state = newEditor([spyChips]);
    const tr = setClaimsAction(state.tr, { put: [{ ...spyChips, updatedAt: "2024-01-01T00:00:00.000Z" }] });
    expect(undoDepth(state.apply(tr.setMeta("addToHistory", false)))).toBe(0);
  });
});

describe("grouping of quick edits", () => {
  const typeNote = (state: EditorState, note: string, time: number) => act(state, { put: [{ ...claimOf(state, "spy")!, note }] }, time);

  it("merges edits of one claim less than a second apart into one undo step", () => {
    let state = newEditor([spyChips]);
    state = typeNote(state, "A", 10_000);
    state = typeNote(state, "Ap", 10_400);
    state = typeNote(state, "App", 10_900);
    state = typeNote(state, "Appl", 11_800); // under a second after the previous keystroke
    expect(undoDepth(state)).toBe(1);

    state = undo(state);
    expect(claimOf(state, "spy")?.note).toBe("");
    state = redo(state);
    expect(claimOf(state, "spy")?.note).toBe("Appl");
  });

  it("keeps edits more than a second apart as separate steps", () => {
    let state = newEditor([spyChips]);
    state = typeNote(state, "first", 10_000);
    state = typeNote(state, "second", 11_000);
    state = typeNote(state, "third", 13_500);
    expect(undoDepth(state)).toBe(3);

    state = undo(state);
    expect(claimOf(state, "spy")?.note).toBe("second");
    state = undo(state);
    expect(claimOf(state, "spy")?.note).toBe("first");
  });

  it("keeps quick edits of two different claims as separate steps", () => {
    const micro = claimOn(textMap, "Super Micro", "micro");
    let state = newEditor([spyChips, micro]);
    state = act(state, { put: [{ ...spyChips, note: "a" }] }, 10_000);
    state = act(state, { put: [{ ...micro, note: "b" }] }, 10_100);
    expect(undoDepth(state)).toBe(2);
    state = undo(state);
    expect(claimOf(state, "micro")?.note).toBe("");
    expect(claimOf(state, "spy")?.note).toBe("a");
  });

  it("does not merge an edit into the creation of the claim", () => {
    let state = act(newEditor(), { put: [spyChips] }, 10_000);
    state = act(state, { put: [{ ...spyChips, note: "typed at once" }] }, 10_200);
    expect(undoDepth(state)).toBe(2);
    state = undo(state);
    expect(claimOf(state, "spy")).toEqual(spyChips);
  });

  it("does not merge a deletion into an edit", () => {
    let state = newEditor([spyChips]);
    state = act(state, { put: [{ ...spyChips, note: "a" }] }, 10_000);
    state = act(state, { remove: ["spy"] }, 10_100);
    expect(undoDepth(state)).toBe(2);
    state = undo(state);
    expect(claimOf(state, "spy")?.note).toBe("a");
  });

  it("starts a new step for an edit right after an undo, as prosemirror-history does", () => {
    let state = newEditor([spyChips]);
    state = typeNote(state, "first", 10_000);
    state = typeNote(state, "second", 12_000);
    state = undo(state); // back to "first"
    state = typeNote(state, "other", 10_500); // within a second of "first", which is now the last step
    expect(undoDepth(state)).toBe(2);
    state = undo(state);
    expect(claimOf(state, "spy")?.note).toBe("first");
  });
});
