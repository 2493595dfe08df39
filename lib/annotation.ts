import type { ReviewState } from "./review";
import type { ClaimConflict } from "./claim-conflicts";
import type { Tag } from "./tags";
import type { Provenance } from "./provenance";

/** A claim as the HTTP API gives it out. Offsets are code points, end exclusive. */
export interface Annotation {
  id: string;
  documentId: string;
  start: number;
  end: number;
  quote: string;
  prefix: string;
  suffix: string;
  tag: Tag;
  note: string;
  claimant: string;
  evidence: string[];
  /** The names of who made the claim and who changed it last, as shown. */
  createdBy: string;
  updatedBy: string;
  /** Their user ids; null for what was recorded before accounts (the name is then as it was typed). */
  createdById: string | null;
  updatedById: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  /** On the article's latest revision: placed, or an orphan whose words could not be found. */
  status: "anchored" | "orphan";
  /**
   * The words the claim's verdict was given on, when a revision changed them
   * (it was placed on the changed words by a fuzzy match), until a reviewer
   * checks the verdict; else null.
   */
  previousQuote: string | null;
  /** The revision the claim was made on, and the one its offsets belong to. */
  createdRevision: number;
  anchoredRevision: number;
  /** The comments in its thread (deleted ones not counted). */
  commentCount: number;
  /** Its review (lib/review.ts): `draft`, `in_review` or `approved`. */
  reviewState: ReviewState;
  /** Who approved it and when, while it is approved; else null. */
  approvedBy: string | null;
  approvedById: string | null;
  approvedAt: string | null;
  /** How many verdicts it has (the author's, once submitted, and each other reviewer's), and whether they differ. */
  verdictCount: number;
  verdictsDiffer: boolean;
  /** Fields two reviewers changed at once, each with every version, until someone picks one (lib/claim-conflicts.ts); oldest first. */
  conflicts: ClaimConflict[];
  /** For an imported claim, who wrote the original, in which tool and when (lib/provenance.ts); null for one made here. */
  provenance: Provenance | null;
}

/** Where an article's claims are listed (GET) and created (POST). */
export const claimsUrl = (slug: string) => `/api/documents/${encodeURIComponent(slug)}/annotations`;

/** Where an article's deleted claims are listed (GET), and restored by reviewer and time (`/restore`). */
export const deletedClaimsUrl = (slug: string) => `/api/documents/${encodeURIComponent(slug)}/deleted`;

/** Where the editor reads an article's claims: the list, with only the fields it uses. */
export const editorClaimsUrl = (slug: string) => `${claimsUrl(slug)}?fields=editor`;

/** The fields of a claim a reviewer can change after creating it. */
export const editableFields = ["tag", "note", "claimant", "evidence"] as const;
export type EditableField = (typeof editableFields)[number];
export type ClaimFields = Pick<Annotation, EditableField>;

/**
 * What the editor needs of a claim: it reads thousands of these, so context,
 * article id and creation details stay on the server.
 */
export const editorAnnotationKeys = [
  "id",
  "start",
  "end",
  "quote",
  "tag",
  "note",
  "claimant",
  "evidence",
  "createdBy",
  // Whose claim it is: the editor offers a reviewer the changes the policy allows on their own.
  "createdById",
  "updatedBy",
  "updatedAt",
  "version",
  "status",
  "previousQuote",
  // Shown on the claim's entry in the list.
  "commentCount",
  "reviewState",
  "approvedBy",
  "approvedAt",
  "verdictCount",
  "verdictsDiffer",
  // Shown in the claim's panel to every reviewer until someone picks a version.
  "conflicts",
  // Shown in the claim's panel: "by A. Smith in Hypothesis, 3 Oct 2018".
  "provenance",
] as const satisfies readonly (keyof Annotation)[];
export type EditorAnnotation = Pick<Annotation, (typeof editorAnnotationKeys)[number]>;

/** Picks `keys` of an object. */
export function pick<T extends object, K extends keyof T>(from: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, from[key]])) as Pick<T, K>;
}

export const toEditorAnnotation = (a: Annotation): EditorAnnotation => pick(a, editorAnnotationKeys);
