/**
 * The claims of the article and their highlights.
 *
 * Plugin state is an immutable `ClaimsState`: the claims by id, the claim the
 * reviewer has open, and a DecorationSet drawing them. Changes arrive as
 * actions on transactions (`putClaims`, `removeClaims`, `setActiveClaim`);
 * `put` both creates and replaces, so undo can put back any earlier version of
 * a claim, the same id included. The highlights are one decoration per piece
 * of text with the same claims over it (`drawClaims`); only the pieces around
 * claims that changed are rebuilt, so untouched paragraphs keep their DOM.
 */
import type { Node } from "prosemirror-model";
import { Plugin, PluginKey, type EditorState, type Transaction } from "prosemirror-state";
import { Decoration, DecorationSet } from "prosemirror-view";
import { tagInfo } from "@/lib/tags";
import type { Claim } from "./claim";
import { ClaimMap } from "./claim-map";

/**
 * What a transaction does to the claims: put (create or replace) some, remove
 * some, and open one (`activate`: an id, null to close, absent to keep).
 */
export interface ClaimsAction {
  put?: Claim[];
  remove?: string[];
  activate?: string | null;
}

export const claimsKey = new PluginKey<ClaimsState>("claims");

export class ClaimsState {
  constructor(
    readonly claims: ClaimMap,
    readonly activeId: string | null,
    readonly decorations: DecorationSet,
  ) {}

  static create(state: EditorState, claims: Claim[]): ClaimsState {
    return new ClaimsState(ClaimMap.of(claims), null, DecorationSet.create(state.doc, drawClaims(state.doc, claims, null)));
  }

  apply(tr: Transaction, state: EditorState): ClaimsState {
    const action = tr.getMeta(claimsKey) as ClaimsAction | undefined;
    let decorations = tr.docChanged ? this.decorations.map(tr.mapping, tr.doc) : this.decorations;
    if (!action) return decorations === this.decorations ? this : new ClaimsState(this.claims, this.activeId, decorations);

    const redraw = new Set<string>();
    for (const claim of action.put ?? []) {
      const old = this.claims.get(claim.id);
      if (!old || old.tag !== claim.tag || old.from !== claim.from || old.to !== claim.to) redraw.add(claim.id);
    }
    const { claims, removed } = this.claims.update(action.put ?? [], action.remove ?? []);
    for (const id of removed) redraw.add(id);

    let activeId = action.activate === undefined ? this.activeId : action.activate;
    if (activeId && !claims.has(activeId)) activeId = null;
    if (activeId !== this.activeId) {
      if (this.activeId) redraw.add(this.activeId);
      if (activeId) redraw.add(activeId);
    }

    if (redraw.size > 0) {
      // Redraw only the pieces around the changed claims (where they were and
      // where they are), with every claim over those pieces: a search of the
      // whole set would cost as much as the article has claims.
      let from = Infinity;
      let to = -Infinity;
      const stretch = (range: { from: number; to: number } | undefined) => {
        if (range) [from, to] = [Math.min(from, range.from), Math.max(to, range.to)];
      };
      for (const id of redraw) [this.claims.get(id), claims.get(id)].forEach(stretch);
      const stale = decorations.find(from, to);
      const near = new Set(redraw);
      for (const decoration of stale) {
        stretch(decoration);
        for (const id of decoration.spec.claimIds as string[]) near.add(id);
      }
      const fresh = drawClaims(
        state.doc,
        [...near].flatMap((id) => claims.get(id) ?? []),
        activeId,
        from,
        to,
      );
      decorations = decorations.remove(stale).add(state.doc, fresh);
    }
    return new ClaimsState(claims, activeId, decorations);
  }

