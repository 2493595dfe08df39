import { readFileSync } from "node:fs";
import path from "node:path";
import { EditorState, TextSelection } from "prosemirror-state";
import type { Decoration } from "prosemirror-view";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ArticleBlock, parsePlainArticle } from "@/lib/article";
import type { Claim } from "./claim";
import { claimHistory } from "./claim-history";
import { claimsPlugin, getClaims, setClaimsAction } from "./claims-plugin";
import { readOnlyText } from "./read-only";
import { articleToDoc } from "./schema";
import { retagActive, tagSelection } from "./tag-selection";
import { claimOn, offsetsOf, run, testClaim } from "./test-editor";
import { tags } from "@/lib/tags";
import { TextMap } from "./text-map";

const jassy = parsePlainArticle(readFileSync(path.join(import.meta.dirname, "../../content/jassy-bloomberg-retraction.txt"), "utf8"));

/** An editor over an article, with the plugins the Annotator installs. */
function editor(blocks: ArticleBlock[] = jassy, claims: Claim[] = []) {
  const doc = articleToDoc(blocks);
  const textMap = new TextMap(doc);
  const state = EditorState.create({ doc, plugins: [readOnlyText(), claimsPlugin(claims), claimHistory()] });
  return { doc, textMap, state };
}

function apply(state: EditorState, action: Parameters<typeof setClaimsAction>[1]): EditorState {
  return state.apply(setClaimsAction(state.tr, action));
}

function select(state: EditorState, textMap: TextMap, start: number, end: number): EditorState {
  return state.apply(state.tr.setSelection(TextSelection.create(state.doc, textMap.toPos(start), textMap.toPos(end))));
}

// Decoration keeps its attributes internal; the class and data attribute are
// what the reviewer sees (colour, glyph, click target), so read them anyway.
const attrsOf = (decoration: Decoration) => (decoration as unknown as { type: { attrs: Record<string, string> } }).type.attrs;

/** The pieces of highlight drawn over one claim's words, with what the reviewer sees of them. */
function drawn(state: EditorState, id: string) {
  return getClaims(state)
    .decorations.find(undefined, undefined, (spec) => (spec.claimIds as string[]).includes(id))
    .map((d): { from: number; to: number; [attr: string]: string | number } => ({ from: d.from, to: d.to, ...attrsOf(d) }));
}

/** What is drawn at each position of the article: the piece's attributes, and the glyphs where one starts. */
function drawing(state: EditorState): string[] {
  const at: string[] = [];
  for (const d of getClaims(state).decorations.find()) {
    const { "data-glyph": glyph, "data-spoken": spoken, ...attrs } = attrsOf(d);
    for (let pos = d.from; pos < d.to; pos++) at[pos] = JSON.stringify(attrs.class.split(" ").concat(attrs["data-claims"]));
    at[d.from] += glyph ? ` ${glyph} ${spoken} ${attrs.class}` : "";
  }
  return [...at].map((x) => x ?? "");
}

