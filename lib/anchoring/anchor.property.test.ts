import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeRange, type TextAnchor } from "../selectors";
import { CodePointIndex } from "../text-offsets";
import { type AnchorResult, anchor, anchorAll, orphanReasons } from "./anchor";
import { minQuoteSimilarity } from "./candidates";
import { normalizeString } from "./normalize";

// Articles of a small vocabulary, so that quotes recur and edits make near
// copies of them: the cases where a claim could land on the wrong words.
const word = fc.constantFrom(
  "spy",
  "chips",
  "spy chips",
  "Jassy",
  "said",
  "says",
  "the",
  "story",
  "stories",
  "Café",
  "Cafe\u0301",
  '"no',
  "“no",
  "proof,”",
  'proof,"',
  "😀",
  "🇺🇸",
  "—",
  "42",
  "43",
  "-5%",
  "Bloomberg",
  "Apple",
  "Amazon",
  "retract",
  "retraction",
  "should",
  "not",
);
const separator = fc.constantFrom(" ", " ", " ", "  ", "\n", ", ", ". ");
const words = fc.array(fc.tuple(word, separator), { minLength: 1, maxLength: 8 }).map((parts) => parts.flat().join(""));
const article = fc.array(fc.tuple(word, separator), { minLength: 5, maxLength: 80 }).map((parts) => parts.flat().join(""));

/** A revision's change: words added, removed or rewritten somewhere, or the same words typed another way. */
type Edit =
  | { kind: "insert"; at: number; words: string }
  | { kind: "delete"; at: number; length: number }
  | { kind: "replace"; at: number; length: number; words: string }
  | { kind: "retype"; form: "NFC" | "NFD" | "curly" | "straight" };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), words }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ kind: fc.constant("replace" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }), words }),
  fc.record({ kind: fc.constant("retype" as const), form: fc.constantFrom("NFC" as const, "NFD" as const, "curly" as const, "straight" as const) }),
);

/** Applies an edit on code points, as a reviewer's revision would change the text. */
function applyEdit(text: string, change: Edit): string {
  if (change.kind === "retype") {
    if (change.form === "curly") return text.replaceAll('"', "“");
    if (change.form === "straight") return text.replace(/[“”]/g, '"');
    return text.normalize(change.form);
  }
  const points = Array.from(text);
  const at = change.at % (points.length + 1);
  const removed = change.kind === "insert" ? 0 : change.length;
  const added = change.kind === "delete" ? [] : Array.from(change.words);
  points.splice(at, removed, ...added);
  return points.join("");
}

/** The fewest edits that turn `quote` into some part of `text` (Sellers' algorithm: the part may start and end anywhere). */
function distanceToSomePart(quote: string, text: string): number {
  let row = new Array<number>(text.length + 1).fill(0);
  for (let i = 1; i <= quote.length; i++) {
    const next = [i];
    for (let j = 1; j <= text.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (quote[i - 1] === text[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return Math.min(...row);
}

/**
 * The property, for one claim and where anchoring put it: an orphan (with a
 * reason), or anchored on a range of the new text that holds either the
 * quote's own words, or changed words that the app marks as changed and that
 * are an edit of the quote, not other words.
 */
function checkOutcome(newText: string, stored: TextAnchor, result: AnchorResult): void {
  if (result.status === "orphan") {
    expect(orphanReasons).toContain(result.reason);
    return;
  }
  const index = new CodePointIndex(newText);
  expect(Number.isInteger(result.start) && Number.isInteger(result.end)).toBe(true);
  expect(0 <= result.start && result.start < result.end && result.end <= index.length).toBe(true);
  const placed = describeRange(index, result.start, result.end);
  if (placed.exact === stored.exact) return;

  // Words changed. That such a claim is marked "words changed" is checked
  // where the marking happens, through the API (app/api/revisions.property.test.ts);
  // here, that the words are the quote edited, not other words: the same words retyped
  // (quotes, spaces, accents) and run on to whole words; or, for a fuzzy
  // match, close to the quote. A fuzzy match allows 20% of errors, and then
  // fits its edges to where the context agrees (an edit at the quote's end
  // can move its end by a few characters), so twice that is the bound here:
  // other words of the same length are much further off.
  const quote = normalizeString(stored.exact);
  const found = normalizeString(placed.exact);
  if (result.method === "fuzzy") {
    const allowed = Math.floor(quote.length * (1 - minQuoteSimilarity));
    expect(distanceToSomePart(quote.trim(), found)).toBeLessThanOrEqual(2 * allowed);
  } else {
    expect(found).toContain(quote.trim());
  }
}

/** A revision: the article, claims on it, and the edits that make the new text. */
const revision = article.chain((text) => {
  const index = new CodePointIndex(text);
  const claim = fc
    .tuple(fc.nat({ max: index.length - 1 }), fc.integer({ min: 1, max: 30 }))
    .map(([start, length]) => describeRange(index, start, Math.min(index.length, start + length)));
  return fc.record({ text: fc.constant(text), claims: fc.array(claim, { minLength: 1, maxLength: 5 }), edits: fc.array(edit, { maxLength: 4 }) });
});

describe("anchoring (properties)", () => {
  it("never places a claim on words that differ from its quote unless they are marked changed and an edit of it", () => {
    fc.assert(
      fc.property(revision, ({ text, claims, edits }) => {
        const newText = edits.reduce(applyEdit, text);
        claims.forEach((stored, i) => {
          checkOutcome(newText, stored, anchor(newText, stored));
          checkOutcome(newText, stored, anchorAll(newText, claims)[i]);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("leaves every claim on its own words when the text did not change", () => {
    fc.assert(
      fc.property(revision, ({ text, claims }) => {
        anchorAll(text, claims).forEach((result, i) => {
          if (claims[i].exact.trim() === "") return expect(result).toMatchObject({ status: "orphan", reason: "empty-quote" });
          expect(result).toMatchObject({ status: "anchored", start: claims[i].start, end: claims[i].end, method: "position" });
        });
      }),
      { numRuns: 100 },
    );
  });
});
