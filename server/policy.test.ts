import { describe, expect, it } from "vitest";
import { roles } from "@/lib/roles";
import { actions, can, whyNot } from "./policy";

const may: Record<(typeof roles)[number], readonly string[]> = {
  viewer: ["read", "export"],
  reviewer: ["read", "export", "create_claim"],
  editor: actions.filter((action) => action !== "manage_people" && action !== "delete_article"),
  admin: actions,
};
const ownOnly = ["edit_claim", "delete_claim", "restore_claim", "confirm_verdict"];

describe("can, role by action", () => {
  for (const role of roles) {
    it(`answers for a ${role} on someone else's claim and on their own`, () => {
      const asker = { id: "me", role };
      for (const action of actions) {
        const theirs = { kind: "claim" as const, id: "c", createdById: "someone else" };
        const mine = { kind: "claim" as const, id: "c", createdById: "me" };
        expect(can(asker, action, theirs), `${role} ${action} on another's claim`).toBe(may[role].includes(action));
        const onOwn = may[role].includes(action) || (role === "reviewer" && ownOnly.includes(action));
        expect(can(asker, action, mine), `${role} ${action} on their own claim`).toBe(onOwn);
      }
    });
  }

  it("says what the role lacks", () => {
    expect(whyNot({ id: "v", role: "viewer" }, "create_claim", { kind: "article" })).toBe(
      "Viewers cannot tag claims: reviewers, editors and admins can.",
    );
    expect(whyNot({ id: "r", role: "reviewer" }, "delete_claim", { kind: "claim", id: "c", createdById: "e" })).toBe(
      "Reviewers cannot delete claims other than their own: editors and admins can.",
    );
    expect(whyNot({ id: "e", role: "editor" }, "manage_people", { kind: "article" })).toBe("Editors cannot manage people: admins can.");
  });

  it("never lets a reviewer change a claim recorded before accounts (no creator id)", () => {
    expect(can({ id: "r", role: "reviewer" }, "edit_claim", { kind: "claim", id: "c", createdById: null })).toBe(false);
  });
});
