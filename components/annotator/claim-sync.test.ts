import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as pickRoute from "@/app/api/annotations/[id]/conflicts/[conflictId]/route";
import * as reattachRoute from "@/app/api/annotations/[id]/reattach/route";
import * as restoreRoute from "@/app/api/annotations/[id]/restore/route";
import * as claimRoute from "@/app/api/annotations/[id]/route";
import * as claimsRoute from "@/app/api/documents/[slug]/annotations/route";
import * as revisionsRoute from "@/app/api/documents/[slug]/revisions/route";
import * as documentRoute from "@/app/api/documents/[slug]/route";
import type { Annotation } from "@/lib/annotation";
import { parsePlainArticle } from "@/lib/article";
import { CodePointIndex } from "@/lib/text-offsets";
import { person } from "@/test/accounts";
import { call, createTestDocument } from "@/test/api-client";
import type { Claim } from "./claim";
import { ClaimSync, type StoredChange, type SyncStatus } from "./claim-sync";
import { testClaim } from "./test-editor";

/** The test article as reviewers send it: a headline, then a paragraph. */
const source = "Jassy calls for a retraction\nAndy Jassy said the Bloomberg story on spy chips was wrong and should be retracted.";
/** Its plain text, which offsets count in. */
let articleText: CodePointIndex;
let slug: string;
let storageKey: string;

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/**
 * The claims API as the app serves it: each request goes to its route
 * handler, on PGlite, as the reviewer Ada. Around the handlers it can be
 * taken down (fetch rejects, as on a lost connection), made to drop its
 * answers after doing the work (the request arrived, the response did not),
 * answer for a proxy, or hold requests at a gate.
 */
class RouteServer {
  readonly requests: { method: string; path: string; body: unknown }[] = [];
  down = false;
  dropResponses = false;
  failWith: number | null = null;
  /** Does the work, then answers the app's 503 (the database went away before the answer). */
  unavailableAfterWork = false;
  /** While set, requests wait for it before being answered. */
  gate: Promise<void> | null = null;
  /** Requests past the gate, being answered by their handler. */
  private readonly working = new Set<Promise<unknown>>();

  readonly fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const path = String(input);
    const method = init.method ?? "GET";
    const body = init.body === undefined ? undefined : JSON.parse(String(init.body));
    if (this.gate) await this.gate;
    if (this.down) throw new TypeError("fetch failed");
    // A sync that loops on the same answer would spin forever and hang the
    // run instead of failing it; stop it here and let the assertions fail.
    if (this.requests.length >= 100) throw new TypeError("the server got too many requests");
    this.requests.push({ method, path, body });
    // A proxy or load balancer answering for the app: no JSON error body.
    if (this.failWith) return new Response("Service unavailable", { status: this.failWith });
    const answered = this.answer(method, path, init.body === undefined ? undefined : String(init.body), "Ada");
    this.working.add(answered);
    const response = await answered.finally(() => this.working.delete(answered));
    if (this.dropResponses) throw new TypeError("network connection was lost");
    if (this.unavailableAfterWork) {
      return Response.json(
        { error: { code: "database_unavailable", message: "The database cannot be reached." } },
        { status: 503, headers: { "retry-after": "5" } },
      );
    }
    return response;
  };

  /** Waits for the requests being answered now. */
  async idle(): Promise<void> {
    while (this.working.size > 0) await Promise.allSettled([...this.working]);
  }

  /** A claim as another reviewer, elsewhere, changes it. */
  async editElsewhere(id: string, changes: Partial<Annotation>): Promise<void> {
    const { version } = (await this.live(id))!;
    const answer = await this.answer("PATCH", `/api/annotations/${id}`, JSON.stringify({ version, ...changes }), "Grace");
    expect(answer.status).toBe(200);
  }

  async deleteElsewhere(id: string): Promise<void> {
    expect((await this.answer("DELETE", `/api/annotations/${id}`, undefined, "Grace")).status).toBe(204);
  }

  /** The claims the article has (not deleted), orphans included. */
  async list(): Promise<Annotation[]> {
    return (await call(claimsRoute.GET, { slug })).json.annotations;
  }

  async live(id: string): Promise<Annotation | undefined> {
    return (await this.list()).find((a) => a.id === id);
  }

  async seed(claim: Claim): Promise<Annotation> {
    const { id, start, end, tag, note, claimant, evidence } = claim;
    const { status, json } = await call(claimsRoute.POST, { slug }, { body: { id, start, end, tag, note, claimant, evidence }, reviewer: "Ada" });
    expect(status).toBe(201);
    return json.annotation;
  }

  /** A claim whose words the latest revision lost, waiting in the Orphans panel. */
  async seedOrphan(claim: Claim): Promise<Annotation> {
    await this.seed(claim);
    // Its words gone, and the rest where it was: offsets in the tests' text still fit.
    await publish(source.replace(claim.quote, "x".repeat(claim.quote.length)));
    const orphan = (await this.live(claim.id))!;
    expect(orphan.status).toBe("orphan");
    return orphan;
  }

  /** A claim that a revision placed on changed words: its verdict is to check. */
  async seedWordsChanged(claim: Claim): Promise<Annotation> {
    await this.seed(claim);
    await publish(source.replace(claim.quote, claim.quote.replace("c", "s")));
    const changed = (await this.live(claim.id))!;
    expect(changed.previousQuote).toBe(claim.quote);
    return changed;
  }

  /** Answers as `reviewer` (an editor of that name, made through the API), by their Bearer token. */
  private async answer(method: string, path: string, body: string | undefined, reviewer: string): Promise<Response> {
    const route = routeOf(method, path);
    if (!route) return Response.json({ error: { code: "not_found", message: "No such route." } }, { status: 404 });
    const headers = new Headers({ authorization: `Bearer ${(await person(reviewer)).token}` });
    if (body !== undefined) headers.set("content-type", "application/json");
    const request = new Request(`http://localhost${path}`, { method, headers, body });
    return route.handler(request, { params: Promise.resolve(route.params) });
  }
}

