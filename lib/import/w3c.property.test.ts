import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { writeExport } from "@/test/export-claims";
import { annotationUrl, type ExportClaim } from "../export/links";
import { w3cCollectionWriter } from "../export/w3c";
import { isHttpUrl } from "../http-url";
import { describeRange } from "../selectors";
import { tags } from "../tags";
import { CodePointIndex } from "../text-offsets";
import { planImport } from "./plan";
import { readAnnotationList } from "./w3c";

const links = { origin: "https://factcheck.example.org" };

// Articles of words, repeated words (so a quote is often found twice),
// punctuation, line breaks, curly quotes, accents and astral characters.
const word = fc.constantFrom(
  "spy",
  "chips",
  "Jassy",
  "said",
  "the",
  "story",
  "Café",
  "e\u0301",
  "“no",
  "proof,”",
  "😀",
  "🇺🇸",
  "—",
  "42",
  "-5%",
  "=SUM(A1)",
);
const article = fc
  .array(fc.tuple(word, fc.constantFrom(" ", " ", " ", "\n", ", ")), { minLength: 3, maxLength: 60 })
  .map((parts) => parts.flat().join("").trimEnd());

/** Text as the API takes it (no NUL, no half surrogate pairs), notes and claimants being anyone's words. */
const userText = fc.string({
  unit: fc.oneof(fc.constantFrom("\n", "\r\n", '"', ",", "😀", "\t", "Claimant: ", "=", "<b>"), fc.string({ unit: "grapheme", maxLength: 1 })),
  maxLength: 30,
});
const claimant = userText.map((value) => value.trim());
const evidence = fc.array(fc.webUrl({ validSchemes: ["http", "https"], withQueryParameters: true, withFragments: true }).filter(isHttpUrl), {
  maxLength: 3,
});

/** Claims on `text` as the app stores them: a range with its quote and context, and what the reviewer said. */
function claimsOn(text: string): fc.Arbitrary<ExportClaim[]> {
  const index = new CodePointIndex(text);
  const range = fc
    .tuple(fc.nat({ max: index.length - 1 }), fc.integer({ min: 1, max: 40 }))
    .map(([start, length]) => describeRange(index, start, Math.min(index.length, start + length)))
    // A claim is on words: the editor cannot make one on spaces alone.
    .filter((anchor) => anchor.exact.trim() !== "");
  const claim = fc.record({
    anchor: range,
    id: fc.uuid({ version: 4 }),
    tag: fc.constantFrom(...tags),
    note: userText,
    claimant,
    evidence,
    createdBy: claimant.filter((name) => name !== ""),
  });
  return fc.array(claim, { minLength: 1, maxLength: 6 }).map((claims) =>
    claims.map(({ anchor, ...rest }) => ({
      ...rest,
      start: anchor.start,
      end: anchor.end,
      quote: anchor.exact,
      prefix: anchor.prefix,
      suffix: anchor.suffix,
      status: "anchored" as const,
      previousQuote: null,
      provenance: null,
      createdById: null,
      createdAt: "2024-05-01T09:30:00.000Z",
      updatedAt: "2024-05-02T10:00:00.000Z",
      commentCount: 0,
      reviewState: "draft" as const,
      approvedBy: null,
      approvedAt: null,
      document: { slug: "test-article", title: "Test", outlet: null, sourceUrl: null },
    })),
  );
}

describe("W3C export then import (properties)", () => {
  it("gives back every claim: id, place, quote, tag, note, claimant and evidence", async () => {
    await fc.assert(
      fc.asyncProperty(
        article.chain((text) => claimsOn(text).map((claims) => ({ text, claims }))),
        async ({ text, claims }) => {
          const file = await writeExport(w3cCollectionWriter(links, { id: `${links.origin}/export`, label: "Claims" }), claims);
          const list = readAnnotationList(JSON.parse(file));
          if ("error" in list) throw new Error(list.error);
          const { claims: imported, skipped } = planImport(text, list.items);
          expect(skipped).toEqual([]);
          expect(
            imported.map((claim) => ({
              sourceId: claim.sourceId,
              start: claim.anchor.start,
              end: claim.anchor.end,
              quote: claim.anchor.exact,
              prefix: claim.anchor.prefix,
              suffix: claim.anchor.suffix,
              tag: claim.tag,
              note: claim.note,
              claimant: claim.claimant,
              evidence: claim.evidence,
            })),
          ).toEqual(
            claims.map((claim) => ({
              sourceId: annotationUrl(links, claim.id),
              start: claim.start,
              end: claim.end,
              quote: claim.quote,
              prefix: claim.prefix,
              suffix: claim.suffix,
              tag: claim.tag,
              // Import drops blank comments by design (w3c.test.ts), so a note of spaces alone comes back empty.
              note: claim.note.trim() === "" ? "" : claim.note,
              claimant: claim.claimant,
              evidence: claim.evidence,
            })),
          );
        },
      ),
      { numRuns: 120 },
    );
  });
});
