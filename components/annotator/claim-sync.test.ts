import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Annotation, ClaimFields } from "@/lib/annotation";
import { checkRange, describeRange } from "@/lib/selectors";
import { CodePointIndex } from "@/lib/text-offsets";
import { createAnnotationInput, describeIssues, patchAnnotationInput, reattachAnnotationInput } from "@/lib/validation";
import type { Claim } from "./claim";
import { ClaimSync, type OverwriteNotice, type StoredChange, type SyncStatus } from "./claim-sync";
import { testClaim } from "./test-editor";

const slug = "jassy";
const storageKey = `factcheck:unsaved:${slug}`;
const articleText = new CodePointIndex("Andy Jassy said the Bloomberg story on spy chips was wrong and should be retracted.");

/**
 * An in-memory stand-in for the claims API, answering as the route handlers
 * do: the same paths, status codes, JSON shapes and validation. It can be
 * taken down (fetch rejects, as on a lost connection) or made to drop its
 * answers after doing the work (the request arrived, the response did not).
 */
class FakeServer {
  readonly claims = new Map<string, { annotation: Annotation; deleted: boolean }>();
  readonly requests: { method: string; path: string; body: unknown }[] = [];
  down = false;
  dropResponses = false;
  failWith: number | null = null;
  /** Does the work, then answers the app's 503 (the database went away before the answer). */
  unavailableAfterWork = false;
  /** While set, requests wait for it before being answered. */
  gate: Promise<void> | null = null;
  private clock = 0;

