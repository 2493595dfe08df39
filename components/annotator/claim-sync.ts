/**
 * Saves claims in the background and never loses what the reviewer did.
 *
 * The editor applies every change at once (optimistic) and tells this class
 * the claim's new desired state: a Claim, or null for deleted. For each claim
 * we keep what the server last confirmed; whenever the two differ we send the
 * one request that moves the server closer (create, delete, restore or patch)
 * and repeat until they match. Working from states rather than a queue of
 * requests makes retries safe: after a network error we simply look again.
 *
 * Failures: a network error or a 5xx is retried with backoff (and at once when
 * the browser says it is online again); the claim stays marked unsaved and is
 * kept in localStorage, so even closing the tab loses nothing. A 409 means
 * someone else changed the claim: we take their version number and re-apply
 * the reviewer's change on top (the last reviewer to edit wins), naming the
 * version the reviewer's change was made on (`baseVersion`), so that the
 * server keeps a field both changed as an open conflict of both versions,
 * for every reviewer to see until someone picks one (`pickConflict`). Any
 * other 4xx is a refusal: the claim is marked with the server's message,
 * not retried.
 *
 * A new claim's offsets count in the text the page shows; creates name that
 * revision, so the server finds the words again if the article was revised
 * meanwhile. Changes kept in localStorage keep their revision for the same reason.
 *
 * Two changes are more than fields: an orphan put on new words (`reattach`,
 * a request of its own before any field change) and a verdict checked on
 * changed words (`previousQuote` set to null, sent with the fields). Both
 * are wishes like the rest, with the same retries, storage and refusals:
 * this class is the only code in the browser that writes claims.
 */
import { type Annotation, type ClaimFields, type EditorAnnotation, editableFields, pick } from "@/lib/annotation";
import { ApiError, type ApiClient, createApiClient } from "@/lib/api-client";
import { errorCode, type ErrorCode } from "@/lib/error-codes";
import { type Claim, pickFields, sameFields, sameValue } from "./claim";

interface ServerClaim extends ClaimFields {
  version: number;
  deleted: boolean;
  /** The words a revision changed, until a reviewer checks the verdict (see `Annotation.previousQuote`). */
  previousQuote: string | null;
}

/** A claim as the live feed tells it: the API's annotation, with its deletion. */
export type LiveAnnotation = Annotation & { deletedAt?: string | null };

/** What the editor shows of a claim after news of it from the live feed (`ClaimSync.receive`). */
export type Received = { kind: "none" } | { kind: "put"; fields: ClaimFields } | { kind: "remove" };

export type SaveState = "saved" | "saving" | "offline" | "refused";

export interface SyncStatus {
  state: SaveState;
  /** Claims whose latest change the server has not confirmed. */
  unsaved: ReadonlySet<string>;
  /** The server's reason, for claims it refused. */
  refused: ReadonlyMap<string, string>;
  /** When the next retry happens, while offline. */
  retryAt: number | null;
  /** Claims another reviewer deleted while this reviewer had changes to save: who, and when (`409 deleted`). */
  deletedElsewhere: ReadonlyMap<string, DeletedElsewhere>;
}

/** Who deleted a claim this reviewer was changing, and when (an ISO time). */
export interface DeletedElsewhere {
  by: string;
  at: string;
}

