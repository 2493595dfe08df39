/** A stored claim for unit tests that render or describe one: every field of `Annotation`, `fields` over plain defaults. */
import type { Annotation } from "@/lib/annotation";

export function testAnnotation(fields: Partial<Annotation> = {}): Annotation {
  return {
    id: "0b6c3f0e-8d6a-4f44-9f3b-4c1f2d9d2a11",
    documentId: "7d1c7d6e-4a0e-4a36-9d0b-1f0c7a0f6a01",
    start: 0,
    end: 5,
    quote: "quote",
    prefix: "",
    suffix: "",
    tag: "disputed",
    note: "",
    claimant: "",
    evidence: [],
    createdBy: "Sam",
    updatedBy: "Sam",
    createdById: null,
    updatedById: null,
    createdAt: "2025-07-11T10:00:00.000Z",
    updatedAt: "2025-07-11T10:00:00.000Z",
    version: 1,
    status: "anchored",
    previousQuote: null,
    createdRevision: 1,
    anchoredRevision: 1,
    commentCount: 0,
    reviewState: "draft",
    approvedBy: null,
    approvedById: null,
    approvedAt: null,
    verdictCount: 0,
    verdictsDiffer: false,
    conflicts: [],
    provenance: null,
    ...fields,
  };
}