  readonly fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const path = String(input);
    const method = init.method ?? "GET";
    const body = init.body === undefined ? undefined : JSON.parse(String(init.body));
    if (this.gate) await this.gate;
    if (this.down) throw new TypeError("fetch failed");
    // A sync that loops on the same answer would spin in microtasks forever and
    // hang the run instead of failing it; stop it here and let the assertions fail.
    if (this.requests.length >= 100) throw new TypeError("the fake server got too many requests");
    this.requests.push({ method, path, body });
    // A proxy or load balancer answering for the app: no JSON error body.
    if (this.failWith) return new Response("Service unavailable", { status: this.failWith });
    const response = this.answer(method, path, body);
    if (this.dropResponses) throw new TypeError("network connection was lost");
    if (this.unavailableAfterWork) {
      return Response.json(
        { error: { code: "database_unavailable", message: "The database cannot be reached." } },
        { status: 503, headers: { "retry-after": "5" } },
      );
    }
    return response;
  };

  /** A claim as another reviewer, elsewhere, changes it. */
  editElsewhere(id: string, changes: Partial<Annotation>): void {
    const stored = this.claims.get(id)!;
    stored.annotation = { ...stored.annotation, ...changes, version: stored.annotation.version + 1, updatedBy: "Grace" };
  }

  deleteElsewhere(id: string): void {
    const stored = this.claims.get(id)!;
    stored.deleted = true;
    stored.annotation = { ...stored.annotation, version: stored.annotation.version + 1 };
  }

  live(id: string): Annotation | undefined {
    const stored = this.claims.get(id);
    return stored && !stored.deleted ? stored.annotation : undefined;
  }

  seed(claim: Claim): Annotation {
    const { tag, note, claimant, evidence } = claim;
    const annotation = this.annotationOf(claim.id, claim.start, claim.end, { tag, note, claimant, evidence });
    this.claims.set(claim.id, { annotation, deleted: false });
    return annotation;
  }

  /** A claim whose words the latest revision lost, waiting in the Orphans panel. */
  seedOrphan(claim: Claim): Annotation {
    const annotation: Annotation = { ...this.seed(claim), status: "orphan" };
    this.claims.set(claim.id, { annotation, deleted: false });
    return annotation;
  }

  private answer(method: string, path: string, body: unknown): Response {
    let match: RegExpMatchArray | null;
    if (method === "POST" && (match = path.match(/^\/api\/annotations\/([^/]+)\/reattach$/))) {
      const stored = this.claims.get(match[1]);
      const parsed = reattachAnnotationInput.safeParse(body);
      if (!parsed.success) return error(400, "invalid_body", describeIssues(parsed.error));
      if (!stored || stored.deleted) return error(404, "not_found", "Claim was not found.");
      if (stored.annotation.status !== "orphan") return error(409, "not_orphan", "Only an orphan can be re-attached.");
      const { version, start, end } = parsed.data;
      if (stored.annotation.version !== version) {
        return Response.json(
          { error: { code: "version_conflict", message: `The claim changed since version ${version}.` }, annotation: stored.annotation },
          { status: 409 },
        );
      }
      const { exact: quote, prefix, suffix } = describeRange(articleText, start, end);
      stored.annotation = this.bump(stored.annotation, { start, end, quote, prefix, suffix, status: "anchored", previousQuote: null });
      return Response.json({ annotation: stored.annotation });
    }
    if (method === "POST" && (match = path.match(/^\/api\/documents\/([^/]+)\/annotations$/))) {
      if (match[1] !== slug) return error(404, "not_found", "Article was not found.");
      const parsed = createAnnotationInput.safeParse(body);
      if (!parsed.success) return error(400, "invalid_body", describeIssues(parsed.error));
      const { id = crypto.randomUUID(), start, end, ...fields } = parsed.data;
      const problem = checkRange(articleText.length, start, end);
      if (problem) return error(400, "invalid_range", problem);
      const existing = this.claims.get(id);
      if (existing) {
        const same = existing.annotation.start === start && existing.annotation.end === end;
        return same ? Response.json({ annotation: existing.annotation }) : error(409, "id_taken", "Another claim already has this id.");
      }
      const annotation = this.annotationOf(id, start, end, fields);
      this.claims.set(id, { annotation, deleted: false });
      return Response.json({ annotation }, { status: 201 });
    }
    if ((match = path.match(/^\/api\/annotations\/([^/]+)(\/restore)?$/))) {
      const stored = this.claims.get(match[1]);
      if (method === "POST" && match[2]) {
        if (!stored) return error(404, "not_found", "Claim was not found.");
        if (stored.deleted) {
          stored.deleted = false;
          stored.annotation = this.bump(stored.annotation, {});
        }
        return Response.json({ annotation: stored.annotation });
      }
      if (method === "DELETE") {
        if (!stored) return error(404, "not_found", "Claim was not found.");
        if (!stored.deleted) {
          stored.deleted = true;
          stored.annotation = this.bump(stored.annotation, {});
        }
        return new Response(null, { status: 204 });
      }
      if (method === "PATCH") {
        const parsed = patchAnnotationInput.safeParse(body);
        if (!parsed.success) return error(400, "invalid_body", describeIssues(parsed.error));
        const { version, ...changes } = parsed.data;
        if (!stored || stored.deleted) return error(404, "not_found", "Claim was not found.");
        if (stored.annotation.version !== version) {
          return Response.json(
            { error: { code: "version_conflict", message: `The claim changed since version ${version}.` }, annotation: stored.annotation },
            { status: 409 },
          );
        }
        stored.annotation = this.bump(stored.annotation, changes);
        return Response.json({ annotation: stored.annotation });
      }
    }
    return error(404, "not_found", "No such route.");
  }

  private annotationOf(id: string, start: number, end: number, fields: Partial<ClaimFields>): Annotation {
    const anchor = describeRange(articleText, start, end);
    const now = new Date(Date.UTC(2024, 0, 1, 0, 0, this.clock++)).toISOString();
    return {
      id,
      documentId: "doc-1",
      status: "anchored",
      previousQuote: null,
      createdRevision: 1,
      anchoredRevision: 1,
      start,
      end,
      quote: anchor.exact,
      prefix: anchor.prefix,
      suffix: anchor.suffix,
      tag: fields.tag ?? "disputed",
      note: fields.note ?? "",
      claimant: fields.claimant ?? "",
      evidence: fields.evidence ?? [],
      createdBy: "Ada",
      updatedBy: "Ada",
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
  }

  private bump(annotation: Annotation, changes: Partial<Annotation>): Annotation {
    const now = new Date(Date.UTC(2024, 0, 1, 0, 0, this.clock++)).toISOString();
    return { ...annotation, ...changes, version: annotation.version + 1, updatedBy: "Ada", updatedAt: now };
  }
}