export interface ClaimSyncOptions {
  documentSlug: string;
  /** The revision of the text the page shows, which new claims' offsets count in. */
  revision?: number;
  onStatus: (status: SyncStatus) => void;
  /** The server's view of a claim after it saved it (who changed it, when). */
  onSaved?: (annotation: Annotation) => void;
  /** The server refused a new claim because the article was revised since this page's text (`409 article_revised`). */
  onArticleRevised?: () => void;
  /**
   * A new claim was refused because another live claim is on exactly its
   * words (`409 same_words`): the new one is dropped (it was never stored),
   * and the editor opens `existing` and says who tagged it (`message`).
   */
  onSameWords?: (notice: { id: string; existing: Annotation; message: string }) => void;
  /**
   * News from the live feed that `receive` held back because a request for
   * the claim was on its way (it may be that request's own echo, or a change
   * it will meet as a 409), handed back once the answer came: give it to
   * `receive` again.
   */
  onHeldNews?: (annotation: LiveAnnotation) => void;
  /** The server refused a change for want of a session (`401 unauthenticated`: it expired, or the person signed out); `retryRefused` once signed in again. */
  onSignedOut?: () => void;
  /** The API's client; one over `fetch` when absent (tests hand in their own `fetch`). */
  api?: ApiClient;
  fetch?: typeof fetch;
  storage?: Pick<Storage, "getItem" | "setItem" | "removeItem"> | null;
  /** Milliseconds to wait after a change before saving it, so typing makes one request. */
  debounce?: number;
}

/** A change the server never confirmed, kept in localStorage. */
export interface StoredChange {
  /** The claim as the reviewer left it; null for deleted. */
  claim: Claim | null;
  /** The revision its offsets count in; absent in changes kept by older versions of the editor. */
  revision?: number;
  /** An orphan the reviewer put on the claim's words, not yet re-attached on the server. */
  reattach?: true;
  /** The version of the claim the change was made on, when the server had one (see `ClaimSync.base`). */
  base?: number;
}

class RetryableError extends Error {}
class RefusedError extends Error {
  constructor(
    message: string,
    readonly code: ErrorCode | null,
    readonly deleted?: DeletedElsewhere,
    readonly existing?: Annotation,
  ) {
    super(message);
  }
}

const maxBackoff = 10_000;

export class ClaimSync {
  private readonly server = new Map<string, ServerClaim>();
  private readonly desired = new Map<string, Claim | null>();
  private readonly refused = new Map<string, string>();
  private readonly deletedElsewhere = new Map<string, DeletedElsewhere>();
  /** News from the live feed kept until the request on its way for that claim is answered (see `receive`). */
  private readonly held = new Map<string, LiveAnnotation>();
  /** Claims whose offsets count in another revision than the page's (kept from an earlier visit). */
  private readonly offsetsRevision = new Map<string, number>();
  private readonly running = new Set<string>();
  /** Claims whose create was sent: the server may hold them even if no answer came. */
  private readonly createSent = new Set<string>();
  /** Orphans to re-attach where their wish places them. */
  private readonly placing = new Set<string>();
  /**
   * The version of each claim the reviewer's unsaved change was made on,
   * while the server holds a later one only because of others' changes
   * merged under it: sent as `baseVersion`, so the server can tell a field
   * both changed (an open conflict) from one only this reviewer did.
   */
  private readonly base = new Map<string, number>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private failures = 0;
  private lastStatus: SyncStatus | null = null;
  private disposed = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retryAt: number | null = null;
  private readonly api: ApiClient;
  private readonly storage: ClaimSyncOptions["storage"];
  private readonly storageKey: string;

  constructor(private readonly options: ClaimSyncOptions) {
    this.api = options.api ?? createApiClient(options.fetch);
    this.storage = options.storage === undefined ? safeLocalStorage() : options.storage;
    this.storageKey = `factcheck:unsaved:${options.documentSlug}`;
  }

  /** Records what the server holds, as loaded with the page. */
  loadServerState(annotations: EditorAnnotation[]): void {
    for (const a of annotations) {
      this.server.set(a.id, { ...pickFields(a), previousQuote: a.previousQuote ?? null, version: a.version, deleted: false });
    }
  }

