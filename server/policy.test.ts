import { describe, expect, it } from "vitest";
import { actions, can } from "./policy";

describe("can", () => {
  it("lets anyone read and export, and only a named reviewer change anything", () => {
    const claim = { kind: "claim" as const, id: "c" };
    for (const action of actions) {
      expect(can({ name: "Ada" }, action, claim)).toBe(true);
      expect(can(null, action, claim)).toBe(action === "read" || action === "export");
    }
  });
});