/** The route handler of a request, as Next's router would find it. */
function routeOf(method: string, path: string): { handler: Handler; params: Record<string, string> } | null {
  const pick = path.match(/^\/api\/annotations\/([^/]+)\/conflicts\/([^/]+)$/);
  if (pick && method === "POST") return { handler: pickRoute.POST as Handler, params: { id: pick[1], conflictId: decodeURIComponent(pick[2]) } };
  const routes: [RegExp, string, Record<string, unknown>][] = [
    [/^\/api\/documents\/([^/]+)\/annotations$/, "slug", claimsRoute],
    [/^\/api\/annotations\/([^/]+)\/restore$/, "id", restoreRoute],
    [/^\/api\/annotations\/([^/]+)\/reattach$/, "id", reattachRoute],
    [/^\/api\/annotations\/([^/]+)$/, "id", claimRoute],
  ];
  for (const [pattern, param, module] of routes) {
    const match = path.match(pattern);
    const handler = module[method] as Handler | undefined;
    if (match && handler) return { handler, params: { [param]: decodeURIComponent(match[1]) } };
  }
  return null;
}

/** Publishes a revision of the test article with `revised` as its text. */
async function publish(revised: string): Promise<void> {
  const { status } = await call(revisionsRoute.POST, { slug }, { body: { text: revised } });
  expect(status).toBe(201);
}

/** localStorage as far as ClaimSync uses it. */
class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
  removeItem = (key: string) => void this.items.delete(key);
}

// New for each test: a claim's id is unique across articles.
let claimId: string;
let otherId: string;

function claim(id: string = claimId, fields: Partial<Claim> = {}, words = "spy chips"): Claim {
  const start = articleText.text.indexOf(words);
  return testClaim(id, start, start + words.length, { quote: words, ...fields });
}

/** A second claim, on other words than the first (the same words twice are refused: 409 same_words). */
const otherClaim = (fields: Partial<Claim> = {}) => claim(otherId, fields, "Bloomberg story");

let server: RouteServer;
let storage: MemoryStorage;
let statuses: SyncStatus[];
let saved: Annotation[];
let sync: ClaimSync;

/** The revision of the article the tests' page shows. */
const pageRevision = 3;

function newSync(options: { debounce?: number; revision?: number } = {}): ClaimSync {
  return new ClaimSync({
    documentSlug: slug,
    revision: options.revision ?? pageRevision,
    fetch: server.fetch,
    storage,
    debounce: options.debounce ?? 0,
    onStatus: (status) => statuses.push(status),
    onSaved: (annotation) => saved.push(annotation),
  });
}

const status = () => statuses[statuses.length - 1];
const stored = () => {
  const raw = storage.getItem(storageKey);
  return raw === null ? null : (JSON.parse(raw) as Record<string, StoredChange>);
};
const requests = () => server.requests.map(({ method, path }) => `${method} ${path}`);

/** Lets the debounce timers fire and every request in progress finish. */
async function settle(ms = 0): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
  for (let i = 0; i < 5; i++) {
    await server.idle();
    await vi.advanceTimersByTimeAsync(0);
  }
}

beforeEach(async () => {
  // A fresh article for each test, its latest revision the page's.
  slug = (await createTestDocument(parsePlainArticle(`${source} First.`))).slug;
  storageKey = `factcheck:unsaved:${slug}`;
  claimId = crypto.randomUUID();
  otherId = crypto.randomUUID();
  await publish(`${source} Second.`);
  await publish(source);
  articleText = new CodePointIndex((await call(documentRoute.GET, { slug })).json.document.text);
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  server = new RouteServer();
  storage = new MemoryStorage();
  statuses = [];
  saved = [];
  sync = newSync();
});

afterEach(() => {
  sync.dispose();
  vi.useRealTimers();
});

/** A claim the server already has, loaded with the page. */
async function existing(fields: Partial<Claim> = {}): Promise<Claim> {
  const c = claim(claimId, fields);
  sync.loadServerState([await server.seed(c)]);
  return c;
}

