/**
 * The editor's end of the article's live feed (`GET /api/documents/{slug}/events`):
 * an EventSource opened from the feed's position when the page was made
 * (`?after=`), so nothing committed between the page and the stream is
 * missed. After a lost connection the browser reconnects by itself and
 * sends `Last-Event-ID`, which the server prefers to `?after=`: events come
 * once each, in order. An answer that is no stream (a 503 while the database
 * is away, a 401 once signed out) ends an EventSource for good; we open a
 * new one a little later, from the last event received.
 */
import type { ClaimEventData, PresenceEventData, RevisionEventData } from "@/lib/live-events";
import { liveEventsUrl } from "@/lib/live-events";

export interface LiveFeedHandlers {
  /** A claim created, changed, deleted or restored (by anyone, this reviewer included). */
  onClaim: (data: ClaimEventData) => void;
  onRevision: (data: RevisionEventData) => void;
  /** Who else has the article open; without it, this feed is no one's view of the article (a review page), and not in presence. */
  onPresence?: (data: PresenceEventData) => void;
  /** A comment added to, edited in or deleted from a claim's thread (`data.comment`; the claim's new `commentCount`). */
  onComment?: (data: ClaimEventData) => void;
}

const claimEvents = ["claim.created", "claim.updated", "claim.deleted", "claim.restored"] as const;
const commentEvents = ["comment.created", "comment.updated", "comment.deleted"] as const;

/** Wait before opening the feed again after the server refused it. */
const reopenMs = 5_000;

/** Follows an article's live feed from `after`; the returned function closes it. */
export function followLiveFeed(slug: string, after: number, handlers: LiveFeedHandlers): () => void {
  if (typeof EventSource === "undefined") return () => {};
  let lastId = after;
  let source: EventSource;
  let reopen: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const open = () => {
    source = new EventSource(liveEventsUrl(slug, lastId, { view: handlers.onPresence !== undefined }));
    const on = <T>(name: string, handler: (data: T) => void) =>
      source.addEventListener(name, (event) => {
        const message = event as MessageEvent<string>;
        if (/^\d+$/.test(message.lastEventId)) lastId = Number(message.lastEventId);
        try {
          handler(JSON.parse(message.data) as T);
        } catch (error) {
          // One event the editor cannot read must not stop the ones after it.
          console.error(`The live feed's ${name} event could not be applied`, error);
        }
      });
    for (const name of claimEvents) on(name, handlers.onClaim);
    const { onComment } = handlers;
    if (onComment) for (const name of commentEvents) on(name, onComment);
    on("revision.published", handlers.onRevision);
    const { onPresence } = handlers;
    if (onPresence) on("presence", onPresence);
    source.addEventListener("error", () => {
      if (closed || source.readyState !== EventSource.CLOSED) return; // CONNECTING: the browser retries by itself.
      clearTimeout(reopen);
      reopen = setTimeout(open, reopenMs);
    });
  };
  open();
  return () => {
    closed = true;
    clearTimeout(reopen);
    source.close();
  };
}
