/**
 * A claim's changes in words, as its panel's History section shows them:
 * "Maya Chen changed the tag from unverified to disputed, 4 Dec, 19:10".
 * Each kind of change (lib/claim-events.ts) is worded from the claim
 * before and after it; the time is the reader's, in their locale and time
 * zone (the caller passes both, so that the words are the same wherever
 * they are made).
 */
import type { ClaimFields, EditableField } from "./annotation";
import { type ClaimConflict, fieldNames, sameFieldValue } from "./claim-conflicts";
import type { ClaimState } from "./claim-events";
import type { ChangeEntry } from "./claim-history";

/** Longest note or quote quoted in full; longer ones are cut, with an ellipsis. */
const quotedLength = 60;

/** The words between curly quotes, cut to `quotedLength` code points. */
function quoted(text: string): string {
  const points = [...text];
  return `“${
    points.length > quotedLength
      ? `${points
          .slice(0, quotedLength - 1)
          .join("")
          .trimEnd()}…`
      : text
  }”`;
}

/** "a", "a and b", "a, b and c". */
function list(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

/** What a change of a claim's tag, claimant, note or evidence did, one phrase per field that changed. */
function fieldChanges(before: ClaimState, after: ClaimState): string[] {
  const parts: string[] = [];
  if (before.tag !== after.tag) parts.push(`changed the tag from ${before.tag} to ${after.tag}`);
  if (before.claimant !== after.claimant) {
    if (before.claimant === "") parts.push(`set the claimant to ${quoted(after.claimant)}`);
    else if (after.claimant === "") parts.push(`removed the claimant ${quoted(before.claimant)}`);
    else parts.push(`changed the claimant from ${quoted(before.claimant)} to ${quoted(after.claimant)}`);
  }
  if (before.note !== after.note) {
    if (before.note === "") parts.push(`added the note ${quoted(after.note)}`);
    else if (after.note === "") parts.push("removed the note");
    else parts.push(`changed the note to ${quoted(after.note)}`);
  }
  const added = after.evidence.filter((link) => !before.evidence.includes(link));
  const removed = before.evidence.filter((link) => !after.evidence.includes(link));
  const links = (some: string[]) => (some.length === 1 ? `the evidence link ${some[0]}` : `${some.length} evidence links`);
  if (added.length > 0) parts.push(`added ${links(added)}`);
  if (removed.length > 0) parts.push(`removed ${links(removed)}`);
  if (added.length === 0 && removed.length === 0 && before.evidence.join("\n") !== after.evidence.join("\n")) {
    parts.push("reordered the evidence links");
  }
  return parts;
}

/** A field's value in words: a tag as it is, links counted, text quoted. */
function fieldValue(value: ClaimFields[EditableField]): string {
  if (Array.isArray(value)) return value.length === 1 ? value[0] : `${value.length} links`;
  return value === "" ? "(empty)" : quoted(value);
}

/** The open conflicts of a claim as an event recorded it (none in events recorded before conflicts were kept). */
const conflictsOf = (state: ClaimState | null): ClaimConflict[] => state?.conflicts ?? [];

/** Whose versions a change replaced and kept as conflicts: "replacing Maya Chen's note (both versions are kept until someone picks one)". */
function conflictsOpened(before: ClaimState | null, after: ClaimState): string[] {
  return conflictsOf(after).flatMap((conflict) => {
    const earlier = conflictsOf(before).find((c) => c.id === conflict.id);
    if (earlier && earlier.values.length === conflict.values.length) return [];
    const replaced = conflict.values.at(-2);
    return replaced ? [`replacing ${replaced.by.name}'s ${fieldNames[conflict.field]} (both versions are kept until someone picks one)`] : [];
  });
}

/** Which version of a field someone picked: "kept Maya Chen's version of the note “…”". */
function conflictResolved(before: ClaimState | null, after: ClaimState): string {
  const resolved = conflictsOf(before).find((conflict) => !conflictsOf(after).some((c) => c.id === conflict.id));
  if (!resolved) return "resolved a conflict";
  const value = after[resolved.field];
  const picked = resolved.values.find((version) => sameFieldValue(version.value, value));
  const whose = picked ? `${picked.by.name}'s version` : "a version";
  return `kept ${whose} of the ${fieldNames[resolved.field]}, ${fieldValue(value)}`;
}

/** What a published revision did to the claim: made it an orphan, changed its words, or moved it. */
function revisionMove(before: ClaimState | null, after: ClaimState): string {
  if (after.status === "orphan" && before?.status !== "orphan") {
    return "published a revision that made the claim an orphan (its words were not found)";
  }
  if (before && before.quote !== after.quote) {
    return `published a revision that changed the claim's words from ${quoted(before.quote)} to ${quoted(after.quote)}`;
  }
  return "published a revision that moved the claim";
}

/** What a review step's comment adds: ": “why”", or nothing. */
const because = (entry: ChangeEntry) => (entry.detail?.comment ? `: ${quoted(entry.detail.comment)}` : "");

/** An approved claim that a change took back to review: its approval held for the version approved. */
const approvalWithdrawn = ({ before, after }: ChangeEntry) =>
  before?.reviewState === "approved" && after.reviewState === "in_review" ? "; the claim went back to review" : "";

/** What the change did, after the name of who made it. */
function what(entry: ChangeEntry): string {
  return whatChanged(entry) + approvalWithdrawn(entry);
}

function whatChanged(entry: ChangeEntry): string {
  const { action, before, after, comment } = entry;
  switch (action) {
    case "created":
      return `tagged the claim ${after.tag}`;
    case "imported":
      return `imported the claim, tagged ${after.tag}`;
    case "updated":
      return [list(before ? fieldChanges(before, after) : []) || "changed the claim", ...conflictsOpened(before, after)].join(", ");
    case "deleted":
      return "deleted the claim";
    case "restored":
      return after.status === "orphan" && before?.status !== "orphan" ? "restored the claim, as an orphan to re-attach" : "restored the claim";
    case "reattached":
      return `re-attached the claim to ${quoted(after.quote)}`;
    case "verdict_confirmed":
      return "confirmed that the verdict still holds on the changed words";
    case "moved_by_revision":
      return revisionMove(before, after);
    // A comment deleted since keeps no words in the history (server/claims.ts).
    case "comment_created":
      return comment?.body ? `commented ${quoted(comment.body)}` : "commented (a comment deleted since)";
    case "comment_updated":
      return comment?.body ? `edited a comment to ${quoted(comment.body)}` : "edited a comment (deleted since)";
    case "comment_deleted":
      return comment ? `deleted a comment by ${comment.author.name}` : "deleted a comment";
    case "submitted":
      return `submitted the claim for review, tagged ${after.tag}${because(entry)}`;
    case "approved": {
      const own = entry.detail?.ownClaim ? " (their own claim, as an editor)" : "";
      const settled = entry.detail?.settledTag ? `, settling the differing verdicts as ${entry.detail.settledTag}` : "";
      return `approved the claim${own}${settled}${because(entry)}`;
    }
    case "changes_requested":
      return `requested changes${because(entry)}`;
    case "reopened":
      return `reopened the approved claim for review${because(entry)}`;
    case "verdict_given":
      return "gave their own verdict";
    case "verdicts_seen":
      return "read the verdicts";
    case "conflict_resolved":
      return conflictResolved(before, after);
  }
}

/** Who made a change: their name, marked when it was recorded before accounts (no user). */
export const changeActor = (entry: Pick<ChangeEntry, "actor" | "actorId">) =>
  entry.actorId === null ? `${entry.actor} (before accounts)` : entry.actor;

/** A change in words, without its time: "Maya Chen changed the tag from unverified to disputed". */
export function describeChange(entry: ChangeEntry): string {
  return `${changeActor(entry)} ${what(entry)}`;
}

/** Where and when a time is read: a locale (the reader's when undefined) and an IANA time zone (theirs when undefined). */
export interface TimeSetting {
  locale?: string;
  timeZone?: string;
}

/**
 * When a change was made, short, as its reader's clock says: "4 Dec, 19:10"
 * (in `en-GB`), with the year when it is not the year of `now`.
 */
export function formatChangeTime(iso: string, { locale, timeZone }: TimeSetting = {}, now = new Date()): string {
  const time = new Date(iso);
  const year = (date: Date) => new Intl.DateTimeFormat("en", { year: "numeric", timeZone }).format(date);
  // A 24-hour clock reads 09:05, a 12-hour one 9:05 AM.
  const { hourCycle } = new Intl.DateTimeFormat(locale, { hour: "numeric", timeZone }).resolvedOptions();
  return new Intl.DateTimeFormat(locale, {
    day: "numeric",
    month: "short",
    ...(year(time) === year(now) ? {} : { year: "numeric" }),
    hour: hourCycle === "h23" || hourCycle === "h24" ? "2-digit" : "numeric",
    minute: "2-digit",
    timeZone,
  }).format(time);
}

/** A change in words with its time: "Maya Chen changed the tag from unverified to disputed, 4 Dec, 19:10". */
export function describeChangeAt(entry: ChangeEntry, setting: TimeSetting = {}, now = new Date()): string {
  return `${describeChange(entry)}, ${formatChangeTime(entry.at, setting, now)}`;
}
