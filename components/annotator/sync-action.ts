/**
 * What the save loop does with a transaction's claims action, carried on the
 * transaction itself (`setSyncAction`), so the editor's intent reaches
 * `ClaimSync` typed rather than as loose meta strings. A transaction with a
 * claims action and no sync action is saved at once.
 */
import { PluginKey, type Transaction } from "prosemirror-state";

export type SyncAction =
  /** The server's own state (a save's answer, a claim it placed): nothing to send. */
  | { kind: "fromServer" }
  /** Keystrokes in a text field: saved after a pause, so typing makes one request. */
  | { kind: "typing" }
  /** An orphan put on the selected words: re-attached on the server, then saved like any change. */
  | { kind: "reattach" };

export const syncActionKey = new PluginKey("syncAction");

/** Records how the save loop treats `tr`'s claims action. */
export function setSyncAction(tr: Transaction, action: SyncAction): Transaction {
  return tr.setMeta(syncActionKey, action);
}

/** Marks `tr` as the server's own state: not saved again, and not undoable (the reviewer did not make it). */
export function fromServer(tr: Transaction): Transaction {
  return setSyncAction(tr, { kind: "fromServer" }).setMeta("addToHistory", false);
}

export function getSyncAction(tr: Transaction): SyncAction | undefined {
  return tr.getMeta(syncActionKey) as SyncAction | undefined;
}
