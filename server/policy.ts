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
 * | admin    | and manage people and roles, the publishing settings; delete articles |
 *
 * Review (lib/review.ts): the author submits their claim (an editor any
 * claim); a reviewer approves or sends back (requests changes on) claims
 * others made, an editor any claim, their own too (the approval's event says
 * so); only an editor reopens an approved claim. A verdict is given on
 * claims others made only: the author's tag is theirs.
 *
 * Comments: everyone reads a claim's thread; those who may tag claims
 * (reviewers and up) may comment; a comment's words are changed only by its
 * author (no role edits another's words); its author deletes it, and
 * editors and admins may delete anyone's (moderation).
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
  "comment",
  "edit_comment",
  "delete_comment",
  "submit_claim",
  "approve_claim",
  "request_changes",
  "reopen_claim",
  "give_verdict",
  "manage_settings",
] as const;
export type Action = (typeof actions)[number];

/** What an action is done to: an article, or a claim or comment with the id of who made it (null: before accounts, or imported). */
export type Resource =
  | { kind: "article"; slug?: string }
  | { kind: "claim"; id: string; createdById?: string | null }
  | { kind: "comment"; id: string; createdById?: string | null };

/** Who asks: a signed-in person's id and role. */
export interface Asker {
  id: string;
  role: Role;
}

interface Rule {
  /** The least role that may do it to anything; none: no one may do it to what others made (edit_comment) or to their own claim (give_verdict). */
  any?: Role;
  /** The least role that may do it to a claim of their own, when lower. */
  own?: Role;
  /** The least role that may do it to a claim someone else made, when lower. */
  others?: Role;
  /** What it is, for a refusal: "Viewers cannot {verb}." */
  verb: string;
  /** What no one below `any` may do to their own claim, and why (rules with `others`): "Reviewers cannot {notOwn}." */
  notOwn?: string;
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
  comment: { any: "reviewer", verb: "comment on claims" },
  edit_comment: { own: "reviewer", verb: "edit comments" },
  delete_comment: { any: "editor", own: "reviewer", verb: "delete comments" },
  submit_claim: { any: "editor", own: "reviewer", verb: "submit claims for review" },
  approve_claim: {
    any: "editor",
    others: "reviewer",
    verb: "approve claims",
    notOwn: "approve claims they made themselves: another reviewer or an editor must",
  },
  request_changes: {
    any: "editor",
    others: "reviewer",
    verb: "request changes to claims",
    notOwn: "request changes to claims they made themselves: another reviewer or an editor must",
  },
  reopen_claim: { any: "editor", verb: "reopen approved claims" },
  give_verdict: {
    others: "reviewer",
    verb: "give verdicts",
    notOwn: "give verdicts on claims they made themselves: the claim's tag is their verdict",
  },
  manage_settings: { any: "admin", verb: "change the settings" },
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
  if (rule.any && atLeast(asker.role, rule.any)) return null;
  const mayOwn = rule.own !== undefined && atLeast(asker.role, rule.own);
  const mayOthers = rule.others !== undefined && atLeast(asker.role, rule.others);
  if (resource.kind === "article" && (mayOwn || mayOthers)) return null;
  const own = resource.kind !== "article" && !!resource.createdById && resource.createdById === asker.id;
  if ((own && mayOwn) || (!own && mayOthers)) return null;
  if (mayOwn) return `${plural(asker.role)} cannot ${rule.verb} other than their own${rule.any ? `: ${whoCan(rule.any)} can` : ""}.`;
  if (mayOthers) return `${plural(asker.role)} cannot ${rule.notOwn}.`;
  const least = rule.others ?? rule.any!;
  return `${plural(asker.role)} cannot ${rule.verb}${rule.own ? "" : `: ${whoCan(least)} can`}.`;
}

/**
 * Why `asker` may not yet read a claim's verdicts, or null when they may:
 * a reviewer who did not make the claim reads them once they gave their own
 * (blind, so that the second verdict is independent); its author, editors,
 * admins and viewers (who give none) always may.
 */
export function whyNotSeeVerdicts(asker: Asker, claim: { createdById: string | null; gaveVerdict: boolean }): string | null {
  if (asker.role !== "reviewer" || claim.createdById === asker.id || claim.gaveVerdict) return null;
  return "Give your own verdict on this claim first: the others' verdicts are shown once you have given yours.";
}

/** Whether `role` may do `action` to claims that are not its own (or articles). */
export const canForAnyone = (role: Role, action: Action) => rules[action].any !== undefined && atLeast(role, rules[action].any);

const plural = (role: Role) => `${role[0].toUpperCase()}${role.slice(1)}s`;

function whoCan(least: Role): string {
  const names = (["reviewer", "editor", "admin"] as const).filter((role) => atLeast(role, least)).map((role) => `${role}s`);
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : names[0];
}
