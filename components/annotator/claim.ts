import type { ClaimFields, EditorAnnotation } from "@/lib/annotation";

/**
 * A claim as the editor holds it: where it sits (plain-text offsets and the
 * matching document positions), what the reviewer said of it, and who last
 * touched it as far as the server has told us.
 */
export interface Claim extends ClaimFields {
  id: string;
  start: number;
  end: number;
  from: number;
  to: number;
  quote: string;
  createdBy: string;
  updatedBy: string;
  updatedAt: string | null;
  /** The words before the latest revision changed them (see `Annotation.previousQuote`). */
  previousQuote?: string | null;
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
    updatedBy: annotation.updatedBy,
    updatedAt: annotation.updatedAt,
    previousQuote: annotation.previousQuote,
  };
}

/** True when two claims say the same thing (tag, note, claimant, evidence). */
export function sameFields(a: ClaimFields, b: ClaimFields): boolean {
  return a.tag === b.tag && a.note === b.note && a.claimant === b.claimant && sameLinks(a.evidence, b.evidence);
}

export function sameLinks(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((link, i) => link === b[i]);
}
