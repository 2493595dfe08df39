/**
 * The transactions of the changes to one claim: each checks the claim it
 * locked, writes it through `db/queries`, and appends the change's one
 * `claim_events` row, all in one transaction.
 */
import type { Database } from "@/db/client";
import {
  getAnnotation,
  lockAnnotation,
  lockArticleOfAnnotation,
  reattachAnnotationRow,
  resolveConflictRow,
  restoreAnnotationRow,
  setAnnotationConflicts,
  softDeleteAnnotationRow,
  toAnnotation,
  updateAnnotationRow,
  withdrawnApproval,
} from "@/db/queries/annotations";
import { appendClaimEvents, conflictWasResolved, listClaimEvents, toClaimState } from "@/db/queries/claim-events";
import type { AnnotationRow } from "@/db/schema";
import { type Annotation, type ClaimFields, editableFields } from "@/lib/annotation";
import { othersChanges, withConflicts } from "@/lib/claim-conflicts";
import type { Author } from "@/lib/author";
import type { ClaimState } from "@/lib/claim-events";
import type { TextAnchor } from "@/lib/selectors";

export type ChangeResult =
  | { kind: "changed"; annotation: Annotation }
  | { kind: "conflict"; annotation: Annotation }
  /** Deleted by someone (the claim as it was deleted, with who and when): the change is not applied. */
  | { kind: "deleted"; annotation: ClaimState }
  | { kind: "not_found" };

/**
 * Whether a change gives the claim another tag, note, claimant or evidence
 * than it has: an approval does not hold for those (lib/review.ts).
 */
function changesVerdict(before: AnnotationRow, changes: Partial<ClaimFields>): boolean {
  return editableFields.some((field) => changes[field] !== undefined && JSON.stringify(changes[field]) !== JSON.stringify(before[field]));
}

/** Whether a change sets `previousQuote` alone: the reviewer confirmed the verdict. */
export const confirmsVerdict = (changes: object) => Object.entries(changes).every(([key, value]) => key === "previousQuote" || value === undefined);

/**
 * Applies a reviewer's change if `version` is still the stored one, with its
 * event (`verdict_confirmed` for a change of `previousQuote` alone). A change
 * of nothing changes nothing: not the version, nor who changed the claim last.
 * With `baseVersion` (the version the reviewer made the change on, older
 * than `version`), a field someone else changed since, to another value,
 * becomes an open conflict of both versions (lib/claim-conflicts.ts).
 */
export async function applyEdit(
  db: Database,
  id: string,
  version: number,
  changes: Partial<ClaimFields> & { previousQuote?: null },
  author: Author,
  baseVersion = version,
): Promise<ChangeResult> {
  if (Object.values(changes).every((value) => value === undefined)) {
    const current = await getAnnotation(db, id);
    if (!current) return { kind: "not_found" };
    if (current.deletedAt) return { kind: "deleted", annotation: toClaimState(current) };
    return { kind: current.version === version ? "changed" : "conflict", annotation: toAnnotation(current) };
  }
  return db.transaction(async (tx): Promise<ChangeResult> => {
    const before = await lockAnnotation(tx, id);
    if (!before) return { kind: "not_found" };
    if (before.deletedAt) return { kind: "deleted", annotation: toClaimState(before) };
    if (before.version !== version) return { kind: "conflict", annotation: toAnnotation(before) };
    const others = baseVersion < version ? othersChanges(await listClaimEvents(tx, { annotationId: id }), author, baseVersion) : new Map();
    let after = await updateAnnotationRow(tx, id, { ...changes, ...(changesVerdict(before, changes) ? withdrawnApproval(before) : {}) }, author);
    if (others.size > 0) {
      const mine = { by: { id: author.id, name: author.name }, at: after.updatedAt.toISOString() };
      const conflicts = withConflicts(before.conflicts, changes, others, mine, () => crypto.randomUUID());
      if (conflicts.length !== before.conflicts.length || conflicts.some((c, i) => c !== before.conflicts[i])) {
        after = await setAnnotationConflicts(tx, id, conflicts);
      }
    }
    await appendClaimEvents(tx, author, [{ action: confirmsVerdict(changes) ? "verdict_confirmed" : "updated", before, after }]);
    return { kind: "changed", annotation: toAnnotation(after) };
  });
}

