/**
 * Who has an article open: each open event stream is a **view** (a person
 * on an article, with the claim they have open, if any). Views live in the
 * memory of the app instance that holds their stream, and every instance
 * tells the others through `NOTIFY presence` (PGlite's or PostgreSQL's):
 * a view's arrival, its claim and its leaving go out at once, and each
 * instance repeats its views every few seconds, so that one that stopped
 * without a word (a crash) has its views dropped 30 s later. An instance
 * that opens a stream on an article asks the others who is there.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { getDb, listenDb } from "@/db/client";
import { sql } from "drizzle-orm";

/** One person's open article, as others see it. */
export interface View {
  view: string;
  userId: string;
  name: string;
  /** The claim they have open, or null. */
  claimId: string | null;
}

/** What a stream's `presence` event holds: its own view, and everyone's on the article (its own included). */
export interface PresenceData {
  view: string;
  present: View[];
}

const channel = "presence";
/** How often an instance repeats its views, and how long one unheard of is kept. */
const repeatMs = 10_000;
const forgetMs = 30_000;

type Message =
  | { kind: "here"; instance: string; documentId: string; views: View[] }
  | { kind: "gone"; instance: string; documentId: string; view: string }
  | { kind: "focus"; instance: string; documentId: string; view: string; userId: string; claimId: string | null }
  | { kind: "who"; instance: string; documentId: string };

interface Known extends View {
  instance: string;
  heardAt: number;
}

interface Presence {
  instance: string;
  /** Views whose stream this instance holds, by article. */
  local: Map<string, Map<string, View>>;
  /** The views of other instances heard of, by article. */
  known: Map<string, Map<string, Known>>;
  /** Called with an article's views when they change, for its local streams. */
  watchers: Map<string, Set<(update: PresenceUpdate) => void>>;
  /** Articles whose views changed since their watchers were last told (see `changed`). */
  pending: Set<string>;
  flush: ReturnType<typeof setTimeout> | null;
  listening: Promise<void> | null;
}

/**
 * An article's views as its streams are told them: the list once, and its
 * JSON once, shared by every stream on the article (200 streams told of
 * 200 views would otherwise each make their own copy of the list).
 */
export interface PresenceUpdate {
  present: View[];
  json: string;
}

/**
 * How long changes to an article's views are gathered before its streams
 * are told: many people arriving at once (a newsroom opening one article)
 * make one announcement, not one per arrival to each of the others.
 */
const gatherMs = 100;

const presenceKey = Symbol.for("factcheck.presence");

function state(): Presence {
  const holder = globalThis as typeof globalThis & { [presenceKey]?: Presence };
  if (!holder[presenceKey]) {
    const fresh: Presence = {
      instance: randomUUID(),
      local: new Map(),
      known: new Map(),
      watchers: new Map(),
      pending: new Set(),
      flush: null,
      listening: null,
    };
    holder[presenceKey] = fresh;
    setInterval(() => void repeat(fresh), repeatMs).unref();
  }
  return holder[presenceKey];
}

async function send(message: Message): Promise<void> {
  await (await getDb()).execute(sql`select pg_notify(${channel}, ${JSON.stringify(message)})`);
}

function listen(presence: Presence): Promise<void> {
  presence.listening ??= listenDb(channel, (payload) => hear(presence, JSON.parse(payload) as Message)).then(
    () => undefined,
    (error) => {
      presence.listening = null;
      throw error;
    },
  );
  return presence.listening;
}