  /**
   * Changes the reviewer made but the server never confirmed, kept from an
   * earlier visit. The caller puts them back on screen, then hands them to `set`.
   */
  takeStoredChanges(): Map<string, StoredChange> {
    const raw = this.storage?.getItem(this.storageKey);
    if (!raw) return new Map();
    try {
      const entries = Object.entries(JSON.parse(raw) as Record<string, StoredChange | Claim | null>);
      // Older editors kept the claim itself, with no revision.
      const changes = new Map(entries.map(([id, value]) => [id, value && "claim" in value ? value : { claim: value }]));
      // Made on the claim as it was then: a field someone changed since is theirs too (a conflict), not silently replaced.
      for (const [id, { base }] of changes) if (typeof base === "number") this.base.set(id, base);
      return changes;
    } catch {
      return new Map();
    }
  }

  /** The version the server last confirmed for a claim. */
  serverVersion(id: string): number | undefined {
    return this.server.get(id)?.version;
  }

  /**
   * The reviewer's latest wish for a claim: its state, or null for deleted.
   * `revision`: the one its offsets count in, when not the page's.
   * `reattach`: the claim is an orphan on the server, to be put on the wish's words.
   */
  set(
    id: string,
    claim: Claim | null,
    { immediate = false, revision, reattach = false }: { immediate?: boolean; revision?: number; reattach?: boolean } = {},
  ): void {
    if (this.disposed) return;
    const have = this.server.get(id);
    if (have && !have.deleted && !this.base.has(id) && this.inSync(id)) this.base.set(id, have.version);
    this.desired.set(id, claim);
    // A claim deleted elsewhere stays refused until the reviewer restores it or discards the change.
    if (this.deletedElsewhere.has(id) && claim) {
      this.persist();
      return void this.report();
    }
    this.deletedElsewhere.delete(id);
    if (reattach && claim) this.placing.add(id);
    else if (!claim) this.placing.delete(id);
    if (revision !== undefined && revision !== this.options.revision) this.offsetsRevision.set(id, revision);
    this.refused.delete(id);
    this.persist();
    clearTimeout(this.timers.get(id));
    const delay = immediate ? 0 : (this.options.debounce ?? 400);
    this.timers.set(
      id,
      setTimeout(() => {
        this.timers.delete(id);
        void this.drive(id);
      }, delay),
    );
    this.report();
  }

  /**
   * Another reviewer's change, as the live feed tells it (or this reviewer's
   * own, echoed back). Returns what the editor should now show of the claim:
   * the claim's fields to draw (`put`), `remove` when it is gone, or `none`
   * when nothing visible changes (an echo, or news older than what we hold).
   * A claim with an unsaved wish is merged as a 409 conflict is: the server's
   * fields are taken where this reviewer did not change them, theirs kept on top.
   * A deletion by someone else does not drop an unsaved wish: its next save is
   * refused (`409 deleted`) and the reviewer decides.
   */
  receive(annotation: LiveAnnotation): Received {
    if (this.disposed) return { kind: "none" };
    const { id } = annotation;
    const deleted = Boolean(annotation.deletedAt);
    const have = this.server.get(id);
    if (have && have.version > annotation.version) return { kind: "none" };
    if (have && have.version === annotation.version && have.deleted === deleted) return { kind: "none" };
    // A request on its way: what we hold of the server is about to change; look again once it has.
    if (this.running.has(id)) {
      this.held.set(id, annotation);
      return { kind: "none" };
    }
    const want = this.desired.get(id);
    const pending = want !== undefined && !this.inSync(id);
    if (deleted) {
      if (pending && want !== null) return { kind: "none" };
      this.server.set(id, { ...this.serverClaim(annotation), deleted: true });
      this.desired.delete(id);
      this.persist();
      this.report();
      return { kind: "remove" };
    }
    if (!pending) {
      this.server.set(id, this.serverClaim(annotation));
      this.desired.delete(id); // Saved already: nothing of this reviewer's to keep.
      this.base.delete(id);
      this.persist();
      this.report();
      return { kind: "put", fields: pickFields(annotation) };
    }
    if (want === null) return { kind: "none" }; // This reviewer deleted it: the delete goes on.
    // Unsaved changes: the same merge as a conflict's.
    const base = have ?? this.serverClaim(annotation);
    const mine = editableFields.filter((field) => !sameValue(base[field], want[field]));
    const merged = { ...want, ...pick(annotation, editableFields), ...pick(want, mine) };
    // Their news touched none of this reviewer's fields: what follows is made on it.
    const touched = mine.some((field) => !sameValue(base[field], annotation[field]));
    if (have && !touched && this.base.get(id) === have.version) this.base.set(id, annotation.version);
    this.desired.set(id, merged);
    if (have && !have.deleted) this.server.set(id, this.serverClaim(annotation));
    this.persist();
    this.report();
    return { kind: "put", fields: pickFields(merged) };
  }

