import { describe, expect, it } from "vitest";
import type { ClaimFields } from "./annotation";
import { type ChangeEvent, othersChanges, withConflicts } from "./claim-conflicts";

const maya = { id: "u-maya", name: "Maya Chen" };
const ed = { id: "u-ed", name: "Ed Stone" };
const fields: ClaimFields = { tag: "unverified", note: "", claimant: "", evidence: [] };

/** A change from version `version - 1` to `version`, by `who`, of `changes`. */
function change(version: number, who: { id: string | null; name: string }, before: Partial<ClaimFields>, after: Partial<ClaimFields>): ChangeEvent {
  return {
    actor: who.name,
    actorId: who.id,
    at: `2026-12-05T03:0${version}:00.000Z`,
    before: { ...fields, ...before, version: version - 1 },
    after: { ...fields, ...after, version },
  };
}

describe("othersChanges", () => {
  it("gives the last change of each field after the base that someone else made", () => {
    const events = [
      change(2, ed, {}, { note: "too early" }),
      change(3, ed, { note: "too early" }, { note: "Ed's", tag: "denied" }),
      change(4, maya, { note: "Ed's" }, { note: "Ed's", claimant: "mine" }),
    ];
    const others = othersChanges(events, maya, 2);
    expect([...others.keys()]).toEqual(["tag", "note"]);
    expect(others.get("note")).toEqual({ value: "Ed's", by: ed, at: "2026-12-05T03:03:00.000Z" });
  });

  it("forgets someone else's change to a field the writer changed after it", () => {
    const events = [change(2, ed, {}, { note: "Ed's" }), change(3, maya, { note: "Ed's" }, { note: "Maya's" })];
    expect(othersChanges(events, maya, 1).has("note")).toBe(false);
  });

  it("tells people before accounts apart by name", () => {
    const events = [change(2, { id: null, name: "Old Hand" }, {}, { note: "old" })];
    expect(othersChanges(events, { id: null, name: "Old Hand" }, 1).size).toBe(0);
    expect(othersChanges(events, { id: null, name: "Someone Else" }, 1).size).toBe(1);
  });
});

describe("withConflicts", () => {
  const mine = { by: maya, at: "2026-12-05T03:09:00.000Z" };
  let ids = 0;
  const newId = () => `c${++ids}`;

  it("opens a conflict of both versions for a field both changed to different values, and none for the same value or another field", () => {
    const others = othersChanges([change(2, ed, {}, { note: "Ed's", tag: "denied" })], maya, 1);
    const conflicts = withConflicts([], { note: "Maya's", tag: "denied", claimant: "x" }, others, mine, newId);
    expect(conflicts).toEqual([
      {
        id: "c1",
        field: "note",
        values: [
          { value: "Ed's", by: ed, at: "2026-12-05T03:02:00.000Z" },
          { value: "Maya's", ...mine },
        ],
      },
    ]);
  });

  it("adds a version to the field's open conflict rather than opening another", () => {
    const others = othersChanges([change(2, ed, {}, { note: "Ed's" })], maya, 1);
    const [open] = withConflicts([], { note: "Maya's" }, others, mine, newId);
    const again = othersChanges([change(4, ed, { note: "Maya's" }, { note: "Ed's again" })], maya, 3);
    const [conflict] = withConflicts([open], { note: "Maya's last" }, again, mine, newId);
    expect(conflict.id).toBe(open.id);
    expect(conflict.values.map((v) => v.value)).toEqual(["Ed's", "Maya's", "Ed's again", "Maya's last"]);
  });
});