describe("saving", () => {
  it("creates a new claim with the id the client chose", async () => {
    const created = claim();
    sync.set(claimId, created);
    await settle();

    expect(server.requests).toEqual([
      {
        method: "POST",
        path: `/api/documents/${slug}/annotations`,
        body: { id: claimId, start: created.start, end: created.end, revision: pageRevision, tag: "disputed", note: "", claimant: "", evidence: [] },
      },
    ]);
    expect(await server.live(claimId)).toMatchObject({ id: claimId, quote: "spy chips", version: 1 });
    expect(status()).toMatchObject({ state: "saved", unsaved: new Set(), retryAt: null });
    expect(saved.map((a) => a.id)).toEqual([claimId]);
  });

  it("sends an edit as a PATCH of the changed fields, based on the version the server gave", async () => {
    const c = await existing();
    sync.set(claimId, { ...c, note: "Apple and Amazon deny it." });
    await settle();
    sync.set(claimId, { ...c, note: "Apple and Amazon deny it.", tag: "denied" });
    await settle();

    expect(server.requests).toEqual([
      { method: "PATCH", path: `/api/annotations/${claimId}`, body: { version: 1, note: "Apple and Amazon deny it." } },
      { method: "PATCH", path: `/api/annotations/${claimId}`, body: { version: 2, tag: "denied" } },
    ]);
    expect(await server.live(claimId)).toMatchObject({ note: "Apple and Amazon deny it.", tag: "denied", version: 3 });
    expect(status().state).toBe("saved");
  });

  it("sends new evidence links whole", async () => {
    const c = await existing({ evidence: ["https://a.example"] });
    sync.set(claimId, { ...c, evidence: ["https://a.example", "https://b.example"] });
    await settle();
    expect(server.requests[0].body).toEqual({ version: 1, evidence: ["https://a.example", "https://b.example"] });
    expect((await server.live(claimId))?.evidence).toEqual(["https://a.example", "https://b.example"]);
  });

  it("sends nothing when the wish equals what the server has", async () => {
    const c = await existing();
    sync.set(claimId, { ...c, updatedAt: "2030-01-01T00:00:00.000Z" });
    await settle();
    expect(server.requests).toEqual([]);
    expect(status().state).toBe("saved");
  });

  it("deletes a claim", async () => {
    await existing();
    sync.set(claimId, null);
    await settle();
    expect(requests()).toEqual([`DELETE /api/annotations/${claimId}`]);
    expect(await server.live(claimId)).toBeUndefined();
    expect(status().state).toBe("saved");
  });

  it("sends nothing for a claim created and deleted before it was saved", async () => {
    sync.set(claimId, claim());
    sync.set(claimId, null);
    await settle();
    expect(server.requests).toEqual([]);
    expect(status().state).toBe("saved");
  });

  it("waits for the reviewer to stop typing and then saves only the last text", async () => {
    sync.dispose();
    sync = newSync({ debounce: 400 });
    const c = await existing();
    for (const note of ["D", "De", "Den", "Deni", "Denied"]) {
      sync.set(claimId, { ...c, note });
      await settle(100);
    }
    expect(server.requests).toEqual([]);
    expect(status().state).toBe("saving");
    await settle(400);
    expect(server.requests).toEqual([{ method: "PATCH", path: `/api/annotations/${claimId}`, body: { version: 1, note: "Denied" } }]);
  });

  it("saves at once on flush, without waiting for the pause", async () => {
    sync.dispose();
    sync = newSync({ debounce: 60_000 });
    const c = await existing();
    sync.set(claimId, { ...c, note: "before leaving" });
    sync.flush();
    await settle();
    expect((await server.live(claimId))?.note).toBe("before leaving");
  });

  it("saves a change made while the previous request was still on its way", async () => {
    const c = await existing();
    let open!: () => void;
    server.gate = new Promise((resolve) => (open = resolve));
    sync.set(claimId, { ...c, note: "first" });
    await settle();
    sync.set(claimId, { ...c, note: "second" });
    await settle();
    server.gate = null;
    open();
    await settle();

    expect((await server.live(claimId))?.note).toBe("second");
    expect(server.requests.map((r) => r.body)).toEqual([
      { version: 1, note: "first" },
      { version: 2, note: "second" },
    ]);
    expect(status().state).toBe("saved");
  });
});