function error(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status });
}

/** localStorage as far as ClaimSync uses it. */
class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
  removeItem = (key: string) => void this.items.delete(key);
}

const claimId = "0b6c3f0e-8d6a-4f44-9f3b-4c1f2d9d2a11";
const otherId = "5d1e7f3a-2b4c-4e6d-8f9a-1b2c3d4e5f60";

function claim(id = claimId, fields: Partial<Claim> = {}): Claim {
  const start = articleText.text.indexOf("spy chips");
  return testClaim(id, start, start + "spy chips".length, { quote: "spy chips", ...fields });
}

let server: FakeServer;
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
  for (let i = 0; i < 5; i++) await vi.advanceTimersByTimeAsync(0);
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  server = new FakeServer();
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
function existing(fields: Partial<Claim> = {}): Claim {
  const c = claim(claimId, fields);
  sync.loadServerState([server.seed(c)]);
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
    expect(server.live(claimId)).toMatchObject({ id: claimId, quote: "spy chips", version: 1 });
    expect(status()).toMatchObject({ state: "saved", unsaved: new Set(), retryAt: null });
    expect(saved.map((a) => a.id)).toEqual([claimId]);
  });

  it("sends an edit as a PATCH of the changed fields, based on the version the server gave", async () => {
    const c = existing();
    sync.set(claimId, { ...c, note: "Apple and Amazon deny it." });
    await settle();
    sync.set(claimId, { ...c, note: "Apple and Amazon deny it.", tag: "denied" });
    await settle();

    expect(server.requests).toEqual([
      { method: "PATCH", path: `/api/annotations/${claimId}`, body: { version: 1, note: "Apple and Amazon deny it." } },
      { method: "PATCH", path: `/api/annotations/${claimId}`, body: { version: 2, tag: "denied" } },
    ]);
    expect(server.live(claimId)).toMatchObject({ note: "Apple and Amazon deny it.", tag: "denied", version: 3 });
    expect(status().state).toBe("saved");
  });

  it("sends new evidence links whole", async () => {
    const c = existing({ evidence: ["https://a.example"] });
    sync.set(claimId, { ...c, evidence: ["https://a.example", "https://b.example"] });
    await settle();
    expect(server.requests[0].body).toEqual({ version: 1, evidence: ["https://a.example", "https://b.example"] });
    expect(server.live(claimId)?.evidence).toEqual(["https://a.example", "https://b.example"]);
  });

  it("sends nothing when the wish equals what the server has", async () => {
    const c = existing();
    sync.set(claimId, { ...c, updatedAt: "2030-01-01T00:00:00.000Z" });
    await settle();
    expect(server.requests).toEqual([]);
    expect(status().state).toBe("saved");
  });

  it("deletes a claim", async () => {
    existing();
    sync.set(claimId, null);
    await settle();
    expect(requests()).toEqual([`DELETE /api/annotations/${claimId}`]);
    expect(server.live(claimId)).toBeUndefined();
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
    const c = existing();
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
    const c = existing();
    sync.set(claimId, { ...c, note: "before leaving" });
    sync.flush();
    await settle();
    expect(server.live(claimId)?.note).toBe("before leaving");
  });

  it("saves a change made while the previous request was still on its way", async () => {
    const c = existing();
    let open!: () => void;
    server.gate = new Promise((resolve) => (open = resolve));
    sync.set(claimId, { ...c, note: "first" });
    await settle();
    sync.set(claimId, { ...c, note: "second" });
    await settle();
    server.gate = null;
    open();
    await settle();

    expect(server.live(claimId)?.note).toBe("second");
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
    sync.loadServerState([server.seedOrphan(orphan)]);
    const start = articleText.text.indexOf("Bloomberg story");
    const placed = { ...orphan, start, end: start + "Bloomberg story".length, quote: "Bloomberg story", previousQuote: null };
    sync.set(claimId, placed, { immediate: true, reattach: true });
    sync.set(claimId, { ...placed, note: "Placed again." }, { immediate: true });
    await settle();

    expect(server.requests.map(({ method, path, body }) => [method, path, body])).toEqual([
      ["POST", `/api/annotations/${claimId}/reattach`, { version: 1, start: placed.start, end: placed.end }],
      ["PATCH", `/api/annotations/${claimId}`, { version: 2, note: "Placed again." }],
    ]);
    expect(server.live(claimId)).toMatchObject({ status: "anchored", quote: "Bloomberg story", note: "Placed again." });
    expect(status().state).toBe("saved");
  });

  it("keeps a re-attach made offline, across a reload too, and sends it once the network is back", async () => {
    const orphan = claim();
    const annotation = server.seedOrphan(orphan);
    sync.loadServerState([annotation]);
    server.down = true;
    const start = articleText.text.indexOf("Bloomberg story");
    const placed = { ...orphan, start, end: start + "Bloomberg story".length, quote: "Bloomberg story", previousQuote: null };
    sync.set(claimId, placed, { immediate: true, reattach: true });
    await settle();
    expect(status()).toMatchObject({ state: "offline", unsaved: new Set([claimId]) });
    expect(server.live(claimId)?.status).toBe("orphan");
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
    expect(server.live(claimId)).toMatchObject({ status: "anchored", start: placed.start, quote: "Bloomberg story", version: 2 });
    expect(status()).toMatchObject({ state: "saved", unsaved: new Set() });
    expect(stored()).toBeNull();
  });

  it("re-attaches once when the answer to the first re-attach was lost", async () => {
    const orphan = claim();
    sync.loadServerState([server.seedOrphan(orphan)]);
    server.dropResponses = true;
    const placed = { ...orphan, previousQuote: null };
    sync.set(claimId, placed, { immediate: true, reattach: true });
    await settle();
    expect(status().state).toBe("offline");
    server.dropResponses = false;
    sync.retryNow();
    await settle();

    expect(requests()).toEqual([`POST /api/annotations/${claimId}/reattach`, `POST /api/annotations/${claimId}/reattach`]);
    expect(server.live(claimId)).toMatchObject({ status: "anchored", version: 2 });
    expect(status()).toMatchObject({ state: "saved", unsaved: new Set() });
  });

  it("sends a checked verdict as previousQuote null, retried like any change", async () => {
    const c = claim();
    const annotation = { ...server.seed(c), previousQuote: "spy-chips" };
    server.claims.set(claimId, { annotation, deleted: false });
    sync.loadServerState([annotation]);
    server.down = true;
    sync.set(claimId, { ...c, previousQuote: null }, { immediate: true });
    await settle();
    expect(status()).toMatchObject({ state: "offline", unsaved: new Set([claimId]) });
    server.down = false;
    sync.retryNow();
    await settle();

    expect(server.requests.map(({ method, body }) => [method, body])).toEqual([["PATCH", { version: 1, previousQuote: null }]]);
    expect(server.live(claimId)?.previousQuote).toBeNull();
    expect(status().state).toBe("saved");
  });

  it("does not clear the words-changed notice of a claim the reviewer only edited", async () => {
    const c = claim();
    const annotation = { ...server.seed(c), previousQuote: "spy-chips" };
    server.claims.set(claimId, { annotation, deleted: false });
    sync.loadServerState([annotation]);
    sync.set(claimId, { ...c, previousQuote: "spy-chips", note: "Still disputed." }, { immediate: true });
    await settle();

    expect(server.requests.map(({ body }) => body)).toEqual([{ version: 1, note: "Still disputed." }]);
    expect(server.live(claimId)?.previousQuote).toBe("spy-chips");
  });
});