export type PickResult =
  | ChangeResult
  /** Someone picked a version of this conflict already: it is closed. */
  | { kind: "resolved"; annotation: Annotation }
  /** The claim has no such conflict, open or closed. */
  | { kind: "no_conflict" }
  /** `pick` names no version of the conflict (it has `versions`). */
  | { kind: "no_version"; versions: number };

/**
 * Keeps one version of a field two reviewers changed at once: the field is
 * set to it (if it is not already) and the conflict closes, as one change
 * with its `conflict_resolved` event, if `version` is still the stored one.
 */
export async function applyPick(db: Database, id: string, conflictId: string, version: number, pick: number, author: Author): Promise<PickResult> {
  return db.transaction(async (tx): Promise<PickResult> => {
    const before = await lockAnnotation(tx, id);
    if (!before) return { kind: "not_found" };
    if (before.deletedAt) return { kind: "deleted", annotation: toClaimState(before) };
    const conflict = before.conflicts.find((c) => c.id === conflictId);
    if (!conflict) {
      return (await conflictWasResolved(tx, id, conflictId)) ? { kind: "resolved", annotation: toAnnotation(before) } : { kind: "no_conflict" };
    }
    if (before.version !== version) return { kind: "conflict", annotation: toAnnotation(before) };
    const picked = conflict.values[pick];
    if (!picked) return { kind: "no_version", versions: conflict.values.length };
    const conflicts = before.conflicts.filter((c) => c !== conflict);
    // A picked value other than the stored one is a change like any: an approval does not hold for it.
    const review = changesVerdict(before, { [conflict.field]: picked.value }) ? withdrawnApproval(before) : {};
    const after = await resolveConflictRow(tx, id, { conflicts, field: conflict.field, value: picked.value }, author, review);
    await appendClaimEvents(tx, author, [{ action: "conflict_resolved", before, after }]);
    return { kind: "changed", annotation: toAnnotation(after) };
  });
}

/** Soft-deletes a claim; false when there is none. Deleting a deleted claim changes nothing and succeeds. */
export async function applyDelete(db: Database, id: string, author: Author): Promise<boolean> {
  return db.transaction(async (tx) => {
    const before = await lockAnnotation(tx, id);
    if (!before) return false;
    if (before.deletedAt) return true;
    const after = await softDeleteAnnotationRow(tx, id, author);
    await appendClaimEvents(tx, author, [{ action: "deleted", before, after }]);
    return true;
  });
}

/**
 * Brings back a soft-deleted claim with its id. Restoring a live claim
 * returns it unchanged. See `restored` (db/queries) for a claim deleted
 * before the article's latest revision.
 */
export async function applyRestore(db: Database, id: string, author: Author): Promise<Annotation | undefined> {
  return db.transaction(async (tx) => {
    const before = await lockAnnotation(tx, id);
    if (!before) return undefined;
    if (!before.deletedAt) return toAnnotation(before);
    const after = await restoreAnnotationRow(tx, id, author);
    await appendClaimEvents(tx, author, [{ action: "restored", before, after }]);
    return toAnnotation(after);
  });
}

export type ReattachResult = ChangeResult | { kind: "not_orphan"; annotation: Annotation } | { kind: "revised" };

/**
 * Puts an orphan on new words of the article's revision `revision`, chosen
 * by a reviewer. Checks `version` like any change; refuses a claim that is
 * not an orphan (a revision may have placed it meanwhile) and, when the
 * article has been revised since `anchor` was cut from its text, changes
 * nothing (`revised`). The article's row is share-locked so that no revision
 * is published in between.
 */
export async function applyReattach(
  db: Database,
  id: string,
  version: number,
  anchor: TextAnchor,
  revision: number,
  author: Author,
): Promise<ReattachResult> {
  return db.transaction(async (tx): Promise<ReattachResult> => {
    const latest = await lockArticleOfAnnotation(tx, id);
    if (latest === undefined) return { kind: "not_found" };
    if (latest !== revision) return { kind: "revised" };
    const before = await lockAnnotation(tx, id);
    if (!before || before.deletedAt) return { kind: "not_found" };
    if (before.status !== "orphan") return { kind: "not_orphan", annotation: toAnnotation(before) };
    if (before.version !== version) return { kind: "conflict", annotation: toAnnotation(before) };
    // New words: an approval held for the words it was given on (an orphan is normally back in review already).
    const after = await reattachAnnotationRow(tx, id, anchor, revision, author, withdrawnApproval(before));
    await appendClaimEvents(tx, author, [{ action: "reattached", before, after }]);
    return { kind: "changed", annotation: toAnnotation(after) };
  });
}