describe("re-attaching an orphan and checking a verdict", () => {
  it("re-attaches an orphan where the reviewer put it, then saves a field changed meanwhile", async () => {
    const orphan = claim();
    sync.loadServerState([await server.seedOrphan(orphan)]);
    const start = articleText.text.indexOf("Bloomberg story");
    const placed = { ...orphan, start, end: start + "Bloomberg story".length, quote: "Bloomberg story", previousQuote: null };
    sync.set(claimId, placed, { immediate: true, reattach: true });
    sync.set(claimId, { ...placed, note: "Placed again." }, { immediate: true });
    await settle();

    expect(server.requests.map(({ method, path, body }) => [method, path, body])).toEqual([
      ["POST", `/api/annotations/${claimId}/reattach`, { version: 1, start: placed.start, end: placed.end }],
      ["PATCH", `/api/annotations/${claimId}`, { version: 2, note: "Placed again." }],
    ]);
    expect(await server.live(claimId)).toMatchObject({ status: "anchored", quote: "Bloomberg story", note: "Placed again." });
    expect(status().state).toBe("saved");
  });

  it("keeps a re-attach made offline, across a reload too, and sends it once the network is back", async () => {
    const orphan = claim();
    const annotation = await server.seedOrphan(orphan);
    sync.loadServerState([annotation]);
    server.down = true;
    const start = articleText.text.indexOf("Bloomberg story");
    const placed = { ...orphan, start, end: start + "Bloomberg story".length, quote: "Bloomberg story", previousQuote: null };
    sync.set(claimId, placed, { immediate: true, reattach: true });
    await settle();
    expect(status()).toMatchObject({ state: "offline", unsaved: new Set([claimId]) });
    expect((await server.live(claimId))?.status).toBe("orphan");
    expect(stored()?.[claimId]).toMatchObject({ claim: { start: placed.start, end: placed.end }, reattach: true });

    // The tab closed offline; the next visit takes the change back and the network returns.
    sync.dispose();
    sync = newSync();
    sync.loadServerState([annotation]);
    const kept = sync.takeStoredChanges().get(claimId)!;
    sync.set(claimId, kept.claim, { immediate: true, revision: kept.revision, reattach: kept.reattach });
    await settle();
    server.down = false;
    sync.retryNow();
    await settle();

    expect(requests()).toEqual([`POST /api/annotations/${claimId}/reattach`]);
    expect(await server.live(claimId)).toMatchObject({ status: "anchored", start: placed.start, quote: "Bloomberg story", version: 2 });
    expect(status()).toMatchObject({ state: "saved", unsaved: new Set() });
    expect(stored()).toBeNull();
  });

  it("re-attaches once when the answer to the first re-attach was lost", async () => {
    const orphan = claim();
    sync.loadServerState([await server.seedOrphan(orphan)]);
    server.dropResponses = true;
    const placed = { ...orphan, previousQuote: null };
    sync.set(claimId, placed, { immediate: true, reattach: true });
    await settle();
    expect(status().state).toBe("offline");
    server.dropResponses = false;
    sync.retryNow();
    await settle();

    expect(requests()).toEqual([`POST /api/annotations/${claimId}/reattach`, `POST /api/annotations/${claimId}/reattach`]);
    expect(await server.live(claimId)).toMatchObject({ status: "anchored", version: 2 });
    expect(status()).toMatchObject({ state: "saved", unsaved: new Set() });
  });

  it("sends a checked verdict as previousQuote null, retried like any change", async () => {
    const c = claim();
    const annotation = await server.seedWordsChanged(c);
    sync.loadServerState([annotation]);
    server.down = true;
    sync.set(claimId, { ...c, quote: annotation.quote, previousQuote: null }, { immediate: true });
    await settle();
    expect(status()).toMatchObject({ state: "offline", unsaved: new Set([claimId]) });
    server.down = false;
    sync.retryNow();
    await settle();

    expect(server.requests.map(({ method, body }) => [method, body])).toEqual([["PATCH", { version: annotation.version, previousQuote: null }]]);
    expect((await server.live(claimId))?.previousQuote).toBeNull();
    expect(status().state).toBe("saved");
  });

  it("does not clear the words-changed notice of a claim the reviewer only edited", async () => {
    const c = claim();
    const annotation = await server.seedWordsChanged(c);
    sync.loadServerState([annotation]);
    sync.set(claimId, { ...c, previousQuote: annotation.previousQuote, note: "Still disputed." }, { immediate: true });
    await settle();

    expect(server.requests.map(({ body }) => body)).toEqual([{ version: annotation.version, note: "Still disputed." }]);
    expect((await server.live(claimId))?.previousQuote).toBe("spy chips");
  });
});

describe("undoing a delete", () => {
  it("restores the claim with its id, and sends no PATCH when its fields are those the server kept", async () => {
    const c = await existing({ note: "kept" });
    sync.set(claimId, null);
    await settle();
    sync.set(claimId, c);
    await settle();

    expect(requests()).toEqual([`DELETE /api/annotations/${claimId}`, `POST /api/annotations/${claimId}/restore`]);
    expect(await server.live(claimId)).toMatchObject({ id: claimId, note: "kept" });
    expect(status().state).toBe("saved");
  });

  it("restores then patches when the claim put back differs from what the server kept", async () => {
    // An edit and a delete within the debounce: only the delete reaches the server.
    sync.dispose();
    sync = newSync({ debounce: 400 });
    const c = await existing({ note: "old" });
    sync.set(claimId, { ...c, note: "new" });
    sync.set(claimId, null, { immediate: true });
    await settle();
    expect(requests()).toEqual([`DELETE /api/annotations/${claimId}`]);

    sync.set(claimId, { ...c, note: "new" }, { immediate: true });
    await settle();
    expect(requests().slice(1)).toEqual([`POST /api/annotations/${claimId}/restore`, `PATCH /api/annotations/${claimId}`]);
    // DELETE made version 2 and restore version 3; the PATCH builds on that.
    expect(server.requests[2].body).toEqual({ version: 3, note: "new" });
    expect(await server.live(claimId)).toMatchObject({ note: "new", version: 4 });
  });

  it("brings back a claim undone after creation (redo) with the same id", async () => {
    const c = claim();
    sync.set(claimId, c);
    await settle();
    sync.set(claimId, null);
    await settle();
    sync.set(claimId, c);
    await settle();
    expect(requests()).toEqual([
      `POST /api/documents/${slug}/annotations`,
      `DELETE /api/annotations/${claimId}`,
      `POST /api/annotations/${claimId}/restore`,
    ]);
    expect((await server.live(claimId))?.id).toBe(claimId);
  });
});

