import { describe, expect, it } from "vitest";
import type { Claim } from "./claim";
import { ClaimMap } from "./claim-map";
import { testClaim } from "./test-editor";

const claim = (id: string, tag: Claim["tag"] = "disputed", start = 0, end = start + 1) => testClaim(id, start, end, { tag });

const contents = (claims: ClaimMap) => new Map([...claims.values()].map((c) => [c.id, c.tag]));

/** Checks every way of reading `claims` against a plain Map of what it should hold. */
function expectHolds(claims: ClaimMap, reference: Map<string, Claim>) {
  expect(claims.size).toBe(reference.size);
  for (const [id, claim] of reference) expect(claims.get(id)).toBe(claim);
  expect(claims.has("never-there")).toBe(false);
  // Reading order, ties on the same words broken by id; each claim once.
  const expected = [...reference.values()].sort((a, b) => a.start - b.start || a.end - b.end || a.id.localeCompare(b.id));
  expect(claims.ordered().map((c) => c.id)).toEqual(expected.map((c) => c.id));
}

describe("ClaimMap", () => {
  it("creates, replaces and removes claims, and says which removals found one", () => {
    const start = ClaimMap.of([claim("a"), claim("b")]);
    const { claims, removed } = start.update([claim("b", "denied"), claim("c")], ["a", "missing"]);
    expect(removed).toEqual(["a"]);
    expect(claims.size).toBe(2);
    expect(contents(claims)).toEqual(
      new Map([
        ["b", "denied"],
        ["c", "disputed"],
      ]),
    );
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
    expect(contents(next)).toEqual(
      new Map([
        ["a", "unverified"],
        ["b", "disputed"],
      ]),
    );
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
    const start = ClaimMap.of([
      claim("c", "disputed", 30),
      claim("a", "disputed", 10),
      claim("b", "disputed", 20, 25),
      claim("b2", "disputed", 20, 22),
    ]);
    expect(start.ordered().map((c) => c.id)).toEqual(["a", "b2", "b", "c"]);
    const { claims } = start.update([claim("x", "denied", 15), claim("c", "denied", 5), claim("z", "denied", 99)], ["b2"]);
    expect(claims.ordered().map((c) => c.id)).toEqual(["c", "a", "x", "b", "z"]);
    expect(claims.ordered()).toBe(claims.ordered());
    expect(start.ordered().map((c) => c.id)).toEqual(["a", "b2", "b", "c"]);
  });

  it("holds what a Map would after thousands of changes, through every fold of its changes into a new base", () => {
    const tags = ["disputed", "denied", "unverified"] as const;
    const reference = new Map<string, Claim>();
    const initial = Array.from({ length: 500 }, (_, i) => claim(`c${i}`, "disputed", i % 97));
    for (const c of initial) reference.set(c.id, c);
    let claims = ClaimMap.of(initial);
    const kept: [ClaimMap, Map<string, Claim>][] = [];
    for (let step = 0; step < 3_000; step++) {
      const id = `c${(step * 7919) % 900}`;
      if (step % 3 === 2) {
        const { claims: next, removed } = claims.update([], [id]);
        expect(removed).toEqual(reference.has(id) ? [id] : []);
        claims = next;
        reference.delete(id);
      } else {
        // Few distinct places, so that many claims share their words and ties are broken often.
        const changed = claim(id, tags[step % 3], (step * 31) % 97, ((step * 31) % 97) + 1 + (step % 2));
        claims = claims.update([changed], []).claims;
        reference.set(id, changed);
      }
      if (step % 250 === 0) {
        expectHolds(claims, reference);
        kept.push([claims, new Map(reference)]);
      }
    }
    expectHolds(claims, reference);
    // Earlier maps, made before later folds, still hold what they held.
    for (const [old, expected] of kept) expectHolds(old, expected);
  });

  it("keeps claims on the same words in the same order when one of them changes", () => {
    const start = ClaimMap.of([claim("b", "disputed", 5, 9), claim("a", "denied", 5, 9)]);
    expect(start.ordered().map((c) => c.id)).toEqual(["a", "b"]);
    const { claims } = start.update([claim("a", "unverified", 5, 9)], []);
    expect(claims.ordered().map((c) => c.id)).toEqual(["a", "b"]);
  });
});
