/**
 * The live feed of an article's claim events and revisions, for its open streams
 * (`GET /api/documents/{slug}/events`). Each change appends its events and
 * sends `NOTIFY claim_events, '<article id>'` in its transaction
 * (db/queries/claim-events.ts); every app instance LISTENs once, and on a
 * notification reads the article's new events once and hands them to each
 * of its streams on that article. An article's ids follow commit order (its
 * writers take its feed lock), so a stream that has sent up to id N and asks
 * for what came after misses nothing; a stream
 * resuming from `Last-Event-ID` first reads what it missed, then follows.
 * A lost LISTEN connection (a database outage) is made up for when it is
 * back, and a slow poll covers what a notification could still miss.
 */
import "server-only";
import { getDb, listenDb } from "@/db/client";
import { claimEventsChannel, latestFeedEventId, listArticleFeed } from "@/db/queries/claim-events";
import type { FeedEvent } from "@/lib/live-events";

/** How often an article with open streams is read even without a notification. */
const pollMs = 10_000;

interface Subscriber {
  /** Events with ids above this one are this subscriber's to send. */
  sentUpTo: number;
  deliver: (events: FeedEvent[]) => void;
}

interface Article {
  subscribers: Set<Subscriber>;
  /** The last event id read for the article's subscribers. */
  readUpTo: number;
  /**
   * Whether `readUpTo` is the latest event as of the last read (a read has
   * completed, or the entry was made from the latest id), rather than where
   * a resumed stream started: then a new stream "from now" starts there.
   */
  caughtUp: boolean;
  reading: Promise<void> | null;
  /** A notification came while reading: read again when done. */
  again: boolean;
}

interface Feed {
  articles: Map<string, Article>;
  listening: Promise<void> | null;
  poll: ReturnType<typeof setInterval> | null;
}

// On globalThis: Next may load this module more than once, and the process listens once.
const feedKey = Symbol.for("factcheck.live-feed");

function feed(): Feed {
  const holder = globalThis as typeof globalThis & { [feedKey]?: Feed };
  return (holder[feedKey] ??= { articles: new Map(), listening: null, poll: null });
}

/** Listens for the feed's notifications, once per process (again after a failure). */
function listen(): Promise<void> {
  const state = feed();
  state.listening ??= listenDb(
    claimEventsChannel,
    (documentId) => wake(documentId),
    // (Re)listening: notifications sent while the connection was lost are gone; read every article.
    () => {
      for (const documentId of state.articles.keys()) wake(documentId);
    },
  ).then(
    () => undefined,
    (error) => {
      state.listening = null;
      throw error;
    },
  );
  state.poll ??= setInterval(() => {
    for (const documentId of state.articles.keys()) wake(documentId);
  }, pollMs);
  state.poll.unref?.();
  return state.listening;
}

/** Reads the article's events after what was read, and hands each subscriber those it has not sent. */
function wake(documentId: string): void {
  const article = feed().articles.get(documentId);
  if (!article) return;
  if (article.reading) {
    article.again = true;
    return;
  }
  article.reading = (async () => {
    do {
      article.again = false;
      try {
        const events = await listArticleFeed(await getDb(), documentId, article.readUpTo);
        article.caughtUp = true;
        if (events.length === 0) continue;
        article.readUpTo = events.at(-1)!.id;
        for (const subscriber of article.subscribers) hand(subscriber, events);
      } catch (error) {
        // The database is away: the next notification, re-listen or poll reads again.
        console.error(`The live feed of article ${documentId} could not be read:`, error);
        return;
      }
    } while (article.again);
  })().finally(() => {
    article.reading = null;
  });
}

function hand(subscriber: Subscriber, events: FeedEvent[]): void {
  const fresh = events.filter((event) => event.id > subscriber.sentUpTo);
  if (fresh.length === 0) return;
  subscriber.sentUpTo = fresh.at(-1)!.id;
  subscriber.deliver(fresh);
}

/** The id of the latest event of an article (0 with none): where a new stream starts. */
export async function latestEventId(documentId: string): Promise<number> {
  return latestFeedEventId(await getDb(), documentId);
}

/**
 * Follows an article's events after `after` (null: from now): first those
 * already stored, then each as it is committed, in id order, each once.
 * Resolves once following (the stored ones delivered); the returned
 * function stops it.
 */
export async function follow(documentId: string, after: number | null, deliver: (events: FeedEvent[]) => void): Promise<() => void> {
  await listen();
  const { articles } = feed();
  const followed = articles.get(documentId);
  // From now, on an article this process follows already: now is where its
  // streams are (what is committed meanwhile comes with the next read), so
  // a room of 200 opening streams costs no query each.
  if (after === null && followed?.caughtUp) {
    const subscriber: Subscriber = { sentUpTo: followed.readUpTo, deliver };
    followed.subscribers.add(subscriber);
    return () => unsubscribe(documentId, followed, subscriber);
  }
  const from = after ?? (await latestEventId(documentId));
  let article = articles.get(documentId);
  if (!article) {
    article = { subscribers: new Set(), readUpTo: from, caughtUp: after === null, reading: null, again: false };
    articles.set(documentId, article);
  }
  // Live events are held back until the stored ones are read, then all go in id order, each once.
  const held = new Map<number, FeedEvent>();
  const hold = (events: FeedEvent[]) => events.forEach((event) => held.set(event.id, event));
  const subscriber: Subscriber = { sentUpTo: from, deliver: hold };
  article.subscribers.add(subscriber);
  const stop = () => unsubscribe(documentId, article, subscriber);
  try {
    hold(await listArticleFeed(await getDb(), documentId, from));
  } catch (error) {
    stop();
    throw error;
  }
  const backlog = [...held.values()].sort((a, b) => a.id - b.id);
  subscriber.sentUpTo = Math.max(subscriber.sentUpTo, backlog.at(-1)?.id ?? from);
  subscriber.deliver = deliver;
  if (backlog.length > 0) deliver(backlog);
  return stop;
}

function unsubscribe(documentId: string, article: Article, subscriber: Subscriber): void {
  article.subscribers.delete(subscriber);
  const { articles } = feed();
  if (article.subscribers.size === 0 && articles.get(documentId) === article) articles.delete(documentId);
}