  private serverClaim(annotation: Annotation): ServerClaim {
    return { ...pickFields(annotation), previousQuote: annotation.previousQuote ?? null, version: annotation.version, deleted: false };
  }

  /** Brings back a claim another reviewer deleted, with this reviewer's change on it, as they asked. */
  restoreWithChange(id: string): void {
    const have = this.server.get(id);
    if (!this.deletedElsewhere.delete(id) || !have) return;
    have.deleted = true;
    this.refused.delete(id);
    void this.drive(id);
    this.report();
  }

  /** Drops this reviewer's change to a claim another reviewer deleted, as they asked: it stays deleted. */
  discardDeleted(id: string): void {
    const have = this.server.get(id);
    if (have) have.deleted = true;
    this.deletedElsewhere.delete(id);
    this.forget(id);
  }

  /**
   * Drops a change of the reviewer's that the server refused, as they asked:
   * answers what the server holds of the claim, for the editor to show again
   * (null: nothing, a new claim it never took).
   */
  discardRefused(id: string): ClaimFields | null {
    const have = this.server.get(id);
    this.forget(id);
    return have && !have.deleted ? pickFields(have) : null;
  }

  /** Drops the reviewer's unsaved wish for a claim the server refused, as they asked. */
  forget(id: string): void {
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
    this.desired.delete(id);
    this.refused.delete(id);
    this.offsetsRevision.delete(id);
    this.placing.delete(id);
    this.base.delete(id);
    this.persist();
    this.report();
  }

  /**
   * Keeps one version (`pick`, its index) of a field two reviewers changed
   * at once, closing the conflict for everyone. Answers the claim as the
   * server now holds it, or the server's reason for refusing. A change of
   * the reviewer's to the claim still unsaved goes on, with the picked value
   * in that field.
   */
  async pickConflict(id: string, conflictId: string, pick: number): Promise<{ annotation: Annotation } | { refused: string }> {
    for (let attempt = 0; ; attempt++) {
      const have = this.server.get(id);
      if (!have || have.deleted) return { refused: "This claim is not saved." };
      try {
        const annotation = await this.api.pickConflict(id, conflictId, { version: have.version, pick });
        const want = this.desired.get(id);
        const field = pickedField(have, annotation);
        if (want && !this.inSync(id) && field) this.desired.set(id, { ...want, [field]: annotation[field] });
        else this.desired.delete(id);
        this.accept(annotation, { theirs: this.base.has(id) && this.base.get(id) !== have.version });
        this.persist();
        this.report();
        if (!this.inSync(id)) void this.drive(id);
        return { annotation };
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        const current = (error.body as { annotation?: Annotation } | null)?.annotation;
        // Someone changed the claim meanwhile: pick again on its version, once.
        if (error.code === errorCode.versionConflict && current && attempt === 0 && !this.running.has(id)) {
          this.accept(current, { theirs: true });
          continue;
        }
        return { refused: error.serverMessage ?? error.message };
      }
    }
  }

  /** Saves everything pending now, without waiting for the debounce. */
  flush(): void {
    for (const [id, timer] of this.timers) {
      clearTimeout(timer);
      this.timers.delete(id);
      void this.drive(id);
    }
  }

  /** Tries every unsaved claim again now (e.g. when the browser comes back online). */
  retryNow(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.retryAt = null;
    for (const id of this.unsavedIds()) if (!this.refused.has(id)) void this.drive(id);
    this.report();
  }