describe("undoing a delete", () => {
  it("restores the claim with its id, and sends no PATCH when its fields are those the server kept", async () => {
    const c = existing({ note: "kept" });
    sync.set(claimId, null);
    await settle();
    sync.set(claimId, c);
    await settle();

    expect(requests()).toEqual([`DELETE /api/annotations/${claimId}`, `POST /api/annotations/${claimId}/restore`]);
    expect(server.live(claimId)).toMatchObject({ id: claimId, note: "kept" });
    expect(status().state).toBe("saved");
  });

  it("restores then patches when the claim put back differs from what the server kept", async () => {
    // An edit and a delete within the debounce: only the delete reaches the server.
    sync.dispose();
    sync = newSync({ debounce: 400 });
    const c = existing({ note: "old" });
    sync.set(claimId, { ...c, note: "new" });
    sync.set(claimId, null, { immediate: true });
    await settle();
    expect(requests()).toEqual([`DELETE /api/annotations/${claimId}`]);

    sync.set(claimId, { ...c, note: "new" }, { immediate: true });
    await settle();
    expect(requests().slice(1)).toEqual([`POST /api/annotations/${claimId}/restore`, `PATCH /api/annotations/${claimId}`]);
    // DELETE made version 2 and restore version 3; the PATCH builds on that.
    expect(server.requests[2].body).toEqual({ version: 3, note: "new" });
    expect(server.live(claimId)).toMatchObject({ note: "new", version: 4 });
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
    expect(server.live(claimId)?.id).toBe(claimId);
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

    expect(server.live(claimId)).toMatchObject({ id: claimId, quote: "spy chips" });
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
    expect(server.live(claimId)).toBeDefined();
    expect(status().state).toBe("saved");
  });

  it("retries at once when told the browser is online again", async () => {
    server.down = true;
    sync.set(claimId, claim());
    await settle();
    server.down = false;
    sync.retryNow();
    await settle();
    expect(server.live(claimId)).toBeDefined();
    expect(status().state).toBe("saved");
  });

  it("treats a 5xx answer like a lost connection", async () => {
    server.failWith = 503;
    const c = existing();
    sync.set(claimId, { ...c, note: "x" });
    await settle();
    expect(status().state).toBe("offline");
    expect(stored()).toEqual({ [claimId]: { claim: { ...c, note: "x" }, revision: pageRevision } });

    server.failWith = null;
    sync.retryNow();
    await settle();
    expect(server.live(claimId)?.note).toBe("x");
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
    expect([...server.claims.keys()]).toEqual([claimId]);
  });

  it("never loses changes made while offline: the latest of each claim is saved", async () => {
    const c = existing();
    server.down = true;
    sync.set(claimId, { ...c, note: "one" });
    await settle();
    sync.set(claimId, { ...c, note: "one two", tag: "denied" });
    sync.set(otherId, claim(otherId, { tag: "unverified" }));
    await settle();
    expect(status().unsaved).toEqual(new Set([claimId, otherId]));
    expect(Object.keys(stored()!)).toEqual([claimId, otherId]);
    expect(stored()![claimId].claim).toMatchObject({ note: "one two", tag: "denied" });

    server.down = false;
    sync.retryNow();
    await settle();
    expect(server.live(claimId)).toMatchObject({ note: "one two", tag: "denied" });
    expect(server.live(otherId)).toMatchObject({ tag: "unverified" });
    expect(status().state).toBe("saved");
    expect(stored()).toBeNull();
  });

  it("keeps a delete made while offline and sends it when the server is back", async () => {
    existing();
    server.down = true;
    sync.set(claimId, null);
    await settle();
    expect(stored()).toEqual({ [claimId]: { claim: null, revision: pageRevision } });
    server.down = false;
    sync.retryNow();
    await settle();
    expect(server.live(claimId)).toBeUndefined();
    expect(stored()).toBeNull();
  });

  it("hands the unsaved changes to the next visit, which saves them", async () => {
    const c = existing();
    server.down = true;
    sync.set(claimId, { ...c, note: "typed before the tab closed" });
    await settle();
    sync.dispose();

    server.down = false;
    const next = newSync();
    next.loadServerState([server.live(claimId)!]);
    const changes = next.takeStoredChanges();
    expect(changes).toEqual(new Map([[claimId, { claim: { ...c, note: "typed before the tab closed" }, revision: pageRevision }]]));
    for (const [id, { claim: wish, revision }] of changes) next.set(id, wish, { immediate: true, revision });
    await settle();
    expect(server.live(claimId)?.note).toBe("typed before the tab closed");
    expect(stored()).toBeNull();
    next.dispose();
  });

  it("names the revision new claims' offsets count in, and keeps it for a claim carried over a revision", async () => {
    sync.set(claimId, claim());
    await settle();
    expect(server.requests[0].body).toMatchObject({ id: claimId, revision: pageRevision });

    // A claim made on revision 3 and kept unsaved; the next visit shows revision 4.
    server.down = true;
    sync.set(otherId, claim(otherId));
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
    sync.set(otherId, claim(otherId), { immediate: true });
    open();
    server.gate = null;
    await settle();
    expect(server.live(claimId)).toBeDefined();
    expect(server.live(otherId)).toBeUndefined();
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
    expect(server.claims.size).toBe(1);
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
    expect(server.live(claimId)).toBeUndefined();
  });

  it("says saved again once the change is saved, even before the scheduled retry", async () => {
    const c = existing();
    server.down = true;
    sync.set(claimId, { ...c, note: "a" });
    await settle();
    expect(status().state).toBe("offline");

    // The connection comes back and the reviewer edits the same claim again.
    server.down = false;
    sync.set(claimId, { ...c, note: "ab" });
    await settle();
    expect(server.live(claimId)?.note).toBe("ab");
    await settle(60_000); // long past the scheduled retry

    expect(status()).toMatchObject({ state: "saved", unsaved: new Set() });
  });
});