describe("when the server cannot be reached", () => {
  it("says offline, keeps the claim unsaved and in storage, then saves it when the server is back", async () => {
    server.down = true;
    const c = claim();
    sync.set(claimId, c);
    await settle();

    expect(status().state).toBe("offline");
    expect(status().unsaved).toEqual(new Set([claimId]));
    expect(status().retryAt).toBeGreaterThan(Date.now());
    expect(sync.hasUnsaved()).toBe(true);
    expect(stored()).toEqual({ [claimId]: { claim: c, revision: pageRevision } });

    server.down = false;
    await settle(status().retryAt! - Date.now());

    expect(await server.live(claimId)).toMatchObject({ id: claimId, quote: "spy chips" });
    expect(status()).toMatchObject({ state: "saved", unsaved: new Set(), retryAt: null });
    expect(sync.hasUnsaved()).toBe(false);
    expect(stored()).toBeNull();
  });

  it("keeps retrying, waiting longer each time, until the server answers", async () => {
    server.down = true;
    sync.set(claimId, claim());
    await settle();
    const firstWait = status().retryAt! - Date.now();
    await settle(firstWait);
    const secondWait = status().retryAt! - Date.now();
    expect(status().state).toBe("offline");
    expect(secondWait).toBeGreaterThan(firstWait);

    server.down = false;
    await settle(secondWait);
    expect(await server.live(claimId)).toBeDefined();
    expect(status().state).toBe("saved");
  });

  it("retries at once when told the browser is online again", async () => {
    server.down = true;
    sync.set(claimId, claim());
    await settle();
    server.down = false;
    sync.retryNow();
    await settle();
    expect(await server.live(claimId)).toBeDefined();
    expect(status().state).toBe("saved");
  });

  it("treats a 5xx answer like a lost connection", async () => {
    server.failWith = 503;
    const c = await existing();
    sync.set(claimId, { ...c, note: "x" });
    await settle();
    expect(status().state).toBe("offline");
    expect(stored()).toEqual({ [claimId]: { claim: { ...c, note: "x" }, revision: pageRevision, base: 1 } });

    server.failWith = null;
    sync.retryNow();
    await settle();
    expect((await server.live(claimId))?.note).toBe("x");
    expect(stored()).toBeNull();
  });

  it("retries a create answered 503 database_unavailable, and the claim the server kept is saved once", async () => {
    server.unavailableAfterWork = true;
    sync.set(claimId, claim());
    await settle();
    expect(status().state).toBe("offline");
    expect(status().refused.size).toBe(0);

    server.unavailableAfterWork = false;
    sync.retryNow();
    await settle();
    expect(status().state).toBe("saved");
    const creates = server.requests.filter((request) => request.method === "POST");
    expect(creates.map((request) => (request.body as { id: string }).id)).toEqual([claimId, claimId]);
    expect((await server.list()).map((a) => a.id)).toEqual([claimId]);
  });

  it("never loses changes made while offline: the latest of each claim is saved", async () => {
    const c = await existing();
    server.down = true;
    sync.set(claimId, { ...c, note: "one" });
    await settle();
    sync.set(claimId, { ...c, note: "one two", tag: "denied" });
    sync.set(otherId, otherClaim({ tag: "unverified" }));
    await settle();
    expect(status().unsaved).toEqual(new Set([claimId, otherId]));
    expect(Object.keys(stored()!)).toEqual([claimId, otherId]);
    expect(stored()![claimId].claim).toMatchObject({ note: "one two", tag: "denied" });

    server.down = false;
    sync.retryNow();
    await settle();
    expect(await server.live(claimId)).toMatchObject({ note: "one two", tag: "denied" });
    expect(await server.live(otherId)).toMatchObject({ tag: "unverified" });
    expect(status().state).toBe("saved");
    expect(stored()).toBeNull();
  });

  it("keeps a delete made while offline and sends it when the server is back", async () => {
    await existing();
    server.down = true;
    sync.set(claimId, null);
    await settle();
    expect(stored()).toEqual({ [claimId]: { claim: null, revision: pageRevision } });
    server.down = false;
    sync.retryNow();
    await settle();
    expect(await server.live(claimId)).toBeUndefined();
    expect(stored()).toBeNull();
  });

  it("hands the unsaved changes to the next visit, which saves them", async () => {
    const c = await existing();
    server.down = true;
    sync.set(claimId, { ...c, note: "typed before the tab closed" });
    await settle();
    sync.dispose();

    server.down = false;
    const next = newSync();
    next.loadServerState([(await server.live(claimId))!]);
    const changes = next.takeStoredChanges();
    expect(changes).toEqual(new Map([[claimId, { claim: { ...c, note: "typed before the tab closed" }, revision: pageRevision, base: 1 }]]));
    for (const [id, { claim: wish, revision }] of changes) next.set(id, wish, { immediate: true, revision });
    await settle();
    expect((await server.live(claimId))?.note).toBe("typed before the tab closed");
    expect(stored()).toBeNull();
    next.dispose();
  });

  it("names the revision new claims' offsets count in, and keeps it for a claim carried over a revision", async () => {
    sync.set(claimId, claim());
    await settle();
    expect(server.requests[0].body).toMatchObject({ id: claimId, revision: pageRevision });

    // A claim made on revision 3 and kept unsaved; the next visit shows revision 4.
    server.down = true;
    sync.set(otherId, otherClaim());
    await settle();
    sync.dispose();
    server.down = false;
    const next = newSync({ revision: pageRevision + 1 });
    const [[id, change]] = [...next.takeStoredChanges()];
    expect(change.revision).toBe(pageRevision);
    next.set(id, change.claim, { immediate: true, revision: change.revision });
    await settle();
    expect(server.requests.at(-1)).toMatchObject({ method: "POST", body: { id: otherId, revision: pageRevision } });
    next.dispose();
  });

  it("reads changes kept by an earlier editor, which stored the claims alone", async () => {
    const c = claim();
    storage.setItem(storageKey, JSON.stringify({ [claimId]: c, [otherId]: null }));
    expect(sync.takeStoredChanges()).toEqual(
      new Map<string, StoredChange>([
        [claimId, { claim: c }],
        [otherId, { claim: null }],
      ]),
    );
  });

  it("once disposed, finishes what was sent but no longer calls back into the editor", async () => {
    let open!: () => void;
    server.gate = new Promise((resolve) => (open = resolve));
    sync.set(claimId, claim(), { immediate: true });
    await settle();
    const reports = statuses.length;
    sync.dispose();
    sync.set(otherId, otherClaim(), { immediate: true });
    open();
    server.gate = null;
    await settle();
    expect(await server.live(claimId)).toBeDefined();
    expect(await server.live(otherId)).toBeUndefined();
    expect(saved).toEqual([]);
    expect(statuses.length).toBe(reports);
    expect(stored()).toBeNull();
  });

  it("forgets a refused claim when asked, in storage too", async () => {
    sync.set(claimId, claim(claimId, { start: 0, end: 9999 }));
    await settle();
    expect(status().state).toBe("refused");
    sync.forget(claimId);
    expect(status()).toMatchObject({ state: "saved", unsaved: new Set(), refused: new Map() });
    expect(stored()).toBeNull();
  });

  it("does not make a second claim when retrying a create whose answer was lost", async () => {
    server.dropResponses = true;
    sync.set(claimId, claim());
    await settle();
    expect(status().state).toBe("offline");

    server.dropResponses = false;
    sync.retryNow();
    await settle();
    expect(requests()).toEqual([`POST /api/documents/${slug}/annotations`, `POST /api/documents/${slug}/annotations`]);
    expect(await server.list()).toHaveLength(1);
    expect(status().state).toBe("saved");
  });

  it("deletes a claim whose create reached the server although its answer was lost", async () => {
    server.dropResponses = true;
    sync.set(claimId, claim());
    await settle();
    server.dropResponses = false;
    // The reviewer deletes the claim before the retry: the server still holds it.
    sync.set(claimId, null);
    await settle();
    sync.retryNow();
    await settle();
    expect(await server.live(claimId)).toBeUndefined();
  });

  it("says saved again once the change is saved, even before the scheduled retry", async () => {
    const c = await existing();
    server.down = true;
    sync.set(claimId, { ...c, note: "a" });
    await settle();
    expect(status().state).toBe("offline");

    // The connection comes back and the reviewer edits the same claim again.
    server.down = false;
    sync.set(claimId, { ...c, note: "ab" });
    await settle();
    expect((await server.live(claimId))?.note).toBe("ab");
    await settle(60_000); // long past the scheduled retry

    expect(status()).toMatchObject({ state: "saved", unsaved: new Set() });
  });
});

