import { type ClaimFields, type EditorAnnotation, editableFields, pick } from "@/lib/annotation";
import type { Provenance } from "@/lib/provenance";

/** Where a claim is in its review (lib/review.ts), as the editor shows it; absent on a claim the server has not stored yet (a draft). */
export const claimReviewKeys = ["reviewState", "approvedBy", "approvedAt", "verdictCount", "verdictsDiffer"] as const;
export type ClaimReview = Pick<EditorAnnotation, (typeof claimReviewKeys)[number]>;

/**
 * A claim as the editor holds it: where it sits (plain-text offsets and the
 * matching document positions), what the reviewer said of it, and who last
 * touched it as far as the server has told us.
 */
export interface Claim extends ClaimFields, Partial<ClaimReview> {
  id: string;
  start: number;
  end: number;
  from: number;
  to: number;
  quote: string;
  createdBy: string;
  /** The account that created it: null before accounts, undefined while the server does not say. */
  createdById?: string | null;
  updatedBy: string;
  updatedAt: string | null;
  /** The words before the latest revision changed them (see `Annotation.previousQuote`). */
  previousQuote?: string | null;
  /** For an imported claim, who wrote the original, in which tool and when (see `Annotation.provenance`). */
  provenance?: Provenance | null;
}

export function claimFromAnnotation(annotation: EditorAnnotation, toPos: (offset: number) => number): Claim {
  return {
    id: annotation.id,
    start: annotation.start,
    end: annotation.end,
    from: toPos(annotation.start),
    to: toPos(annotation.end),
    quote: annotation.quote,
    tag: annotation.tag,
    note: annotation.note,
    claimant: annotation.claimant,
    evidence: annotation.evidence,
    createdBy: annotation.createdBy,
    // Read apart: the editor's claims carry it once claims record their account (issue #15's history work).
    createdById: annotation.createdById,
    updatedBy: annotation.updatedBy,
    updatedAt: annotation.updatedAt,
    previousQuote: annotation.previousQuote,
    provenance: annotation.provenance,
    ...reviewOf(annotation),
  };
}

/** A claim's review as the server gave it. */
export const reviewOf = (annotation: ClaimReview): ClaimReview => pick(annotation, claimReviewKeys);

/** True when two claims stand at the same point of their review (what the panel shows of it). */
export const sameReview = (a: Partial<ClaimReview>, b: Partial<ClaimReview>) => claimReviewKeys.every((key) => a[key] === b[key]);

/** True when two claims say the same thing (every one of `editableFields`). */
export function sameFields(a: ClaimFields, b: ClaimFields): boolean {
  return editableFields.every((field) => sameValue(a[field], b[field]));
}

/** True when two values of one editable field are the same (links compared in order). */
export const sameValue = (a: ClaimFields[keyof ClaimFields], b: ClaimFields[keyof ClaimFields]) =>
  Array.isArray(a) && Array.isArray(b) ? sameLinks(a, b) : a === b;

/** The editable fields of a claim, with its own copy of the evidence links. */
export function pickFields(source: ClaimFields): ClaimFields {
  return { ...pick(source, editableFields), evidence: [...source.evidence] };
}

export function sameLinks(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((link, i) => link === b[i]);
}
