import { describe, expect, it } from "vitest";
import type { Claim } from "./claim";
import type { StoredChange } from "./claim-sync";
import { planRestore } from "./restore-changes";
import { testClaim } from "./test-editor";

function claim(id: string, start: number, fields: Partial<Claim> = {}): Claim {
  return testClaim(id, start, start + 5, { from: start + 2, to: start + 7, quote: "words", ...fields });
}

const context = { revision: 2, textLength: 100, onServer: (id: string) => id.startsWith("server"), toPos: (offset: number) => offset + 2 };

describe("putting back unsaved changes", () => {
  it("puts a change made on this revision back where it was", () => {
    const stored = new Map<string, StoredChange>([["new", { claim: claim("new", 10), revision: 2 }]]);
    const plan = planRestore(stored, new Map(), context);
    expect(plan.claims.get("new")).toMatchObject({ start: 10, from: 12 });
    expect(plan.wishes).toEqual([["new", plan.claims.get("new"), 2]]);
    expect(plan.awaiting).toEqual([]);
  });

  it("keeps the place a revision gave a saved claim, with the reviewer's words, and its old offsets for an orphan", () => {
    const placed = claim("server-placed", 40);
    const stored = new Map<string, StoredChange>([
      ["server-placed", { claim: claim("server-placed", 10, { note: "typed offline" }), revision: 1 }],
      ["server-orphan", { claim: claim("server-orphan", 20, { tag: "denied" }), revision: 1 }],
    ]);
    const plan = planRestore(stored, new Map([["server-placed", placed]]), context);
    expect(plan.claims.get("server-placed")).toMatchObject({ start: 40, note: "typed offline" });
    expect(plan.claims.has("server-orphan")).toBe(false);
    expect(plan.wishes).toEqual([
      ["server-placed", expect.objectContaining({ start: 40, note: "typed offline" }), undefined],
      ["server-orphan", expect.objectContaining({ start: 20, tag: "denied" }), 1],
    ]);
  });

  it("does not draw a new claim made on an earlier revision: it waits for the server to place it", () => {
    const early = claim("new", 10);
    const plan = planRestore(new Map([["new", { claim: early, revision: 1 }]]), new Map(), context);
    expect(plan.claims.has("new")).toBe(false);
    expect(plan.awaiting).toEqual([early]);
    expect(plan.wishes).toEqual([["new", early, 1]]);
  });

  it("removes a deleted claim, and drops one an older editor kept past the end of this text", () => {
    const stored = new Map<string, StoredChange>([
      ["server-gone", { claim: null, revision: 2 }],
      ["legacy", { claim: claim("legacy", 98) }],
    ]);
    const plan = planRestore(stored, new Map([["server-gone", claim("server-gone", 0)]]), context);
    expect([...plan.claims.keys()]).toEqual([]);
    expect(plan.wishes).toEqual([["server-gone", null, 2]]);
  });
});
