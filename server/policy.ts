/**
 * The one place that decides who may do what. Every use case asks it before
 * it reads or writes; the UI asks the same function to hide what a role
 * cannot do, but the server is the only guard.
 *
 * | role     | may                                                                 |
 * | -------- | ------------------------------------------------------------------- |
 * | viewer   | read articles, claims, history; export                              |
 * | reviewer | and create claims; edit, retag, delete and restore their own        |
 * | editor   | and all that on anyone's claims; add articles, publish revisions,   |
 * |          | import, re-attach orphans; archive and unarchive articles            |
 * | admin    | and manage people and roles; delete articles                        |
 */
import { type Role, atLeast } from "@/lib/roles";

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
  "archive_article",
  "delete_article",
  "manage_people",
] as const;
export type Action = (typeof actions)[number];

/** What an action is done to: an article, or a claim with the id of who made it (null: before accounts). */
export type Resource = { kind: "article"; slug?: string } | { kind: "claim"; id: string; createdById?: string | null };

/** Who asks: a signed-in person's id and role. */
export interface Asker {
  id: string;
  role: Role;
}

interface Rule {
  /** The least role that may do it to anything. */
  any: Role;
  /** The least role that may do it to a claim of their own, when lower. */
  own?: Role;
  /** What it is, for a refusal: "Viewers cannot {verb}." */
  verb: string;
}

const rules: Record<Action, Rule> = {
  read: { any: "viewer", verb: "read articles" },
  export: { any: "viewer", verb: "export claims" },
  create_claim: { any: "reviewer", verb: "tag claims" },
  edit_claim: { any: "editor", own: "reviewer", verb: "change claims" },
  delete_claim: { any: "editor", own: "reviewer", verb: "delete claims" },
  restore_claim: { any: "editor", own: "reviewer", verb: "restore claims" },
  confirm_verdict: { any: "editor", own: "reviewer", verb: "confirm verdicts" },
  reattach_claim: { any: "editor", verb: "re-attach claims" },
  add_article: { any: "editor", verb: "add articles" },
  publish_revision: { any: "editor", verb: "publish revisions" },
  import_claims: { any: "editor", verb: "import claims" },
  archive_article: { any: "editor", verb: "archive articles" },
  delete_article: { any: "admin", verb: "delete articles" },
  manage_people: { any: "admin", verb: "manage people" },
};

/** Whether `asker` may do `action` to `resource`. */
export function can(asker: Asker, action: Action, resource: Resource): boolean {
  return whyNot(asker, action, resource) === null;
}

/**
 * Why `asker` may not do `action` to `resource`, in words that name what
 * the role lacks ("Viewers cannot tag claims."), or null when they may.
 * On an article, an action allowed on one's own claims is allowed (the
 * use case then acts on those only).
 */
export function whyNot(asker: Asker, action: Action, resource: Resource): string | null {
  const rule = rules[action];
  if (atLeast(asker.role, rule.any)) return null;
  if (rule.own && atLeast(asker.role, rule.own)) {
    if (resource.kind === "article") return null;
    if (resource.createdById && resource.createdById === asker.id) return null;
    return `${plural(asker.role)} cannot ${rule.verb} other than their own: ${whoCan(rule.any)} can.`;
  }
  return `${plural(asker.role)} cannot ${rule.verb}${rule.own ? "" : `: ${whoCan(rule.any)} can`}.`;
}

/** Whether `role` may do `action` to claims that are not its own (or articles). */
export const canForAnyone = (role: Role, action: Action) => atLeast(role, rules[action].any);

const plural = (role: Role) => `${role[0].toUpperCase()}${role.slice(1)}s`;

function whoCan(least: Role): string {
  const names = (["reviewer", "editor", "admin"] as const).filter((role) => atLeast(role, least)).map((role) => `${role}s`);
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : names[0];
}