  /** Tries again what the server refused, now that its reason may be gone (the reviewer gave a name). */
  retryRefused(): void {
    const ids = [...this.refused.keys()];
    this.refused.clear();
    for (const id of ids) void this.drive(id);
    this.report();
  }

  /** True when the server holds exactly what the reviewer last did to this claim. */
  isSaved(id: string): boolean {
    return this.inSync(id);
  }

  hasUnsaved(): boolean {
    return this.unsavedIds().length > 0;
  }

  /**
   * Stops for good: no more retries, and requests still on their way (sent by
   * a last `flush`) update storage but no longer call back into an editor that
   * is gone, or into the one that replaced it.
   */
  dispose(): void {
    this.disposed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }

  private inSync(id: string): boolean {
    const want = this.desired.get(id);
    if (want === undefined) return true;
    const have = this.server.get(id);
    if (want === null) return have ? have.deleted : !this.createSent.has(id);
    if (!have || have.deleted || this.placing.has(id)) return false;
    return sameFields(have, want) && !verdictToCheck(have, want);
  }

  private unsavedIds(): string[] {
    return [...this.desired.keys()].filter((id) => !this.inSync(id));
  }

  /** Sends requests for one claim until the server matches the reviewer's wish. */
  private async drive(id: string): Promise<void> {
    if (this.running.has(id)) return;
    this.running.add(id);
    this.report();
    try {
      while (!this.inSync(id) && !this.timers.has(id)) await this.step(id);
      this.failures = 0;
    } catch (error) {
      if (error instanceof RefusedError && error.existing && error.code === errorCode.sameWords) {
        // Never stored: nothing of it to keep, nor to retry; the claim on those words is the one to open.
        this.desired.delete(id);
        this.createSent.delete(id);
        this.offsetsRevision.delete(id);
        if (!this.server.has(error.existing.id)) this.server.set(error.existing.id, this.serverClaim(error.existing));
        if (!this.disposed) this.options.onSameWords?.({ id, existing: error.existing, message: error.message });
      } else if (error instanceof RefusedError) {
        // The server's words for a missing session are a script's ("send Authorization: Bearer"); a person signs in again.
        if (error.deleted) this.deletedElsewhere.set(id, error.deleted);
        this.refused.set(id, error.code === errorCode.unauthenticated ? "your session has ended. Sign in again, and it is saved." : error.message);
        // Only for this page's text: a claim kept from an earlier visit was refused on the latest text already.
        if (error.code === errorCode.articleRevised && !this.offsetsRevision.has(id) && !this.disposed) this.options.onArticleRevised?.();
        if (error.code === errorCode.unauthenticated && !this.disposed) this.options.onSignedOut?.();
      } else this.scheduleRetry();
    } finally {
      this.running.delete(id);
      const held = this.held.get(id);
      if (held) {
        this.held.delete(id);
        if (!this.disposed) this.options.onHeldNews?.(held);
      }
      if (this.retryTimer && !this.hasUnsaved()) {
        // Everything got through before the scheduled retry: no longer offline.
        clearTimeout(this.retryTimer);
        this.retryTimer = null;
        this.retryAt = null;
      }
      this.persist();
      this.report();
    }
  }