describe("when someone else changed the claim (409)", () => {
  it("re-applies the reviewer's change on the server's version", async () => {
    const c = await existing();
    await server.editElsewhere(claimId, { claimant: "Tim Cook" });
    sync.set(claimId, { ...c, note: "mine" });
    await settle();

    expect(server.requests).toHaveLength(2);
    expect(server.requests[0].body).toEqual({ version: 1, note: "mine" });
    expect(server.requests[1].body).toMatchObject({ version: 2, note: "mine" });
    expect(await server.live(claimId)).toMatchObject({ note: "mine", version: 3 });
    expect(status().state).toBe("saved");
  });

  it("names the version its change was made on, so the server keeps a field both changed as an open conflict (and no other)", async () => {
    const c = await existing();
    await server.editElsewhere(claimId, { claimant: "Tim Cook", note: "theirs" });
    sync.set(claimId, { ...c, claimant: "Andy Jassy", tag: "denied" });
    await settle();
    expect(server.requests[1].body).toEqual({ version: 2, baseVersion: 1, claimant: "Andy Jassy", tag: "denied" });
    const live = (await server.live(claimId))!;
    expect(live).toMatchObject({ claimant: "Andy Jassy", note: "theirs", tag: "denied" });
    expect(live.conflicts.map(({ field, values }) => [field, values.map((v) => [v.value, v.by.name])])).toEqual([
      [
        "claimant",
        [
          ["Tim Cook", "Grace"],
          ["Andy Jassy", "Ada"],
        ],
      ],
    ]);
    // Saved: the next change is made on the saved version, and replaces nobody's.
    sync.set(claimId, { ...c, claimant: "Andy Jassy", tag: "denied", note: "mine" });
    await settle();
    expect(server.requests[2].body).toEqual({ version: 3, note: "mine" });
    expect((await server.live(claimId))!.conflicts).toHaveLength(1);
  });

  it("keeps a version when the reviewer picks it: the field takes it, the conflict closes, the claim is saved", async () => {
    const c = await existing();
    await server.editElsewhere(claimId, { note: "theirs" });
    sync.set(claimId, { ...c, note: "mine" });
    await settle();
    const [conflict] = (await server.live(claimId))!.conflicts;
    const answer = await sync.pickConflict(claimId, conflict.id, 0);
    expect(answer).toMatchObject({ annotation: { note: "theirs", conflicts: [] } });
    await settle();
    expect(await server.live(claimId)).toMatchObject({ note: "theirs", conflicts: [] });
    expect(status()).toMatchObject({ state: "saved", unsaved: new Set() });
    // Picked already (by anyone): the server's reason comes back.
    expect(await sync.pickConflict(claimId, conflict.id, 1)).toEqual({ refused: expect.stringMatching(/picked a version of this field already/) });
  });

  it("stops when the other change already says what the reviewer wants", async () => {
    const c = await existing();
    await server.editElsewhere(claimId, { tag: "denied" });
    sync.set(claimId, { ...c, tag: "denied" });
    await settle();
    expect(server.requests).toHaveLength(1);
    expect(status().state).toBe("saved");
  });

  it("does not restore a claim deleted elsewhere: the change is refused with who deleted it, and kept", async () => {
    const c = await existing();
    await server.deleteElsewhere(claimId);
    sync.set(claimId, { ...c, note: "still relevant" });
    await settle();
    expect(requests()).toEqual([`PATCH /api/annotations/${claimId}`]);
    expect(await server.live(claimId)).toBeUndefined();
    expect(status().state).toBe("refused");
    expect(status().deletedElsewhere.get(claimId)).toMatchObject({ by: "Grace" });
    expect(stored()![claimId].claim).toMatchObject({ note: "still relevant" });
  });

  it("restores with the reviewer's change when they ask", async () => {
    const c = await existing();
    await server.deleteElsewhere(claimId);
    sync.set(claimId, { ...c, note: "still relevant" });
    await settle();
    sync.restoreWithChange(claimId);
    await settle();
    expect(requests()).toEqual([
      `PATCH /api/annotations/${claimId}`,
      `POST /api/annotations/${claimId}/restore`,
      `PATCH /api/annotations/${claimId}`,
    ]);
    expect((await server.live(claimId))?.note).toBe("still relevant");
    expect(status()).toMatchObject({ state: "saved", deletedElsewhere: new Map() });
  });

  it("drops the reviewer's change when they discard it, and leaves the claim deleted", async () => {
    const c = await existing();
    await server.deleteElsewhere(claimId);
    sync.set(claimId, { ...c, note: "still relevant" });
    await settle();
    sync.discardDeleted(claimId);
    await settle();
    expect(requests()).toEqual([`PATCH /api/annotations/${claimId}`]);
    expect(await server.live(claimId)).toBeUndefined();
    expect(status()).toMatchObject({ state: "saved", deletedElsewhere: new Map() });
    expect(stored()).toBeNull();
  });
});