  /** Claims covering a document position, innermost (shortest) first. */
  claimsAt(pos: number): Claim[] {
    // The decorations are a tree by position: only the claims near \`pos\` are looked at, not every claim.
    const found = new Map<string, Claim>();
    for (const decoration of this.decorations.find(pos, pos + 1)) {
      for (const id of decoration.spec.claimIds as string[]) {
        const claim = this.claims.get(id);
        if (claim && claim.from <= pos && pos < claim.to) found.set(claim.id, claim);
      }
    }
    // Ties in length in reading order, as the panel lists them.
    return [...found.values()].sort((a, b) => a.to - a.from - (b.to - b.from) || a.from - b.from || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Claims in reading order. */
  ordered(): readonly Claim[] {
    return this.claims.ordered();
  }
}

/**
 * The highlights of `claims` between `from` and `to`: one inline decoration
 * for each piece of text with the same claims over it, naming them all.
 * ProseMirror draws an element per decoration per text node, so one
 * decoration per claim nested an element per claim in every piece where
 * claims overlap (227,182 elements in the editable article with 50,000
 * claims, against 2,554 with none); the editable's size is what Chrome pays
 * for on every load, redraw and caret move. The piece where a claim starts
 * carries its tag's glyph for CSS to draw (`::before`) instead of a widget
 * element of its own.
 */
function drawClaims(doc: Node, claims: Iterable<Claim>, activeId: string | null, from = 0, to = doc.content.size): Decoration[] {
  // Outer claims before the ones they hold, so glyphs read outside in; the same words' by id, so that a redraw draws the same.
  const sorted = [...claims].filter((c) => c.from < to && c.to > from).sort((a, b) => a.from - b.from || b.to - a.to || (a.id < b.id ? -1 : 1));
  const drawn: Decoration[] = [];
  let next = 0;
  let open: Claim[] = [];
  doc.nodesBetween(from, to, (node, pos) => {
    if (!node.isText) return true;
    const end = Math.min(to, pos + node.nodeSize);
    for (let start = Math.max(from, pos); start < end;) {
      while (next < sorted.length && sorted[next].from <= start) open.push(sorted[next++]);
      open = open.filter((c) => c.to > start);
      let stop = next < sorted.length ? Math.min(end, sorted[next].from) : end;
      for (const c of open) stop = Math.min(stop, c.to);
      if (open.length > 0) drawn.push(piece(start, stop, open, activeId));
      start = stop;
    }
    return false;
  });
  return drawn;
}

function piece(from: number, to: number, claims: Claim[], activeId: string | null): Decoration {
  const ids = claims.map((c) => c.id);
  // The innermost claim gives the piece its tag's colour and underline; where claims overlap the colour is deeper.
  const inner = claims.reduce((a, b) => (b.to - b.from < a.to - a.from ? b : a));
  const starting = claims.filter((c) => c.from === from);
  // As few classes and attributes as will do: ProseMirror sets them one by one, on thousands of pieces as the article opens.
  let classes = `claim-${inner.tag}`;
  if (claims.length > 1) classes += " claim-overlap";
  if (ids.includes(activeId!)) classes += " claim-active";
  const attrs: Record<string, string> = { class: classes, "data-claims": ids.join(" ") };
  if (starting.length > 0) {
    // CSS draws the glyphs from this attribute, in the first glyph's colour, and gives screen readers one claim's
    // label by its glyph (app/globals.css); where several claims start, their labels are spelled out.
    attrs["data-glyph"] = starting.map((c) => tagInfo[c.tag].glyph).join("");
    if (starting.length > 1) attrs["data-spoken"] = starting.map((c) => `${tagInfo[c.tag].label} claim: `).join("");
  }
  return Decoration.inline(from, to, attrs, { claimIds: ids });
}

/** The claims plugin, seeded with the claims the server has. */
export function claimsPlugin(initial: Claim[]): Plugin<ClaimsState> {
  return new Plugin<ClaimsState>({
    key: claimsKey,
    state: {
      init: (_config, state) => ClaimsState.create(state, initial),
      apply: (tr, value, _old, state) => value.apply(tr, state),
    },
    props: {
      decorations: (state) => claimsKey.getState(state)?.decorations,
    },
  });
}

export function getClaims(state: EditorState): ClaimsState {
  const value = claimsKey.getState(state);
  if (!value) throw new Error("the claims plugin is not installed");
  return value;
}

/** Records a claims action on a transaction. */
export function setClaimsAction(tr: Transaction, action: ClaimsAction): Transaction {
  return tr.setMeta(claimsKey, action);
}

export function getClaimsAction(tr: Transaction): ClaimsAction | undefined {
  return tr.getMeta(claimsKey) as ClaimsAction | undefined;
}
