/**
 * Undo and redo for claim actions. The article's text never changes, so
 * prosemirror-history (which tracks document steps) has nothing to undo here;
 * this plugin records, for every transaction carrying a claims action, each
 * touched claim before and after. Undo puts back the "before" versions
 * (removing claims that did not exist), redo the "after" ones. Because a
 * deleted claim is put back whole, undoing a delete restores the same id.
 *
 * Successive edits of the same claim within `groupDelay` merge into one step,
 * so undo after typing a note takes back the note, not one letter.
 *
 * Others change claims too (the live feed puts their changes in, outside
 * this history). Undo and redo take back this reviewer's own step against
 * the claim as it is now: only the fields the step changed move, so undoing
 * a retag keeps a note someone wrote since. Where the step's fields were
 * changed again by someone else, or the claim deleted meanwhile, undo stops
 * and says why (`whyNotReplay`) rather than overwrite their change.
 */
import { type Command, Plugin, PluginKey, type EditorState, type Transaction } from "prosemirror-state";
import { editableFields } from "@/lib/annotation";
import { type Claim, sameValue } from "./claim";
import { getClaims, getClaimsAction, setClaimsAction } from "./claims-plugin";

interface Change {
  id: string;
  before: Claim | null;
  after: Claim | null;
}

interface HistoryEvent {
  changes: Change[];
  time: number;
}

const groupDelay = 1000;
export const claimHistoryKey = new PluginKey<ClaimHistoryState>("claimHistory");
type HistoryMeta = "undo" | "redo";

export class ClaimHistoryState {
  constructor(
    readonly done: readonly HistoryEvent[],
    readonly undone: readonly HistoryEvent[],
    /** False right after an undo or redo: the next edit starts a new step, as in prosemirror-history. */
    readonly canGroup = true,
  ) {}

  apply(tr: Transaction, oldState: EditorState): ClaimHistoryState {
    const replay = tr.getMeta(claimHistoryKey) as HistoryMeta | undefined;
    if (replay === "undo") return new ClaimHistoryState(this.done.slice(0, -1), [...this.undone, this.done[this.done.length - 1]], false);
    if (replay === "redo") return new ClaimHistoryState([...this.done, this.undone[this.undone.length - 1]], this.undone.slice(0, -1), false);

    const action = getClaimsAction(tr);
    if (!action || tr.getMeta("addToHistory") === false) return this;
    const old = getClaims(oldState).claims;
    const changes: Change[] = [
      ...(action.put ?? []).map((claim) => ({ id: claim.id, before: old.get(claim.id) ?? null, after: claim })),
      ...(action.remove ?? []).filter((id) => old.has(id)).map((id) => ({ id, before: old.get(id)!, after: null })),
    ];
    if (changes.length === 0) return this;
    const event: HistoryEvent = { changes, time: tr.time };

    const last = this.done[this.done.length - 1];
    if (last && this.canGroup && canMerge(last, event)) {
      const merged = { changes: [{ ...event.changes[0], before: last.changes[0].before }], time: event.time };
      return new ClaimHistoryState([...this.done.slice(0, -1), merged], []);
    }
    return new ClaimHistoryState([...this.done, event], []);
  }
}

/** Two edits (not creates or deletes) of the same single claim in quick succession. */
function canMerge(last: HistoryEvent, next: HistoryEvent): boolean {
  if (last.changes.length !== 1 || next.changes.length !== 1) return false;
  const [a, b] = [last.changes[0], next.changes[0]];
  return a.id === b.id && a.before !== null && a.after !== null && b.before !== null && b.after !== null && next.time - last.time < groupDelay;
}

export function claimHistory(): Plugin<ClaimHistoryState> {
  return new Plugin<ClaimHistoryState>({
    key: claimHistoryKey,
    state: {
      init: () => new ClaimHistoryState([], []),
      apply: (tr, value, oldState) => value.apply(tr, oldState),
    },
  });
}

function getHistory(state: EditorState): ClaimHistoryState {
  const value = claimHistoryKey.getState(state);
  if (!value) throw new Error("the claim history plugin is not installed");
  return value;
}

/** The step undo (or redo) would replay next, if any. */
function nextEvent(state: EditorState, direction: HistoryMeta): HistoryEvent | undefined {
  const history = getHistory(state);
  return direction === "undo" ? history.done[history.done.length - 1] : history.undone[history.undone.length - 1];
}

/** The fields of `from` that `to` changes. */
const changedFields = (from: Claim, to: Claim) => editableFields.filter((field) => !sameValue(from[field], to[field]));

/**
 * Why undo (or redo) cannot take its step without overwriting someone
 * else's later change, or null when it can (or there is no step).
 */
export function whyNotReplay(state: EditorState, direction: HistoryMeta): string | null {
  const event = nextEvent(state, direction);
  if (!event) return null;
  const current = getClaims(state).claims;
  for (const change of event.changes) {
    // `left`: the claim as the step left it; `target`: as the replay would make it.
    const [left, target] = direction === "undo" ? [change.after, change.before] : [change.before, change.after];
    const now = current.get(change.id);
    if (left && !now) return `${direction === "undo" ? "Undo" : "Redo"} stops here: someone deleted this claim since.`;
    if (!left || !now) continue;
    const fields = target ? changedFields(left, target) : editableFields;
    const theirs = fields.filter((field) => !sameValue(now[field], left[field]));
    if (theirs.length > 0) {
      return `${direction === "undo" ? "Undo" : "Redo"} stops here: ${now.updatedBy} changed the ${theirs.join(", ")} since, and undo does not overwrite their change.`;
    }
  }
  return null;
}

/** Moves the claims back (undo) or forward (redo) to one side of an event. */
function replay(direction: HistoryMeta): Command {
  return (state, dispatch) => {
    const event = nextEvent(state, direction);
    if (!event || whyNotReplay(state, direction) !== null) return false;
    if (dispatch) {
      const sides = (change: Change) => (direction === "undo" ? [change.after, change.before] : [change.before, change.after]);
      // What the reviewer did comes back, field by field on the claim as it is now: what others changed
      // since stays, and so does what the server decided (a verdict checked on words a revision changed).
      const current = getClaims(state).claims;
      const put = event.changes.flatMap((change) => {
        const [left, claim] = sides(change);
        const now = current.get(change.id);
        if (!claim) return [];
        if (!now || !left) return [now ? { ...claim, previousQuote: now.previousQuote } : claim];
        const moved = Object.fromEntries(changedFields(left, claim).map((field) => [field, claim[field]]));
        return [{ ...now, ...moved }];
      });
      const remove = event.changes.filter((change) => !sides(change)[1]).map((change) => change.id);
      // Open what was put back, so the reviewer sees what the undo did.
      const tr = setClaimsAction(state.tr, { put, remove, activate: put[0]?.id ?? null });
      dispatch(tr.setMeta(claimHistoryKey, direction));
    }
    return true;
  };
}

export const undoClaim: Command = replay("undo");
export const redoClaim: Command = replay("redo");

export function undoDepth(state: EditorState): number {
  return getHistory(state).done.length;
}

export function redoDepth(state: EditorState): number {
  return getHistory(state).undone.length;
}