describe("the same words twice", () => {
  it("drops a new claim on words another claim has, once, and names that claim and who tagged it", async () => {
    const notices: { id: string; existing: Annotation; message: string }[] = [];
    sync = new ClaimSync({
      documentSlug: slug,
      fetch: server.fetch,
      storage,
      debounce: 0,
      onStatus: (s) => statuses.push(s),
      onSameWords: (n) => notices.push(n),
    });
    const theirs = await server.seed(claim(otherId, { tag: "denied" }));
    sync.set(claimId, claim(claimId, { tag: "unverified" }));
    await settle(60_000);
    expect(requests()).toEqual([`POST /api/documents/${slug}/annotations`]);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ id: claimId, existing: { id: theirs.id, tag: "denied" } });
    expect(notices[0].message).toMatch(/^Ada already tagged these words denied/);
    expect(status()).toMatchObject({ state: "saved", unsaved: new Set() });
    expect(stored()).toBeNull();
  });
});

describe("news from the live feed", () => {
  it("shows another reviewer's change to a claim this reviewer has not touched", async () => {
    const c = await existing();
    await server.editElsewhere(claimId, { tag: "denied" });
    const theirs = (await server.live(claimId))!;
    expect(sync.receive(theirs)).toEqual({ kind: "put", fields: { tag: "denied", note: c.note, claimant: c.claimant, evidence: c.evidence } });
    // Then this reviewer's change goes on their version, with no conflict.
    sync.set(claimId, { ...c, tag: "denied", note: "mine" });
    await settle();
    expect(requests()).toEqual([`PATCH /api/annotations/${claimId}`]);
    expect(await server.live(claimId)).toMatchObject({ tag: "denied", note: "mine" });
  });

  it("changes nothing for this reviewer's own change echoed back, nor for older news", async () => {
    const c = await existing();
    sync.set(claimId, { ...c, note: "mine" });
    await settle();
    const mine = (await server.live(claimId))!;
    expect(sync.receive(mine)).toEqual({ kind: "none" });
    expect(sync.receive({ ...mine, version: 1, note: c.note })).toEqual({ kind: "none" });
    expect(status().state).toBe("saved");
  });

  it("draws a claim created elsewhere, and removes one deleted elsewhere", async () => {
    const created = await server.seed(otherClaim({ note: "theirs" }));
    expect(sync.receive(created)).toMatchObject({ kind: "put", fields: { note: "theirs" } });
    await server.deleteElsewhere(otherId);
    expect(sync.receive({ ...created, deletedAt: new Date().toISOString() })).toEqual({ kind: "remove" });
    await settle();
    expect(server.requests).toHaveLength(0);
  });

  it("merges another reviewer's change into unsaved changes: their fields kept where this reviewer changed none", async () => {
    const c = await existing();
    server.down = true;
    sync.set(claimId, { ...c, note: "mine" });
    await settle();
    await server.editElsewhere(claimId, { tag: "denied", note: "theirs" });
    const theirs = (await server.live(claimId))!;
    expect(sync.receive(theirs)).toMatchObject({ kind: "put", fields: { tag: "denied", note: "mine" } });
    server.down = false;
    sync.retryNow();
    await settle();
    expect(await server.live(claimId)).toMatchObject({ tag: "denied", note: "mine" });
    // Both changed the note: the server keeps theirs beside it; the tag was only theirs.
    expect((await server.live(claimId))!.conflicts.map((conflict) => conflict.field)).toEqual(["note"]);
  });

  it("keeps the version an unsaved change was made on across a reload: a field someone changed meanwhile becomes a conflict", async () => {
    const c = await existing();
    server.down = true;
    sync.set(claimId, { ...c, note: "typed before the reload" });
    await settle();
    expect(stored()![claimId]).toMatchObject({ base: 1 });
    await server.editElsewhere(claimId, { note: "theirs" });
    sync.dispose();

    // The next visit: the page loads the claim as it now is, then what was kept.
    server.down = false;
    sync = newSync();
    sync.loadServerState([(await server.live(claimId))!]);
    const kept = sync.takeStoredChanges();
    sync.set(claimId, kept.get(claimId)!.claim, { immediate: true });
    await settle();
    expect(server.requests.at(-1)?.body).toEqual({ version: 2, baseVersion: 1, note: "typed before the reload" });
    const live = (await server.live(claimId))!;
    expect(live.note).toBe("typed before the reload");
    expect(live.conflicts.map((conflict) => conflict.values.map((v) => v.value))).toEqual([["theirs", "typed before the reload"]]);
  });

  it("merges news that touched none of this reviewer's fields as the base of what follows: no conflict", async () => {
    const c = await existing();
    server.down = true;
    sync.set(claimId, { ...c, note: "mine" });
    await settle();
    await server.editElsewhere(claimId, { tag: "denied" });
    expect(sync.receive((await server.live(claimId))!)).toMatchObject({ kind: "put", fields: { tag: "denied", note: "mine" } });
    server.down = false;
    sync.retryNow();
    await settle();
    expect(await server.live(claimId)).toMatchObject({ tag: "denied", note: "mine", conflicts: [] });
  });

  it("holds news that comes while a request is on its way, so an undo made meanwhile is not lost to the request's own echo", async () => {
    const held: Annotation[] = [];
    sync = new ClaimSync({ documentSlug: slug, fetch: server.fetch, storage, debounce: 0, onStatus: () => {}, onHeldNews: (a) => held.push(a) });
    const c = await existing({ tag: "disputed" });
    const seeded = (await server.live(claimId))!;
    let open!: () => void;
    server.gate = new Promise((resolve) => (open = resolve));
    sync.set(claimId, { ...c, tag: "denied" });
    await settle();
    sync.set(claimId, { ...c, tag: "disputed" }); // undone while the retag is on its way
    // The retag's echo comes before its answer: nothing is shown of it yet.
    const echo = { ...seeded, tag: "denied" as const, version: 2 };
    expect(sync.receive(echo)).toEqual({ kind: "none" });
    server.gate = null;
    open();
    await settle();
    expect(held).toEqual([echo]);
    expect(sync.receive(held[0])).toEqual({ kind: "none" });
    expect(await server.live(claimId)).toMatchObject({ tag: "disputed", version: 3 });
  });

  it("keeps unsaved changes to a claim deleted elsewhere, for the reviewer to decide", async () => {
    const c = await existing();
    server.down = true;
    sync.set(claimId, { ...c, note: "mine" });
    await settle();
    const before = (await server.live(claimId))!;
    await server.deleteElsewhere(claimId);
    expect(sync.receive({ ...before, deletedAt: new Date().toISOString() })).toEqual({ kind: "none" });
    server.down = false;
    sync.retryNow();
    await settle();
    expect(await server.live(claimId)).toBeUndefined();
    expect(status().deletedElsewhere.has(claimId)).toBe(true);
  });
});

