/**
 * Two reviewers changed the same field of a claim at once.
 *
 * A reviewer's change is made on the claim as they last saw it: its `base`
 * version. When they save it on a later version (the client met a 409, or
 * merged news from the live feed, and sends its change again with
 * `baseVersion`), the changes between the two are someone else's. For each
 * field both changed to different values, the later change still wins (it
 * is stored), and the other version is kept as an open *conflict* on the
 * claim: the field, and every version of it with who wrote it and when.
 * Both versions are in the claim's history anyway; the open conflict is
 * what makes every reviewer's panel show them until someone picks one
 * (`POST /api/annotations/{id}/conflicts/{conflictId}`), which sets the
 * field to the picked value and closes it.
 *
 * Plain data in, plain data out: the server reads the claim's events and
 * writes the result; nothing here touches a database.
 */
import { type ClaimFields, type EditableField, editableFields } from "./annotation";

/** How people read the name of each field a reviewer changes ("the evidence links"). */
export const fieldNames: Record<EditableField, string> = { tag: "tag", note: "note", claimant: "claimant", evidence: "evidence links" };

/** One version of a field in a conflict: its value, who wrote it, when (ISO time). */
export interface ConflictVersion {
  value: ClaimFields[EditableField];
  by: { id: string | null; name: string };
  at: string;
}

/** An open conflict on one field of a claim, its versions oldest first. */
export interface ClaimConflict {
  id: string;
  field: EditableField;
  values: ConflictVersion[];
}

/** What `othersChanges` reads of each event of the claim (lib/claim-events.ts). */
export interface ChangeEvent {
  actor: string;
  actorId: string | null;
  at: string;
  before: (ClaimFields & { version: number }) | null;
  after: ClaimFields & { version: number };
}

/** Whether two values of a field are the same (links compared in order). */
export const sameFieldValue = (a: ClaimFields[EditableField], b: ClaimFields[EditableField]) => JSON.stringify(a) === JSON.stringify(b);

/** Whether the change was made by `writer` (by account; by name for changes made before accounts). */
const madeBy = (event: ChangeEvent, writer: ConflictVersion["by"]) =>
  event.actorId !== null || writer.id !== null ? event.actorId === writer.id : event.actor === writer.name;

/**
 * For each field whose last change after version `base` (oldest first in
 * `events`) was someone else's than `writer`'s: that change, as a version.
 */
export function othersChanges(events: readonly ChangeEvent[], writer: ConflictVersion["by"], base: number): Map<EditableField, ConflictVersion> {
  const last = new Map<EditableField, ConflictVersion | null>();
  for (const event of events) {
    if (!event.before || event.after.version <= base) continue;
    for (const field of editableFields) {
      if (sameFieldValue(event.before[field], event.after[field])) continue;
      last.set(field, madeBy(event, writer) ? null : { value: event.after[field], by: { id: event.actorId, name: event.actor }, at: event.at });
    }
  }
  return new Map([...last].filter((entry): entry is [EditableField, ConflictVersion] => entry[1] !== null));
}

/**
 * The claim's open conflicts once `changes` by `mine.by` replace what
 * `others` wrote: a field both changed, to different values, gets a conflict
 * of the two versions (theirs, then this writer's), or one more version on
 * its open conflict. `newId` names a new conflict.
 */
export function withConflicts(
  open: readonly ClaimConflict[],
  changes: Partial<ClaimFields>,
  others: ReadonlyMap<EditableField, ConflictVersion>,
  mine: Omit<ConflictVersion, "value">,
  newId: () => string,
): ClaimConflict[] {
  let conflicts = [...open];
  for (const field of editableFields) {
    const value = changes[field];
    const theirs = others.get(field);
    if (value === undefined || !theirs || sameFieldValue(theirs.value, value)) continue;
    const existing = conflicts.find((conflict) => conflict.field === field);
    const versions = existing ? [...existing.values] : [];
    for (const version of [theirs, { ...mine, value }]) {
      const known = versions.some((v) => v.by.id === version.by.id && v.by.name === version.by.name && sameFieldValue(v.value, version.value));
      if (!known) versions.push(version);
    }
    const conflict = { id: existing?.id ?? newId(), field, values: versions };
    conflicts = existing ? conflicts.map((c) => (c === existing ? conflict : c)) : [...conflicts, conflict];
  }
  return conflicts;
}
