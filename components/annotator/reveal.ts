import { PluginKey, type Transaction } from "prosemirror-state";

/**
 * How to scroll to the claim a transaction leaves open: undo, redo, a pick
 * from the list, a link. Transactions without it open claims that are on
 * screen already (tagged from the selection, clicked), where scrolling to
 * them would only cost a layout.
 */
export const revealKey = new PluginKey("reveal");

export function setReveal(tr: Transaction, block: ScrollLogicalPosition): Transaction {
  return tr.setMeta(revealKey, block);
}

export function getReveal(tr: Transaction): ScrollLogicalPosition | undefined {
  return tr.getMeta(revealKey) as ScrollLogicalPosition | undefined;
}