describe("when the server refuses a change (4xx)", () => {
  it("says refused with the server's message and does not retry", async () => {
    const c = await existing();
    sync.set(claimId, { ...c, evidence: ["javascript:alert(1)"] });
    await settle();

    expect(status().state).toBe("refused");
    expect(status().refused).toEqual(new Map([[claimId, "evidence.0: evidence links must be http or https URLs"]]));
    expect(status().unsaved).toEqual(new Set([claimId]));

    sync.retryNow();
    await settle(60_000);
    expect(server.requests).toHaveLength(1);
    expect(status().state).toBe("refused");
  });

  it("drops a refused change when asked, and answers what the server holds to show again; a new claim it never took, nothing", async () => {
    const c = await existing();
    sync.set(claimId, { ...c, tag: "denied", evidence: ["javascript:alert(1)"] });
    await settle();
    expect(status().state).toBe("refused");
    expect(sync.discardRefused(claimId)).toEqual({ tag: c.tag, note: c.note, claimant: c.claimant, evidence: c.evidence });
    expect(status()).toMatchObject({ state: "saved", unsaved: new Set(), refused: new Map() });
    expect(stored()).toBeNull();

    sync.set(otherId, otherClaim({ start: 0, end: 9999 }));
    await settle();
    expect(status().state).toBe("refused");
    expect(sync.discardRefused(otherId)).toBeNull();
    expect(status().state).toBe("saved");
  });

  it("tries again when the reviewer changes the refused claim", async () => {
    const c = await existing();
    sync.set(claimId, { ...c, evidence: ["javascript:alert(1)"] });
    await settle();
    sync.set(claimId, { ...c, evidence: ["https://example.com"] });
    await settle();
    expect((await server.live(claimId))?.evidence).toEqual(["https://example.com"]);
    expect(status()).toMatchObject({ state: "saved", refused: new Map() });
  });

  it("gives a message of its own when the server sends none", async () => {
    server.failWith = 403;
    sync.set(claimId, claim());
    await settle();
    expect(status().refused.get(claimId)).toBe("The server refused the change (HTTP 403).");
  });
});
