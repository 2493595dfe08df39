/**
 * The live feed's Server-Sent Events (`GET /api/documents/{slug}/events`):
 * which event name each claim action goes out as, and the wire format.
 */
import type { ClaimAction, ClaimEvent, ClaimState } from "./claim-events";
import type { CommentState } from "./comments";
import type { ClaimEventDetail } from "./review";

/** A published revision in the live feed: who published it, and the claims it moved (their state after it). */
export interface RevisionEvent {
  id: number;
  documentId: string;
  revision: number;
  actor: string;
  actorId: string | null;
  at: string;
  moved: ClaimState[];
}

/**
 * One entry of an article's live feed, in id order: a claim's change, or a
 * published revision (which carries the claims it moved, so their own
 * `moved_by_revision` changes are not sent apart).
 */
export type FeedEvent = ({ kind: "claim" } & ClaimEvent) | ({ kind: "revision" } & RevisionEvent);

/** The `event:` of each action: what a client does with it. */
const claimEventNames = {
  created: "claim.created",
  imported: "claim.created",
  updated: "claim.updated",
  verdict_confirmed: "claim.updated",
  reattached: "claim.updated",
  moved_by_revision: "claim.updated",
  conflict_resolved: "claim.updated",
  deleted: "claim.deleted",
  restored: "claim.restored",
  comment_created: "comment.created",
  comment_updated: "comment.updated",
  comment_deleted: "comment.deleted",
  submitted: "claim.updated",
  approved: "claim.updated",
  changes_requested: "claim.updated",
  reopened: "claim.updated",
  verdict_given: "claim.updated",
  verdicts_seen: "claim.viewed",
} as const satisfies Record<ClaimAction, string>;

/** The `event:` names of the feed. */
export type LiveEventName = (typeof claimEventNames)[ClaimAction] | "revision.published" | "presence";

/** What a claim event's `data:` holds: the change, the claim after it as the API returns it, and who made it. */
export interface ClaimEventData {
  action: ClaimAction;
  annotation: ClaimState;
  actor: string;
  actorId: string | null;
  at: string;
  /** On `comment.*` events: the comment after the change (`deletedAt` set on `comment.deleted`); the claim carries its new `commentCount`. */
  comment?: CommentState;
  /** A review step's comment and decision; null for other changes. */
  detail: ClaimEventDetail | null;
}

/** What a `revision.published` event's `data:` holds. */
export interface RevisionEventData {
  revision: number;
  actor: string;
  actorId: string | null;
  at: string;
  /** The claims the revision moved or orphaned, as they are on it. */
  moved: ClaimState[];
}

/** One event as it goes on the wire. */
export function formatLiveEvent(event: FeedEvent): string {
  const { id, actor, actorId, at } = event;
  if (event.kind === "revision") {
    const data: RevisionEventData = { revision: event.revision, actor, actorId, at, moved: event.moved };
    return `id: ${id}\nevent: revision.published\ndata: ${JSON.stringify(data)}\n\n`;
  }
  const data: ClaimEventData = {
    action: event.action,
    annotation: event.after,
    actor,
    actorId,
    at,
    detail: event.detail,
    ...(event.comment ? { comment: event.comment } : {}),
  };
  return `id: ${id}\nevent: ${claimEventNames[event.action]}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** A comment line: keeps proxies from closing an idle stream, and is ignored by clients. */
export const heartbeat = ": heartbeat\n\n";

/**
 * Where a client resumes: its `Last-Event-ID` header, else `?after=`; a
 * whole number, or null when it names none; undefined when what it sent is
 * not an id.
 */
export function resumeFrom(headers: Headers, query: URLSearchParams): number | null | undefined {
  const given = headers.get("last-event-id") ?? query.get("after");
  if (given === null || given.trim() === "") return null;
  if (!/^\d{1,15}$/.test(given.trim())) return undefined;
  return Number(given.trim());
}

/** One person's view of an article, in a `presence` event: who, and which claim they have open. */
export interface PresentView {
  view: string;
  userId: string;
  name: string;
  claimId: string | null;
}

/** What a `presence` event's `data:` holds: the receiving stream's own view, and every view open on the article. */
export interface PresenceEventData {
  view: string;
  present: PresentView[];
}

/** The article's live feed, from the event after `after` (the feed's position when the page was made). */
export const liveEventsUrl = (slug: string, after: number, { view = true }: { view?: boolean } = {}) =>
  `/api/documents/${encodeURIComponent(slug)}/events?after=${after}${view ? "" : "&presence=off"}`;

/** Who has the article open, sent without an id (it is no change, and a resumed stream gets the current one anyway). */
export function formatPresenceEvent(data: PresenceEventData): string {
  return `event: presence\ndata: ${JSON.stringify(data)}\n\n`;
}
