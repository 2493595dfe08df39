/**
 * The one place that decides who may do what. Every use case asks it before
 * it reads or writes. Today any named reviewer may do everything and anyone
 * may read; accounts (roles: viewer, reviewer, editor, admin) will fill it in
 * here, and nowhere else.
 */
import type { Actor } from "./actor";

/** What a use case does, closed: the policy answers for each. */
export const actions = [
  "read",
  "export",
  "create_claim",
  "edit_claim",
  "delete_claim",
  "restore_claim",
  "reattach_claim",
  "confirm_verdict",
  "add_article",
  "publish_revision",
  "import_claims",
] as const;
export type Action = (typeof actions)[number];

/** What an action is done to: an article, or a claim with who made it. */
export type Resource = { kind: "article"; slug?: string } | { kind: "claim"; id: string; createdBy?: string };

/** Whether `actor` (null: nobody named) may do `action` to `resource`. */
export function can(actor: Actor | null, action: Action, _resource: Resource): boolean {
  if (action === "read" || action === "export") return true;
  return actor !== null;
}
