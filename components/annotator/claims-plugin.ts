/**
 * The claims of the article and their highlights.
 *
 * Plugin state is an immutable `ClaimsState`: the claims by id, the claim the
 * reviewer has open, and a DecorationSet drawing them. Changes arrive as
 * actions on transactions (`putClaims`, `removeClaims`, `setActiveClaim`);
 * `put` both creates and replaces, so undo can put back any earlier version of
 * a claim, the same id included. Only the decorations of claims that changed
 * are rebuilt, so untouched paragraphs keep their DOM.
 */
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
    return new ClaimsState(
      ClaimMap.of(claims),
      null,
      DecorationSet.create(
        state.doc,
        claims.flatMap((c) => decorate(c, false)),
      ),
    );
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
      // Look only where each changed claim was: a search of the whole set would
      // cost as much as the article has claims.
      const stale = [...redraw].flatMap((id) => {
        const old = this.claims.get(id);
        return old ? decorations.find(old.from, old.to, (spec) => spec.claimId === id) : [];
      });
      const fresh = [...redraw].flatMap((id) => {
        const claim = claims.get(id);
        return claim ? decorate(claim, id === activeId) : [];
      });
      decorations = decorations.remove(stale).add(state.doc, fresh);
    }
    return new ClaimsState(claims, activeId, decorations);
  }

  /** Claims covering a document position, innermost (shortest) first. */
  claimsAt(pos: number): Claim[] {
    // The decorations are a tree by position: only the claims near \`pos\` are looked at, not every claim.
    const found = new Map<string, Claim>();
    for (const decoration of this.decorations.find(pos, pos + 1, (spec) => typeof spec.claimId === "string")) {
      const claim = this.claims.get(decoration.spec.claimId as string);
      if (claim && claim.from <= pos && pos < claim.to) found.set(claim.id, claim);
    }
    // Ties in length in reading order, as the panel lists them.
    return [...found.values()].sort((a, b) => a.to - a.from - (b.to - b.from) || a.from - b.from || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Claims in reading order. */
  ordered(): readonly Claim[] {
    return this.claims.ordered();
  }
}

function decorate(claim: Claim, active: boolean): Decoration[] {
  const info = tagInfo[claim.tag];
  const spec = { claimId: claim.id };
  return [
    // nodeName makes overlapping claims nest as separate elements instead of
    // merging their classes onto one span, so each keeps its own style.
    Decoration.inline(
      claim.from,
      claim.to,
      {
        nodeName: "span",
        class: `claim claim-${claim.tag}${active ? " claim-active" : ""}`,
        "data-claim-id": claim.id,
      },
      spec,
    ),
    Decoration.widget(claim.from, () => label(claim.tag, info.glyph, info.label), {
      ...spec,
      side: -1,
      ignoreSelection: true,
      key: `${claim.id}:${claim.tag}`,
    }),
  ];
}

/**
 * The tag's glyph before the claim; screen readers say the tag instead (its
 * CSS alternative text). Cloned from one element per tag, and not marked with
 * its claim (a click finds claims by position): an article opens with
 * thousands of these.
 */
function label(tag: string, glyph: string, tagLabel: string): HTMLElement {
  return labelTemplate(tag, glyph, tagLabel).cloneNode(true) as HTMLElement;
}

const labelTemplates = new Map<string, HTMLElement>();

function labelTemplate(tag: string, glyph: string, tagLabel: string): HTMLElement {
  let element = labelTemplates.get(tag);
  if (element) return element;
  element = document.createElement("span");
  element.className = `claim-label claim-label-${tag}`;
  element.contentEditable = "false";
  element.title = `${tagLabel} claim`;
  // CSS draws the glyph from one attribute and gives screen readers the other
  // as its alternative text: no child elements, where an article opens with
  // thousands of these.
  element.dataset.glyph = glyph;
  element.dataset.spoken = `${tagLabel} claim: `;
  labelTemplates.set(tag, element);
  return element;
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
