/**
 * What a reviewer sees after a revision, for random articles, claims and
 * edits: every claim is an orphan, or sits on its own words, or sits on
 * changed words and says so (its `previousQuote` holds the words its verdict
 * was given on). Through the API, on PGlite or on PostgreSQL.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { CodePointIndex } from "@/lib/text-offsets";
import { call, createTestDocument } from "@/test/api-client";
import * as annotationsRoute from "./documents/[slug]/annotations/route";
import * as revisionsRoute from "./documents/[slug]/revisions/route";
import * as documentRoute from "./documents/[slug]/route";

afterAll(closeDb);

const word = fc.constantFrom(
  "spy",
  "chips",
  "Jassy",
  "said",
  "says",
  "the",
  "story",
  "Café",
  "Cafe\u0301",
  "“no",
  "proof,”",
  "😀",
  "42",
  "43",
  "Bloomberg",
  "retract",
  "retraction",
);
const words = fc.array(fc.tuple(word, fc.constantFrom(" ", " ", ", ")), { minLength: 1, maxLength: 6 }).map((parts) => parts.flat().join(""));
const paragraph = fc
  .array(fc.tuple(word, fc.constantFrom(" ", " ", ", ", ". ")), { minLength: 3, maxLength: 25 })
  .map((parts) => parts.flat().join("").trim());

const edit = fc.oneof(
  fc.record({ at: fc.nat(), remove: fc.constant(0), add: words }),
  fc.record({ at: fc.nat(), remove: fc.integer({ min: 1, max: 20 }), add: fc.constant("") }),
  fc.record({ at: fc.nat(), remove: fc.integer({ min: 1, max: 10 }), add: words }),
);

function applyEdit(text: string, change: { at: number; remove: number; add: string }): string {
  const points = Array.from(text);
  points.splice(change.at % (points.length + 1), change.remove, ...Array.from(change.add));
  return points.join("");
}

interface ListedClaim {
  id: string;
  start: number;
  end: number;
  quote: string;
  status: "anchored" | "orphan";
  previousQuote: string | null;
}

describe("publishing a revision (property)", () => {
  it("leaves each claim an orphan, on its own words, or on changed words marked with the words it was given on", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(paragraph, { minLength: 1, maxLength: 3 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 25 })), { minLength: 1, maxLength: 4 }),
        fc.array(edit, { minLength: 1, maxLength: 3 }),
        async (paragraphs, ranges, edits) => {
          const document = await createTestDocument(paragraphs.map((text) => ({ type: "paragraph" as const, text })));
          const index = new CodePointIndex(document.text);
          const before = new Map<string, string>();
          for (const [at, length] of ranges) {
            const start = at % index.length;
            const end = Math.min(index.length, start + length);
            if (index.slice(start, end).trim() === "") continue;
            // Two ranges drawn alike are the same words twice: allowed here (else 409 same_words).
            const { status, json } = await call(
              annotationsRoute.POST,
              { slug: document.slug },
              { body: { start, end, tag: "disputed", sameWords: "allow" } },
            );
            expect(status).toBe(201);
            before.set(json.annotation.id, json.annotation.quote);
          }
          const revised = edits.reduce(applyEdit, paragraphs.join("\n"));
          fc.pre(revised.trim() !== "");
          const published = await call(revisionsRoute.POST, { slug: document.slug }, { body: { text: revised } });
          expect(published.status).toBe(201);

          const text = new CodePointIndex((await call(documentRoute.GET, { slug: document.slug })).json.document.text);
          const listed = await call(annotationsRoute.GET, { slug: document.slug }, { query: "fields=editor" });
          expect(listed.json.annotations).toHaveLength(before.size);
          for (const claim of listed.json.annotations as ListedClaim[]) {
            const given = before.get(claim.id);
            if (claim.status === "orphan") continue;
            expect(claim.status).toBe("anchored");
            // The claim is on the words of the new text its offsets say.
            expect(text.slice(claim.start, claim.end)).toBe(claim.quote);
            if (claim.quote === given) expect(claim.previousQuote).toBeNull();
            else expect(claim.previousQuote).toBe(given);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
