/**
 * An approval holds for the version approved (lib/review.ts): whatever
 * fields of an approved claim an edit changes, and to whatever values, the
 * claim is no longer approved; an edit that leaves every value as it was
 * keeps the approval.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { type Annotation, editableFields } from "@/lib/annotation";
import { isHttpUrl } from "@/lib/http-url";
import { tags } from "@/lib/tags";
import { call, createTestDocument } from "@/test/api-client";
import { approveClaim } from "@/test/review";
import * as annotationRoute from "./annotations/[id]/route";
import * as annotationsRoute from "./documents/[slug]/annotations/route";

const text = "The harbour budget grew by a third, the mayor said on Tuesday.";
let slug: string;

beforeAll(async () => {
  await getDb();
  slug = (await createTestDocument([{ type: "paragraph", text }])).slug;
});
afterAll(closeDb);

const value = {
  tag: fc.constantFrom(...tags),
  note: fc.string({ maxLength: 40 }),
  claimant: fc.string({ maxLength: 20 }).map((name) => name.trim()),
  evidence: fc.array(fc.webUrl({ validSchemes: ["https"] }).filter(isHttpUrl), { maxLength: 2 }),
};
/** An edit of one to all four fields. */
const edit = fc.record(value, { requiredKeys: [] }).filter((fields) => Object.keys(fields).length > 0);
/** What the claim was made with, before it is approved. */
const made = fc.record({ tag: value.tag, note: value.note, claimant: value.claimant, evidence: value.evidence });

async function approvedClaim(fields: Record<string, unknown>): Promise<Annotation> {
  const created = await call(annotationsRoute.POST, { slug }, { body: { start: 4, end: 18, sameWords: "allow", ...fields } });
  expect(created.status, created.text).toBe(201);
  const approved = await approveClaim(created.json.annotation.id);
  expect(approved.reviewState).toBe("approved");
  return approved;
}

const differs = (before: Annotation, fields: Record<string, unknown>) =>
  editableFields.some((field) => field in fields && JSON.stringify(fields[field]) !== JSON.stringify(before[field]));

describe("an approved claim, edited (property)", () => {
  it("is no longer approved when any field changes, and still approved when none does", async () => {
    await fc.assert(
      fc.asyncProperty(made, edit, async (initial, fields) => {
        const approved = await approvedClaim(initial);
        const answer = await call(annotationRoute.PATCH, { id: approved.id }, { method: "PATCH", body: { version: approved.version, ...fields } });
        expect(answer.status, answer.text).toBe(200);
        const after: Annotation = answer.json.annotation;
        if (differs(approved, fields)) {
          expect(after).toMatchObject({ reviewState: "in_review", approvedBy: null, approvedAt: null });
        } else {
          expect(after).toMatchObject({ reviewState: "approved", approvedBy: approved.approvedBy, approvedAt: approved.approvedAt });
        }
        // The verdicts given stay.
        expect(after.verdictCount).toBe(approved.verdictCount);
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it("is no longer approved after an edit that changes one field to another value (every field)", async () => {
    await fc.assert(
      fc.asyncProperty(made, fc.constantFrom(...editableFields), made, async (initial, field, other) => {
        fc.pre(JSON.stringify(initial[field]) !== JSON.stringify(other[field]));
        const approved = await approvedClaim(initial);
        const answer = await call(
          annotationRoute.PATCH,
          { id: approved.id },
          { method: "PATCH", body: { version: approved.version, [field]: other[field] } },
        );
        expect(answer.json.annotation.reviewState).toBe("in_review");
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
