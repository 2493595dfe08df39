/**
 * The editor's end of the article's live feed (`GET /api/documents/{slug}/events`):
 * an EventSource opened from the feed's position when the page was made
 * (`?after=`), so nothing committed between the page and the stream is
 * missed. The browser reconnects by itself and sends `Last-Event-ID`, which
 * the server prefers to `?after=`: events come once each, in order.
 */
import type { ClaimEventData, PresenceEventData, RevisionEventData } from "@/lib/live-events";
import { liveEventsUrl } from "@/lib/live-events";

export interface LiveFeedHandlers {
  /** A claim created, changed, deleted or restored (by anyone, this reviewer included). */
  onClaim: (data: ClaimEventData) => void;
  onRevision: (data: RevisionEventData) => void;
  onPresence: (data: PresenceEventData) => void;
}

const claimEvents = ["claim.created", "claim.updated", "claim.deleted", "claim.restored"] as const;

/** Follows an article's live feed from `after`; the returned function closes it. */
export function followLiveFeed(slug: string, after: number, handlers: LiveFeedHandlers): () => void {
  if (typeof EventSource === "undefined") return () => {};
  const source = new EventSource(liveEventsUrl(slug, after));
  const on = <T>(name: string, handler: (data: T) => void) =>
    source.addEventListener(name, (event) => {
      try {
        handler(JSON.parse((event as MessageEvent<string>).data) as T);
      } catch (error) {
        // One event the editor cannot read must not stop the ones after it.
        console.error(`The live feed's ${name} event could not be applied`, error);
      }
    });
  for (const name of claimEvents) on(name, handlers.onClaim);
  on("revision.published", handlers.onRevision);
  on("presence", handlers.onPresence);
  return () => source.close();
}