  private async step(id: string): Promise<void> {
    const want = this.desired.get(id)!;
    const have = this.server.get(id);
    if (want === null) {
      await this.send(() => this.api.deleteClaim(id), { onNotFound: "done" });
      if (have) have.deleted = true;
      else this.server.set(id, { ...pickFields(this.desired.get(id) ?? emptyFields), previousQuote: null, version: 0, deleted: true });
      return;
    }
    if (!have) {
      const { start, end } = want;
      const revision = this.revisionOf(id);
      const body = { id, start, end, ...(revision === undefined ? {} : { revision }), ...pick(want, editableFields) };
      this.createSent.add(id);
      this.accept(await this.send(() => this.api.createClaim(this.options.documentSlug, body)));
      return;
    }
    if (have.deleted) {
      this.accept(await this.send(() => this.api.restoreClaim(id)));
      return;
    }
    if (this.placing.has(id)) return this.reattach(id, want, have);
    const changes = pick(
      want,
      editableFields.filter((field) => !sameValue(have[field], want[field])),
    ) as Partial<ClaimFields>;
    const verdict = verdictToCheck(have, want) ? { previousQuote: null } : {};
    try {
      const base = this.base.get(id);
      const change = { version: have.version, ...(base !== undefined && base < have.version ? { baseVersion: base } : {}), ...changes, ...verdict };
      // What the reviewer does next is made on the saved version (a field both changed is the server's open conflict now).
      this.accept(await this.send(() => this.api.changeClaim(id, change), { onNotFound: "conflict" }));
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      if (error.current) {
        // Someone else changed the claim. Keep their change to any field this
        // reviewer left alone; re-apply this reviewer's changes on top. Where
        // they changed a field this reviewer changed too, this reviewer's
        // wins (the last to edit), and the server keeps theirs beside it as
        // an open conflict (the change names its `baseVersion`), so nothing is lost unseen.
        const theirs = error.current;
        this.desired.set(id, { ...want, ...pick(theirs, editableFields), ...changes });
        this.accept(theirs, { theirs: true });
      } else have.deleted = true; // Deleted elsewhere: restore it, then re-apply.
    }
  }

  /** Puts an orphan on the wish's words; a field changed meanwhile goes in the next step. */
  private async reattach(id: string, want: Claim, have: ServerClaim): Promise<void> {
    try {
      const placement = { version: have.version, start: want.start, end: want.end };
      this.accept(await this.send(() => this.api.reattachClaim(id, placement)));
      this.placing.delete(id);
    } catch (error) {
      // Placed already: an earlier attempt got through and its answer was lost.
      if (error instanceof RefusedError && error.code === errorCode.notOrphan) return void this.placing.delete(id);
      if (!(error instanceof ConflictError)) throw error;
      // Changed elsewhere meanwhile: try again on its new version; deleted elsewhere: restore it first.
      if (error.current) this.accept(error.current, { theirs: true });
      else have.deleted = true;
    }
  }

  /**
   * Takes the server's answer as what it holds. `theirs`: the answer brings
   * others' changes (a 409's claim), so the reviewer's unsaved change stays
   * based on the version it was made on; else their next change is made on
   * this one.
   */
  private accept(annotation: Annotation, { theirs = false }: { theirs?: boolean } = {}): void {
    if (!theirs) this.base.set(annotation.id, annotation.version);
    this.server.set(annotation.id, {
      ...pickFields(annotation),
      previousQuote: annotation.previousQuote ?? null,
      version: annotation.version,
      deleted: false,
    });
    this.offsetsRevision.delete(annotation.id);
    if (!this.disposed) this.options.onSaved?.(annotation);
  }