function hear(presence: Presence, message: Message): void {
  // This instance's own views are in `local`; its own messages only echo them.
  if (message.instance === presence.instance && message.kind !== "focus") return;
  const known = presence.known.get(message.documentId) ?? new Map<string, Known>();
  presence.known.set(message.documentId, known);
  const now = Date.now();
  switch (message.kind) {
    case "here":
      for (const view of message.views) known.set(view.view, { ...view, instance: message.instance, heardAt: now });
      break;
    case "gone":
      known.delete(message.view);
      break;
    case "focus": {
      const view = known.get(message.view) ?? presence.local.get(message.documentId)?.get(message.view);
      // Only the view's own person may say which claim they have open.
      if (view && view.userId === message.userId) view.claimId = message.claimId;
      break;
    }
    case "who": {
      const views = [...(presence.local.get(message.documentId)?.values() ?? [])];
      if (views.length > 0) void send({ kind: "here", instance: presence.instance, documentId: message.documentId, views }).catch(() => {});
      return;
    }
  }
  changed(presence, message.documentId);
}

/** Repeats this instance's views, and forgets those not heard of for a while (their instance stopped). */
async function repeat(presence: Presence): Promise<void> {
  const cutoff = Date.now() - forgetMs;
  for (const [documentId, known] of presence.known) {
    let changed = false;
    for (const [id, view] of known) {
      if (view.heardAt < cutoff) changed = known.delete(id) || changed;
    }
    if (changed) announce(presence, documentId);
    if (known.size === 0 && !presence.local.has(documentId)) presence.known.delete(documentId);
  }
  for (const [documentId, views] of presence.local) {
    await send({ kind: "here", instance: presence.instance, documentId, views: [...views.values()] }).catch(() => {});
  }
}

/** Tells the article's streams of its views after a short while, with other changes made meanwhile. */
function changed(presence: Presence, documentId: string): void {
  presence.pending.add(documentId);
  presence.flush ??= setTimeout(() => {
    presence.flush = null;
    const articles = [...presence.pending];
    presence.pending.clear();
    for (const article of articles) announce(presence, article);
  }, gatherMs);
}

function announce(presence: Presence, documentId: string): void {
  const watchers = presence.watchers.get(documentId);
  if (!watchers || watchers.size === 0) return;
  const list = present(documentId);
  const update = { present: list, json: JSON.stringify(list) };
  for (const watcher of watchers) watcher(update);
}

/** Everyone on an article now, by name. */
export function present(documentId: string): View[] {
  const { local, known } = state();
  return [...(local.get(documentId)?.values() ?? []), ...(known.get(documentId)?.values() ?? [])]
    .map(({ view, userId, name, claimId }) => ({ view, userId, name, claimId }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.view.localeCompare(b.view));
}

/**
 * Opens a view of `documentId` for a person, announced to every instance;
 * `onChange` runs whenever the article's views change. The returned
 * function closes it (the stream ended: the person left).
 */
export async function openView(
  documentId: string,
  person: { id: string; name: string },
  onChange: (update: PresenceUpdate) => void,
): Promise<{ view: string; close: () => void }> {
  const presence = state();
  await listen(presence);
  const view: View = { view: randomUUID(), userId: person.id, name: person.name, claimId: null };
  const local = presence.local.get(documentId) ?? new Map<string, View>();
  presence.local.set(documentId, local);
  local.set(view.view, view);
  const watchers = presence.watchers.get(documentId) ?? new Set<(update: PresenceUpdate) => void>();
  presence.watchers.set(documentId, watchers);
  watchers.add(onChange);
  const close = () => {
    watchers.delete(onChange);
    if (watchers.size === 0) presence.watchers.delete(documentId);
    local.delete(view.view);
    if (local.size === 0) presence.local.delete(documentId);
    changed(presence, documentId);
    void send({ kind: "gone", instance: presence.instance, documentId, view: view.view }).catch(() => {});
  };
  changed(presence, documentId);
  try {
    await send({ kind: "here", instance: presence.instance, documentId, views: [view] });
    await send({ kind: "who", instance: presence.instance, documentId });
  } catch (error) {
    close();
    throw error;
  }
  return { view: view.view, close };
}

/** Says which claim a person's view has open (null: none); only their own view changes. */
export async function focusView(documentId: string, view: string, userId: string, claimId: string | null): Promise<void> {
  await send({ kind: "focus", instance: state().instance, documentId, view, userId, claimId });
}