describe("tagSelection", () => {
  it("makes a claim of the selected words without the spaces around them, and opens it", () => {
    const { textMap, state } = editor();
    const words = offsetsOf(textMap, "got played or took");
    const selected = select(state, textMap, words.start - 1, words.end + 1); // a sloppy drag takes the spaces too

    const { applied, state: next } = run(
      selected,
      tagSelection("disputed", textMap, { id: "ada", name: "Ada" }, () => "claim-1"),
    );

    expect(applied).toBe(true);
    const claims = getClaims(next);
    expect(claims.activeId).toBe("claim-1");
    expect(claims.claims.get("claim-1")).toEqual({
      id: "claim-1",
      start: words.start,
      end: words.end,
      from: textMap.toPos(words.start),
      to: textMap.toPos(words.end),
      quote: "got played or took",
      tag: "disputed",
      note: "",
      claimant: "",
      evidence: [],
      createdBy: "Ada",
      createdById: "ada",
      updatedBy: "Ada",
      updatedAt: null,
    });
    expect(next.doc.textBetween(textMap.toPos(words.start), textMap.toPos(words.end))).toBe("got played or took");
  });

  it("only opens the claim on exactly these words when the person may not change it", () => {
    const { textMap, state } = editor();
    const words = offsetsOf(textMap, "got played or took");
    const tagged = run(
      select(state, textMap, words.start, words.end),
      tagSelection("disputed", textMap, { id: "ada", name: "Ada" }, () => "first"),
    ).state;
    const closed = apply(tagged, { activate: null });
    const again = run(
      select(closed, textMap, words.start, words.end),
      tagSelection(
        "denied",
        textMap,
        { id: "ravi", name: "Ravi" },
        () => "second",
        (claim) => claim.createdBy === "Ravi",
      ),
    ).state;
    const claims = getClaims(again);
    expect([...claims.claims.values()].map((claim) => [claim.id, claim.tag])).toEqual([["first", "disputed"]]);
    expect(claims.activeId).toBe("first");
  });

  it("retags and opens the claim already on exactly these words instead of making a second one", () => {
    const { textMap, state } = editor();
    const words = offsetsOf(textMap, "got played or took");
    const tagged = run(
      select(state, textMap, words.start, words.end),
      tagSelection("disputed", textMap, { id: "ada", name: "Ada" }, () => "first"),
    ).state;
    const closed = apply(tagged, { activate: null });

    const again = run(
      select(closed, textMap, words.start - 1, words.end),
      tagSelection("denied", textMap, { id: "ada", name: "Ada" }, () => "second"),
    ).state;
    const claims = getClaims(again);
    expect([...claims.claims.values()].map((claim) => [claim.id, claim.tag])).toEqual([["first", "denied"]]);
    expect(claims.activeId).toBe("first");
    expect(again.selection.empty).toBe(true);

    // Words inside or around that claim are other words: a claim of their own.
    const inner = offsetsOf(textMap, "played or");
    const nested = run(
      select(again, textMap, inner.start, inner.end),
      tagSelection("unverified", textMap, { id: "ada", name: "Ada" }, () => "inner"),
    ).state;
    expect(getClaims(nested).claims.size).toBe(2);
    expect(getClaims(nested).activeId).toBe("inner");
  });

  it("collapses the selection to the end of the new claim", () => {
    const { textMap, state } = editor();
    const words = offsetsOf(textMap, "spy chips being embedded");
    const { state: next } = run(
      select(state, textMap, words.start, words.end),
      tagSelection("denied", textMap, { id: "ada", name: "Ada" }, () => "c"),
    );
    expect(next.selection.empty).toBe(true);
    expect(next.selection.from).toBe(textMap.toPos(words.end));
  });

  it("does not take the line break when the selection runs to the start of the next block", () => {
    const { textMap, state } = editor();
    const caption = offsetsOf(textMap, "October 25, 2016.");
    const { state: next } = run(
      select(state, textMap, caption.start, caption.end + 1),
      tagSelection("unverified", textMap, { id: "ada", name: "Ada" }, () => "c"),
    );
    expect(getClaims(next).claims.get("c")).toMatchObject({ start: caption.start, end: caption.end, quote: "October 25, 2016." });
  });

  it("keeps the line break inside a claim that spans two blocks", () => {
    const { textMap, state } = editor();
    const from = offsetsOf(textMap, "Key Points").start;
    const to = offsetsOf(textMap, "AWS CEO").end;
    const { state: next } = run(
      select(state, textMap, from, to),
      tagSelection("disputed", textMap, { id: "ada", name: "Ada" }, () => "c"),
    );
    expect(getClaims(next).claims.get("c")?.quote).toBe("Key Points\nAWS CEO");
  });

  it("counts offsets in code points after an emoji", () => {
    const { textMap, state } = editor([
      { type: "paragraph", text: "😀 Jassy 😀" },
      { type: "paragraph", text: "🇺🇸 Bloomberg should retract. 👨‍👩‍👧" },
    ]);
    // Plain text "😀 Jassy 😀\n🇺🇸 Bloomberg…": "Bloomberg" starts at code point 13.
    const { state: next } = run(
      select(state, textMap, 12, 22),
      tagSelection("disputed", textMap, { id: "ada", name: "Ada" }, () => "c"),
    );
    expect(getClaims(next).claims.get("c")).toMatchObject({ start: 13, end: 22, quote: "Bloomberg" });
  });

  it("does nothing when the selection is empty or only whitespace", () => {
    const { textMap, state } = editor();
    const space = offsetsOf(textMap, "liberties. Bloomberg").start + "liberties.".length;
    for (const selected of [state, select(state, textMap, space, space + 1)]) {
      const { applied, state: next } = run(
        selected,
        tagSelection("disputed", textMap, { id: "ada", name: "Ada" }, () => "c"),
      );
      expect(applied).toBe(false);
      expect(getClaims(next).claims.size).toBe(0);
    }
  });

  it("gives each claim a new id by default", () => {
    const { textMap, state } = editor();
    const a = offsetsOf(textMap, "Jassy wrote");
    const b = offsetsOf(textMap, "Bloomberg should retract");
    const first = run(select(state, textMap, a.start, a.end), tagSelection("disputed", textMap, { id: "ada", name: "Ada" })).state;
    const second = run(select(first, textMap, b.start, b.end), tagSelection("denied", textMap, { id: "ada", name: "Ada" })).state;
    const ids = [...getClaims(second).claims.keys()];
    expect(ids).toHaveLength(2);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("claims actions", () => {
  it("starts with the claims it is given, none open", () => {
    const { textMap } = editor();
    const claim = claimOn(textMap, "spy chips being embedded", "a");
    const { state } = editor(jassy, [claim]);
    expect(getClaims(state).claims.get("a")).toEqual(claim);
    expect(getClaims(state).activeId).toBeNull();
    expect(drawn(state, "a")).toEqual([expect.objectContaining({ from: claim.from, to: claim.to, class: "claim-disputed", "data-claims": "a" })]);
  });

  it("puts a new claim, replaces it by id and removes it", () => {
    const { textMap, state } = editor();
    const claim = claimOn(textMap, "spy chips being embedded", "a");
    const created = apply(state, { put: [claim] });
    expect(getClaims(created).claims.get("a")).toEqual(claim);

    const replaced = apply(created, { put: [{ ...claim, note: "Denied by Apple and Amazon." }] });
    expect(getClaims(replaced).claims.size).toBe(1);
    expect(getClaims(replaced).claims.get("a")?.note).toBe("Denied by Apple and Amazon.");

    const removed = apply(replaced, { remove: ["a"] });
    expect(getClaims(removed).claims.size).toBe(0);
    expect(drawn(removed, "a")).toEqual([]);
    expect(getClaims(removed).decorations.find()).toEqual([]);
  });

  it("opens a claim, keeps it open when an action says nothing about it, and closes it", () => {
    const { textMap, state } = editor();
    const a = claimOn(textMap, "spy chips being embedded", "a");
    const b = claimOn(textMap, "Super Micro told shareholders", "b");
    const opened = apply(state, { put: [a, b], activate: "a" });
    expect(getClaims(opened).activeId).toBe("a");
    expect(getClaims(apply(opened, { put: [{ ...b, note: "x" }] })).activeId).toBe("a");
    expect(getClaims(apply(opened, { activate: "b" })).activeId).toBe("b");
    expect(getClaims(apply(opened, { activate: null })).activeId).toBeNull();
    // Opening another claim changes no claim: the same claims, so the side panel's list is not rendered again.
    expect(getClaims(apply(opened, { activate: "b" })).claims).toBe(getClaims(opened).claims);
  });

  it("closes the open claim when it is removed, and refuses to open an unknown one", () => {
    const { textMap, state } = editor();
    const opened = apply(state, { put: [claimOn(textMap, "spy chips being embedded", "a")], activate: "a" });
    expect(getClaims(apply(opened, { remove: ["a"] })).activeId).toBeNull();
    expect(getClaims(apply(opened, { activate: "nope" })).activeId).toBeNull();
  });

  it("lists claims in reading order", () => {
    const { textMap, state } = editor();
    const late = claimOn(textMap, "Super Micro told shareholders", "late");
    const early = claimOn(textMap, "Amazon cloud chief", "early");
    const wide = claimOn(textMap, "Amazon cloud chief Jassy", "wide");
    const next = apply(state, { put: [late, wide, early] });
    expect(
      getClaims(next)
        .ordered()
        .map((c) => c.id),
    ).toEqual(["early", "wide", "late"]);
  });
});

describe("claim decorations", () => {
  it("draws a highlight over the claim's words, its tag's glyph at its start", () => {
    const { textMap, state } = editor();
    const claim = claimOn(textMap, "spy chips being embedded", "a", "denied");
    const next = apply(state, { put: [claim] });
    expect(drawn(next, "a")).toEqual([
      {
        from: claim.from,
        to: claim.to,
        class: "claim-denied",
        "data-claims": "a",
        "data-glyph": "✕",
      },
    ]);
    expect(getClaims(next).decorations.find(claim.from, claim.to).length).toBe(1);
  });

  it("redraws the highlight and the glyph when the claim is retagged", () => {
    const { textMap, state } = editor();
    const claim = claimOn(textMap, "spy chips being embedded", "a", "disputed");
    const opened = apply(state, { put: [claim], activate: "a" });
    const { applied, state: retagged } = run(opened, retagActive("unverified"));
    expect(applied).toBe(true);
    expect(getClaims(retagged).claims.get("a")?.tag).toBe("unverified");
    expect(drawn(retagged, "a")).toEqual([expect.objectContaining({ class: "claim-unverified claim-active", "data-glyph": "?" })]);
  });

  it("marks only the open claim as active", () => {
    const { textMap, state } = editor();
    const a = claimOn(textMap, "spy chips being embedded", "a");
    const b = claimOn(textMap, "Super Micro told shareholders", "b");
    const active = (state: EditorState, id: string) => drawn(state, id).every((d) => String(d.class).split(" ").includes("claim-active"));
    const openA = apply(state, { put: [a, b], activate: "a" });
    expect([active(openA, "a"), active(openA, "b")]).toEqual([true, false]);

    const openB = apply(openA, { activate: "b" });
    expect([active(openB, "a"), active(openB, "b")]).toEqual([false, true]);

    const closed = apply(openB, { activate: null });
    expect([active(closed, "a"), active(closed, "b")]).toEqual([false, false]);
  });

  it("draws overlapping claims as one element per piece of text, each claim's glyph where it starts", () => {
    const { textMap, state } = editor();
    const outer = claimOn(textMap, "Reporters got played or took liberties", "outer", "denied");
    const inner = claimOn(textMap, "got played", "inner", "unverified");
    const next = apply(state, { put: [outer, inner] });
    expect(
      getClaims(next)
        .decorations.find(outer.from, outer.to)
        .map((d) => ({ from: d.from, to: d.to, ...attrsOf(d) })),
    ).toEqual([
      {
        from: outer.from,
        to: inner.from,
        class: "claim-denied",
        "data-claims": "outer",
        "data-glyph": "✕",
      },
      {
        from: inner.from,
        to: inner.to,
        class: "claim-unverified claim-overlap",
        "data-claims": "outer inner",
        "data-glyph": "?",
      },
      { from: inner.to, to: outer.to, class: "claim-denied", "data-claims": "outer" },
    ]);
    // Two claims on the same words: both glyphs, in the order of their ids, and both labels spelled out for screen readers.
    const twin = { ...inner, id: "twin", tag: "disputed" as const };
    expect(drawn(apply(next, { put: [twin] }), "twin")).toEqual([
      expect.objectContaining({
        from: inner.from,
        to: inner.to,
        "data-claims": "outer inner twin",
        "data-glyph": "?⚠",
        "data-spoken": "Unverified claim: Disputed claim: ",
      }),
    ]);
    // The piece is the inner claim's tag; CSS colours the glyphs by the first (here the outer's, denied).
    const head = claimOn(textMap, "Reporters got", "head", "unverified");
    expect(drawn(apply(next, { put: [head] }), "head")[0]).toEqual(
      expect.objectContaining({
        from: outer.from,
        class: "claim-unverified claim-overlap",
        "data-claims": "outer head",
        "data-glyph": "✕?",
      }),
    );
  });

  it("draws, after any sequence of changes, what drawing the resulting claims afresh draws", () => {
    const { state } = editor();
    const size = Math.min(state.doc.content.size, 400);
    const text = (pos: number) => state.doc.resolve(pos).parent.isTextblock;
    const change = fc.record({
      id: fc.constantFrom("a", "b", "c", "d", "e"),
      from: fc.integer({ min: 1, max: size - 2 }),
      length: fc.integer({ min: 1, max: 60 }),
      tag: fc.constantFrom(...tags),
      remove: fc.boolean(),
      activate: fc.option(fc.constantFrom("a", "b", "c"), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(change, { maxLength: 12 }), (changes) => {
        let now = state;
        for (const { id, from, length, tag, remove, activate } of changes) {
          const to = Math.min(from + length, size - 1);
          if (!text(from) || !text(to)) continue;
          const claim = testClaim(id, from - 1, to - 1, { tag });
          now = apply(now, remove ? { remove: [id], activate } : { put: [claim], activate });
        }
        const afresh = getClaims(now);
        const redrawn = apply(editor(jassy, [...afresh.ordered()]).state, { activate: afresh.activeId });
        expect(drawing(now)).toEqual(drawing(redrawn));
      }),
      { numRuns: 200 },
    );
  });

  it("keeps the same decorations when only a claim's note changes, so nothing is redrawn", () => {
    const { textMap, state } = editor();
    const claim = claimOn(textMap, "spy chips being embedded", "a");
    const created = apply(state, { put: [claim] });
    const noted = apply(created, { put: [{ ...claim, note: "See the AWS blog post." }] });
    expect(getClaims(noted).decorations).toBe(getClaims(created).decorations);
  });

  it("keeps the same plugin state for a transaction that does not touch claims", () => {
    const { textMap, state } = editor();
    const created = apply(state, { put: [claimOn(textMap, "spy chips being embedded", "a")] });
    const moved = created.apply(created.tr.setSelection(TextSelection.create(created.doc, 3)));
    expect(getClaims(moved)).toBe(getClaims(created));
  });

  it("retagActive does nothing without an open claim or with the same tag", () => {
    const { textMap, state } = editor();
    const created = apply(state, { put: [claimOn(textMap, "spy chips being embedded", "a", "denied")] });
    expect(run(created, retagActive("disputed")).applied).toBe(false);
    const opened = apply(created, { activate: "a" });
    expect(run(opened, retagActive("denied")).applied).toBe(false);
  });
});

describe("claimsAt", () => {
  const { textMap, state } = editor();
  const outer = claimOn(textMap, "Reporters got played or took liberties", "outer");
  const inner = claimOn(textMap, "got played", "inner");
  // Overlaps `outer` without nesting in it, and is a little longer.
  const overlapping = claimOn(textMap, "took liberties. Bloomberg should retract.", "overlapping");
  const claims = getClaims(apply(state, { put: [outer, overlapping, inner] }));

  it("finds every claim covering a position, innermost first", () => {
    expect(claims.claimsAt(inner.from + 1).map((c) => c.id)).toEqual(["inner", "outer"]);
  });

  it("finds overlapping claims, the shorter first", () => {
    expect(outer.to - outer.from).toBeLessThan(overlapping.to - overlapping.from);
    expect(claims.claimsAt(overlapping.from + 1).map((c) => c.id)).toEqual(["outer", "overlapping"]);
    expect(claims.claimsAt(outer.to).map((c) => c.id)).toEqual(["overlapping"]);
  });

  it("counts a claim's start as inside it and its end as outside", () => {
    expect(claims.claimsAt(outer.from).map((c) => c.id)).toEqual(["outer"]);
    expect(claims.claimsAt(inner.to).map((c) => c.id)).toEqual(["outer"]);
    expect(claims.claimsAt(overlapping.to)).toEqual([]);
  });

  it("finds nothing where there is no claim", () => {
    expect(claims.claimsAt(1)).toEqual([]);
  });

  it("finds, at every position, the claims covering it after claims are moved, retagged and removed", () => {
    const moved = { ...inner, from: inner.from + 3, to: outer.to + 2 };
    const changed = getClaims(
      apply(apply(state, { put: [outer, overlapping, inner] }), { put: [moved, { ...outer, tag: "denied" }], remove: ["overlapping"] }),
    );
    const all = [moved, { ...outer, tag: "denied" as const }];
    for (let pos = 0; pos < overlapping.to + 5; pos++) {
      const covering = all.filter((c) => c.from <= pos && pos < c.to).sort((a, b) => a.to - a.from - (b.to - b.from));
      expect(changed.claimsAt(pos), `at ${pos}`).toEqual(covering);
    }
  });
});

describe("readOnlyText", () => {
  it("drops a transaction that would change the article's words", () => {
    const { state } = editor();
    const next = state.apply(state.tr.insertText("not in the article", 5));
    expect(next.doc.eq(state.doc)).toBe(true);
    expect(next).toBe(state);
  });

  it("drops deletions too, even when they carry a claims action", () => {
    const { textMap, state } = editor();
    const tr = setClaimsAction(state.tr.delete(1, 10), { put: [claimOn(textMap, "spy chips being embedded", "a")] });
    const next = state.apply(tr);
    expect(next.doc.eq(state.doc)).toBe(true);
    expect(getClaims(next).claims.size).toBe(0);
  });

  it("lets through transactions that only change the selection or the claims", () => {
    const { textMap, state } = editor();
    const next = apply(state, { put: [claimOn(textMap, "spy chips being embedded", "a")] });
    expect(getClaims(next).claims.size).toBe(1);
    expect(next.doc).toBe(state.doc);
  });
});
