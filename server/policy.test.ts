import { describe, expect, it } from "vitest";
import { roles } from "@/lib/roles";
import { actions, can, whyNot } from "./policy";

// What each role may do to a claim someone else made, and to one of their own.
const reviewSteps = ["submit_claim", "approve_claim", "request_changes", "reopen_claim", "give_verdict"];
const onOthers: Record<(typeof roles)[number], readonly string[]> = {
  viewer: ["read", "export"],
  reviewer: ["read", "export", "create_claim", "comment", "approve_claim", "request_changes", "give_verdict"],
  // No one changes another's words in a comment.
  editor: actions.filter(
    (action) => action !== "manage_people" && action !== "manage_settings" && action !== "edit_comment" && action !== "delete_article",
  ),
  admin: actions.filter((action) => action !== "edit_comment"),
};
const onOwn: Record<(typeof roles)[number], readonly string[]> = {
  viewer: ["read", "export"],
  reviewer: [
    "read",
    "export",
    "create_claim",
    "edit_claim",
    "delete_claim",
    "restore_claim",
    "confirm_verdict",
    "submit_claim",
    "comment",
    "edit_comment",
    "delete_comment",
  ],
  // Only an editor approves their own claim; no one gives a verdict on it (its tag is theirs).
  editor: [...onOthers.editor.filter((action) => action !== "give_verdict"), "edit_comment"],
  admin: actions.filter((action) => action !== "give_verdict"),
};

describe("can, role by action", () => {
  for (const role of roles) {
    it(`answers for a ${role} on someone else's claim and on their own`, () => {
      const asker = { id: "me", role };
      for (const action of actions) {
        const theirs = { kind: "claim" as const, id: "c", createdById: "someone else" };
        const mine = { kind: "claim" as const, id: "c", createdById: "me" };
        expect(can(asker, action, theirs), `${role} ${action} on another's claim`).toBe(onOthers[role].includes(action));
        expect(can(asker, action, mine), `${role} ${action} on their own claim`).toBe(onOwn[role].includes(action));
      }
    });
  }

  it("names the review steps in the table", () => {
    expect(reviewSteps.every((step) => (actions as readonly string[]).includes(step))).toBe(true);
  });

  it("says why a reviewer may not approve or give a verdict on their own claim", () => {
    const mine = { kind: "claim" as const, id: "c", createdById: "r" };
    expect(whyNot({ id: "r", role: "reviewer" }, "approve_claim", mine)).toBe(
      "Reviewers cannot approve claims they made themselves: another reviewer or an editor must.",
    );
    expect(whyNot({ id: "e", role: "editor" }, "give_verdict", { ...mine, createdById: "e" })).toBe(
      "Editors cannot give verdicts on claims they made themselves: the claim's tag is their verdict.",
    );
    expect(whyNot({ id: "v", role: "viewer" }, "approve_claim", { ...mine, createdById: "x" })).toBe(
      "Viewers cannot approve claims: reviewers, editors and admins can.",
    );
  });

  it("says what the role lacks", () => {
    expect(whyNot({ id: "v", role: "viewer" }, "create_claim", { kind: "article" })).toBe(
      "Viewers cannot tag claims: reviewers, editors and admins can.",
    );
    expect(whyNot({ id: "r", role: "reviewer" }, "delete_claim", { kind: "claim", id: "c", createdById: "e" })).toBe(
      "Reviewers cannot delete claims other than their own: editors and admins can.",
    );
    expect(whyNot({ id: "e", role: "editor" }, "manage_people", { kind: "article" })).toBe("Editors cannot manage people: admins can.");
    expect(whyNot({ id: "a", role: "admin" }, "edit_comment", { kind: "comment", id: "c", createdById: "e" })).toBe(
      "Admins cannot edit comments other than their own.",
    );
    expect(whyNot({ id: "v", role: "viewer" }, "comment", { kind: "article" })).toBe(
      "Viewers cannot comment on claims: reviewers, editors and admins can.",
    );
  });

  it("never lets a reviewer change a claim recorded before accounts (no creator id)", () => {
    expect(can({ id: "r", role: "reviewer" }, "edit_claim", { kind: "claim", id: "c", createdById: null })).toBe(false);
  });
});
