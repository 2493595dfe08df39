import { describe, expect, it } from "vitest";
import type { Claim } from "./claim";
import { ClaimMap } from "./claim-map";
import { testClaim } from "./test-editor";

const claim = (id: string, tag: Claim["tag"] = "disputed", start = 0, end = start + 1) => testClaim(id, start, end, { tag });

const contents = (claims: ClaimMap) => new Map([...claims.values()].map((c) => [c.id, c.tag]));
/** What `ordered()` must give: every claim, by start, then end. */
const sorted = (claims: ClaimMap) => [...claims.values()].sort((a, b) => a.start - b.start || a.end - b.end);

describe("ClaimMap", () => {
  it("creates, replaces and removes claims, and says which removals found one", () => {
    const start = ClaimMap.of([claim("a"), claim("b")]);
    const { claims, removed } = start.update([claim("b", "denied"), claim("c")], ["a", "missing"]);
    expect(removed).toEqual(["a"]);
    expect(claims.size).toBe(2);
    expect(contents(claims)).toEqual(new Map([["b", "denied"], ["c", "disputed"]]));
    expect(claims.get("a")).toBeUndefined();
    expect(claims.has("c")).toBe(true);
    expect([...claims.keys()].sort()).toEqual(["b", "c"]);
  });

  it("leaves the map it came from as it was", () => {
    const start = ClaimMap.of([claim("a")]);
    const next = start.update([claim("a", "unverified"), claim("b")], []).claims;
    next.update([], ["a", "b"]);
    expect(contents(start)).toEqual(new Map([["a", "disputed"]]));
    expect(start.size).toBe(1);
    expect(contents(next)).toEqual(new Map([["a", "unverified"], ["b", "disputed"]]));
  });

  it("is the same map after a change that puts and removes nothing", () => {
    const start = ClaimMap.of([claim("a")]);
    expect(start.update([], []).claims).toBe(start);
  });

  it("counts a claim put and removed in one change once", () => {
    const { claims, removed } = ClaimMap.of([]).update([claim("a")], ["a", "a"]);
    expect(removed).toEqual(["a"]);
    expect(claims.size).toBe(0);
    expect([...claims.values()]).toEqual([]);
  });

  it("lists the claims in reading order, changed ones merged in their place, and keeps the list while the map is the same", () => {
    const start = ClaimMap.of([claim("c", "disputed", 30), claim("a", "disputed", 10), claim("b", "disputed", 20, 25), claim("b2", "disputed", 20, 22)]);
    expect(start.ordered().map((c) => c.id)).toEqual(["a", "b2", "b", "c"]);
    const { claims } = start.update([claim("x", "denied", 15), claim("c", "denied", 5), claim("z", "denied", 99)], ["b2"]);
    expect(claims.ordered().map((c) => c.id)).toEqual(["c", "a", "x", "b", "z"]);
    expect(claims.ordered()).toBe(claims.ordered());
    expect(start.ordered().map((c) => c.id)).toEqual(["a", "b2", "b", "c"]);
  });

  it("holds what a Map would after thousands of changes, through every fold of its changes into a new base", () => {
    const reference = new Map<string, Claim["tag"]>();
    const kept: [ClaimMap, Map<string, Claim["tag"]>][] = [];
    let claims = ClaimMap.of(Array.from({ length: 500 }, (_, i) => claim(`c${i}`)));
    for (let i = 0; i < 500; i++) reference.set(`c${i}`, "disputed");
    const tags = ["disputed", "denied", "unverified"] as const;
    for (let step = 0; step < 3_000; step++) {
      const id = `c${(step * 7919) % 900}`;
      if (step % 3 === 2) {
        claims = claims.update([], [id]).claims;
        reference.delete(id);
      } else {
        claims = claims.update([claim(id, tags[step % 3], (step * 31) % 997)], []).claims;
        reference.set(id, tags[step % 3]);
      }
      if (step % 500 === 0) kept.push([claims, new Map(reference)]);
    }
    expect(contents(claims)).toEqual(reference);
    expect(claims.size).toBe(reference.size);
    expect(claims.ordered()).toEqual(sorted(claims));
    // Earlier maps, made before later folds, still hold what they held.
    for (const [old, expected] of kept) {
      expect(contents(old)).toEqual(expected);
      expect(old.size).toBe(expected.size);
      expect(old.ordered()).toEqual(sorted(old));
    }
  });
});
