/**
 * The editor's claims by id and in reading order, as an immutable value that
 * a change does not copy.
 *
 * Plugin state must not change once made (ProseMirror, undo and React keep
 * earlier states), so every transaction that touched a claim used to copy the
 * whole `Map` and sort every claim again for the side panel: 1 to 2 ms with
 * 5,000 claims, ten times that with 50,000, for a change of one. A `ClaimMap`
 * is a shared base that is never written to again (claims by id, and the same
 * claims sorted), plus a small map of the changes made since: a claim, or
 * `null` where one was removed. A change copies only those changes; once they
 * outnumber the square root of the claims, they are folded into a new base.
 * Reading one claim costs at most two lookups; the reading order is the
 * base's, merged with the few changed claims sorted.
 */
import type { Claim } from "./claim";

interface Base {
  byId: ReadonlyMap<string, Claim>;
  /** The same claims in reading order. */
  ordered: readonly Claim[];
}

/** Reading order: by start, then by end; claims on the same words by id, so that editing one does not reorder them. */
const readingOrder = (a: Claim, b: Claim) => a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The index of the first claim of \`ordered\` that does not come before \`claim\` in reading order. */
function lowerBound(ordered: readonly Claim[], claim: Claim): number {
  let low = 0;
  let high = ordered.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (readingOrder(ordered[middle], claim) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

function baseOf(ordered: readonly Claim[]): Base {
  return { byId: new Map(ordered.map((claim) => [claim.id, claim])), ordered };
}

export class ClaimMap {
  private orderedCache: readonly Claim[] | null = null;

  private constructor(
    private readonly base: Base,
    private readonly changes: ReadonlyMap<string, Claim | null>,
    /** How many claims there are. */
    readonly size: number,
  ) {}

  static of(claims: Iterable<Claim>): ClaimMap {
    const byId = new Map<string, Claim>();
    for (const claim of claims) byId.set(claim.id, claim);
    const base = { byId, ordered: [...byId.values()].sort(readingOrder) };
    return new ClaimMap(base, new Map(), byId.size);
  }

  get(id: string): Claim | undefined {
    const changed = this.changes.get(id);
    return changed === undefined ? this.base.byId.get(id) : (changed ?? undefined);
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  /** The claims in reading order (by start, then end, then id); the same array for as long as the map is the same. */
  ordered(): readonly Claim[] {
    if (this.changes.size === 0) return this.base.ordered;
    if (this.orderedCache) return this.orderedCache;
    // The base's order with the changed claims taken out and put back where
    // they now go: binary searches for the few changes, then one plain copy
    // of the base (no lookup per claim: with 50,000 claims a \`Map\` lookup
    // for each cost 2 to 3 ms, a copy a tenth of a millisecond).
    const base = this.base.ordered;
    const cuts: number[] = [];
    const changed: Claim[] = [];
    for (const [id, claim] of this.changes) {
      const old = this.base.byId.get(id);
      if (old) cuts.push(lowerBound(base, old));
      if (claim) changed.push(claim);
    }
    cuts.sort((a, b) => a - b);
    changed.sort(readingOrder);
    const ordered: Claim[] = [];
    let from = 0;
    let next = 0;
    const copyUpTo = (to: number) => {
      for (; next < changed.length; next++) {
        const at = lowerBound(base, changed[next]);
        if (at > to) break;
        for (; from < at; from++) ordered.push(base[from]);
        ordered.push(changed[next]);
      }
      for (; from < to; from++) ordered.push(base[from]);
    };
    for (const cut of cuts) {
      copyUpTo(cut);
      from = cut + 1;
    }
    copyUpTo(base.length);
    this.orderedCache = ordered;
    return ordered;
  }

  values(): IterableIterator<Claim> {
    return this.ordered().values();
  }

  *keys(): IterableIterator<string> {
    for (const claim of this.ordered()) yield claim.id;
  }

  /** A map with `put` claims set (created or replaced) and the `remove` ids gone; `removed` lists the ids that were there. */
  update(put: readonly Claim[], remove: readonly string[]): { claims: ClaimMap; removed: string[] } {
    // Opening or closing a claim changes none: the same map keeps its reading order, and React's list its props.
    if (put.length === 0 && remove.length === 0) return { claims: this, removed: [] };
    const changes = new Map(this.changes);
    const current = (id: string) => (changes.has(id) ? (changes.get(id) ?? undefined) : this.base.byId.get(id));
    let size = this.size;
    for (const claim of put) {
      if (!current(claim.id)) size++;
      changes.set(claim.id, claim);
    }
    const removed: string[] = [];
    for (const id of remove) {
      if (!current(id)) continue;
      changes.set(id, null);
      removed.push(id);
      size--;
    }
    const claims = new ClaimMap(this.base, changes, size);
    const fold = changes.size * changes.size > Math.max(size, 256);
    return { claims: fold ? new ClaimMap(baseOf(claims.ordered()), new Map(), size) : claims, removed };
  }
}