  /**
   * Sends one request and sorts its failure: retry later (no answer, 5xx,
   * 408, 429), someone else's change (409 with the claim as it is now; a
   * 404 for a claim deleted elsewhere, `onNotFound: "conflict"`), nothing to
   * do (a 404 of a delete, `"done"`), or a refusal with the server's reason.
   */
  private async send<T>(request: () => Promise<T>, { onNotFound }: { onNotFound?: "conflict" | "done" } = {}): Promise<T> {
    try {
      return await request();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.retryable) throw new RetryableError(error.message);
      const current = (error.body as { annotation?: Annotation } | null)?.annotation;
      // Deleted by someone else: nothing is applied, nor restored; the wish stays, with the server's word on who deleted it.
      if (error.code === errorCode.deleted) {
        const { deletedBy, deletedAt } =
          (error.body as { annotation?: { deletedBy?: string | null; deletedAt?: string | null } } | null)?.annotation ?? {};
        const deleted = { by: deletedBy ?? "someone", at: deletedAt ?? new Date().toISOString() };
        throw new RefusedError(error.serverMessage ?? "Someone deleted this claim.", error.code, deleted);
      }
      if (error.code === errorCode.sameWords && current)
        throw new RefusedError(error.serverMessage ?? "These words are tagged already.", error.code, undefined, current);
      if (error.status === 409 && current) throw new ConflictError(current);
      if (error.status === 404 && onNotFound === "conflict") throw new ConflictError(null);
      if (error.status === 404 && onNotFound === "done") return undefined as T;
      throw new RefusedError(error.serverMessage ?? `The server refused the change (HTTP ${error.status}).`, error.code);
    }
  }

  private scheduleRetry(): void {
    this.failures++;
    if (this.disposed) return;
    if (this.retryTimer) return;
    const delay = Math.min(maxBackoff, 500 * 2 ** Math.min(this.failures, 5));
    this.retryAt = Date.now() + delay;
    this.retryTimer = setTimeout(() => this.retryNow(), delay);
  }

  /** Keeps unsaved wishes in localStorage until the server confirms them. */
  private persist(): void {
    if (!this.storage) return;
    const unsaved = this.unsavedIds();
    try {
      if (unsaved.length === 0) this.storage.removeItem(this.storageKey);
      else this.storage.setItem(this.storageKey, JSON.stringify(Object.fromEntries(unsaved.map((id) => [id, this.storedChange(id)]))));
    } catch {
      // Storage full or disabled: the change is still on screen and still retried.
    }
  }

  private storedChange(id: string): StoredChange {
    const claim = this.desired.get(id) ?? null;
    const revision = this.revisionOf(id);
    const base = this.base.get(id);
    return {
      claim,
      ...(revision === undefined ? {} : { revision }),
      ...(this.placing.has(id) ? { reattach: true as const } : {}),
      ...(base === undefined || claim === null ? {} : { base }),
    };
  }

  /** The revision a claim's offsets count in: its own if kept from an earlier visit, else the page's. */
  private revisionOf(id: string): number | undefined {
    return this.offsetsRevision.get(id) ?? this.options.revision;
  }

  private report(): void {
    if (this.disposed) return;
    const unsaved = new Set(this.unsavedIds());
    let state: SaveState = "saved";
    if (this.refused.size > 0) state = "refused";
    else if (this.retryTimer) state = "offline";
    else if (unsaved.size > 0 || this.running.size > 0) state = "saving";
    const last = this.lastStatus;
    const same =
      last &&
      last.state === state &&
      last.retryAt === this.retryAt &&
      last.deletedElsewhere.size === this.deletedElsewhere.size &&
      last.refused.size === this.refused.size &&
      [...this.refused].every(([id, message]) => last.refused.get(id) === message) &&
      last.unsaved.size === unsaved.size &&
      [...unsaved].every((id) => last.unsaved.has(id));
    // Each report re-renders the editor's panels: skip those that change nothing.
    if (same) return;
    this.lastStatus = { state, unsaved, refused: new Map(this.refused), retryAt: this.retryAt, deletedElsewhere: new Map(this.deletedElsewhere) };
    this.options.onStatus(this.lastStatus);
  }
}

class ConflictError extends Error {
  constructor(readonly current: Annotation | null) {
    super("conflict");
  }
}

/** True when the reviewer checked the verdict of a claim whose words a revision changed, and the server does not know yet. */
const verdictToCheck = (have: ServerClaim, want: Claim) => have.previousQuote !== null && want.previousQuote === null;

/** The field a pick changed: the one that differs between the claim before and after it, if any. */
const pickedField = (before: ClaimFields, after: ClaimFields) => editableFields.find((field) => !sameValue(before[field], after[field]));

const emptyFields: ClaimFields = { tag: "unverified", note: "", claimant: "", evidence: [] };

function safeLocalStorage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null;
  }
}