describe("when someone else changed the claim (409)", () => {
  it("re-applies the reviewer's change on the server's version", async () => {
    const c = existing();
    server.editElsewhere(claimId, { claimant: "Tim Cook" });
    sync.set(claimId, { ...c, note: "mine" });
    await settle();

    expect(server.requests).toHaveLength(2);
    expect(server.requests[0].body).toEqual({ version: 1, note: "mine" });
    expect(server.requests[1].body).toMatchObject({ version: 2, note: "mine" });
    expect(server.live(claimId)).toMatchObject({ note: "mine", version: 3 });
    expect(status().state).toBe("saved");
  });

  it("tells what it replaced when both changed the same field, and nothing when they changed others", async () => {
    const notices: OverwriteNotice[] = [];
    sync = new ClaimSync({ documentSlug: slug, fetch: server.fetch, storage, debounce: 0, onStatus: () => {}, onOverwrote: (n) => notices.push(n) });
    const c = existing();
    server.editElsewhere(claimId, { claimant: "Tim Cook", note: "theirs" });
    sync.set(claimId, { ...c, claimant: "Andy Jassy", tag: "denied" });
    await settle();
    expect(server.live(claimId)).toMatchObject({ claimant: "Andy Jassy", note: "theirs", tag: "denied" });
    expect(notices).toEqual([{ id: claimId, by: "Grace", theirs: { claimant: "Tim Cook" } }]);
  });

  it("stops when the other change already says what the reviewer wants", async () => {
    const c = existing();
    server.editElsewhere(claimId, { tag: "denied" });
    sync.set(claimId, { ...c, tag: "denied" });
    await settle();
    expect(server.requests).toHaveLength(1);
    expect(status().state).toBe("saved");
  });

  it("restores and re-applies a change to a claim deleted elsewhere", async () => {
    const c = existing();
    server.deleteElsewhere(claimId);
    sync.set(claimId, { ...c, note: "still relevant" });
    await settle();
    expect(requests()).toEqual([
      `PATCH /api/annotations/${claimId}`,
      `POST /api/annotations/${claimId}/restore`,
      `PATCH /api/annotations/${claimId}`,
    ]);
    expect(server.live(claimId)?.note).toBe("still relevant");
  });
});

describe("when the server refuses a change (4xx)", () => {
  it("says refused with the server's message and does not retry", async () => {
    const c = existing();
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

  it("tries again when the reviewer changes the refused claim", async () => {
    const c = existing();
    sync.set(claimId, { ...c, evidence: ["javascript:alert(1)"] });
    await settle();
    sync.set(claimId, { ...c, evidence: ["https://example.com"] });
    await settle();
    expect(server.live(claimId)?.evidence).toEqual(["https://example.com"]);
    expect(status()).toMatchObject({ state: "saved", refused: new Map() });
  });

  it("gives a message of its own when the server sends none", async () => {
    server.failWith = 403;
    sync.set(claimId, claim());
    await settle();
    expect(status().refused.get(claimId)).toBe("The server refused the change (HTTP 403).");
  });
});
