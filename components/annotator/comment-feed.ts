/**
 * The editor's record of claims' discussions between page loads: how many
 * comments each claim has (for its entry in the claims list), and the live
 * feed's `comment.*` events handed to the open claim's thread. A store
 * outside React (`useSyncExternalStore`), fed by the controller's one live
 * feed; the counts are a new Map on each change, so the memoised list
 * redraws only then.
 */
import type { EditorAnnotation } from "@/lib/annotation";
import type { ClaimEventData } from "@/lib/live-events";

type Listener = () => void;
type ThreadListener = (data: ClaimEventData) => void;

export class CommentFeed {
  private counts: ReadonlyMap<string, number>;
  private readonly listeners = new Set<Listener>();
  private readonly threads = new Map<string, Set<ThreadListener>>();

  constructor(annotations: readonly Pick<EditorAnnotation, "id" | "commentCount">[]) {
    this.counts = new Map(annotations.map((a) => [a.id, a.commentCount ?? 0]));
  }

  /** Each claim's comment count, by id (absent: none). */
  getCounts = (): ReadonlyMap<string, number> => this.counts;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Follows one claim's thread: `listener` gets each of its comment events; the returned function stops. */
  follow(claimId: string, listener: ThreadListener): () => void {
    const set = this.threads.get(claimId) ?? new Set();
    set.add(listener);
    this.threads.set(claimId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.threads.delete(claimId);
    };
  }

  /** A claim's count as the server now says it (a comment event, or this person's own comment answered). */
  setCount(claimId: string, count: number): void {
    if (this.counts.get(claimId) === count) return;
    this.counts = new Map(this.counts).set(claimId, count);
    for (const listener of this.listeners) listener();
  }

  /** One `comment.*` event of the live feed. */
  receive(data: ClaimEventData): void {
    this.setCount(data.annotation.id, data.annotation.commentCount);
    for (const listener of this.threads.get(data.annotation.id) ?? []) listener(data);
  }
}
