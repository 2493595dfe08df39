/**
 * The live feed's Server-Sent Events (`GET /api/documents/{slug}/events`):
 * which event name each claim action goes out as, and the wire format.
 */
import type { ClaimAction, ClaimEvent } from "./claim-events";

/** The `event:` of each action: what a client does with it. */
export const liveEventNames = {
  created: "claim.created",
  imported: "claim.created",
  updated: "claim.updated",
  verdict_confirmed: "claim.updated",
  reattached: "claim.updated",
  moved_by_revision: "claim.updated",
  deleted: "claim.deleted",
  restored: "claim.restored",
} as const satisfies Record<ClaimAction, string>;

export type LiveEventName = (typeof liveEventNames)[ClaimAction];

/** What an event's `data:` holds: the change, the claim after it as the API returns it, and who made it. */
export interface LiveEventData {
  action: ClaimAction;
  annotation: ClaimEvent["after"];
  actor: string;
  at: string;
}

/** One event as it goes on the wire. */
export function formatLiveEvent(event: ClaimEvent): string {
  const data: LiveEventData = { action: event.action, annotation: event.after, actor: event.actor, at: event.at };
  return `id: ${event.id}\nevent: ${liveEventNames[event.action]}\ndata: ${JSON.stringify(data)}\n\n`;
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

/** Who has the article open, sent without an id (it is no change, and a resumed stream gets the current one anyway). */
export function formatPresenceEvent(data: {
  view: string;
  present: { view: string; userId: string; name: string; claimId: string | null }[];
}): string {
  return `event: presence\ndata: ${JSON.stringify(data)}\n\n`;
}
