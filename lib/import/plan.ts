/**
 * Deciding what an import makes: each annotation read (w3c.ts), checked
 * against the limits every claim has (validation.ts), and placed on the
 * article's text by its selectors with the anchoring module, which tries the
 * offsets, then the quote with its context, then a fuzzy match, and otherwise
 * says why not. A placed claim keeps the article's own words as its quote, so
 * it reads the same as one made in the editor.
 */
import { anchor, type PreparedText, prepareText } from "../anchoring";
import { checkRange, describeRange, type TextAnchor } from "../selectors";
import { codePointLength } from "../text-offsets";
import type { Tag } from "../tags";
import { createAnnotationInput, describeIssues } from "../validation";
import { type ImportSelector, readW3cAnnotation, type SkippedAnnotation } from "./w3c";

/** A claim an import would create, placed on the article. */
export interface PlacedClaim {
  /** Where the annotation is in the file's list, from 0, and its id there if it has one. */
  index: number;
  sourceId?: string;
  anchor: TextAnchor;
  tag: Tag;
  note: string;
  claimant: string;
  evidence: string[];
  /** How the anchoring found it (`position`, `quote`, `fuzzy`) and how sure it is (0..1). */
  method: string;
  score: number;
}

export interface ImportPlan {
  claims: PlacedClaim[];
  skipped: SkippedAnnotation[];
}

const claimFields = createAnnotationInput.pick({ note: true, claimant: true, evidence: true });

/** Reads, checks and places every annotation of an import on `text`, in the file's order. */
export function planImport(text: string, items: readonly unknown[]): ImportPlan {
  const prepared = prepareText(text);
  const claims: PlacedClaim[] = [];
  const skipped: SkippedAnnotation[] = [];
  items.forEach((item, index) => {
    const read = readW3cAnnotation(item);
    if (!read.ok) {
      skipped.push({ index, ...read.skip });
      return;
    }
    const { id, selector, tag, ...rest } = read.annotation;
    const withId = id ? { id } : {};
    const fields = claimFields.safeParse(rest);
    if (!fields.success) {
      skipped.push({ index, ...withId, reason: "invalid", message: describeIssues(fields.error) });
      return;
    }
    const place = placeSelector(prepared, selector);
    if ("message" in place) {
      skipped.push({ index, ...withId, reason: "not_anchored", message: place.message });
      return;
    }
    claims.push({
      index,
      ...(id ? { sourceId: id } : {}),
      anchor: describeRange(prepared.index, place.start, place.end),
      tag,
      note: fields.data.note ?? "",
      claimant: fields.data.claimant ?? "",
      evidence: fields.data.evidence ?? [],
      method: place.method,
      score: place.score,
    });
  });
  return { claims, skipped };
}

/** What a claim says, where: two claims alike in all of it are one claim twice. */
export interface ClaimContent {
  start: number;
  end: number;
  tag: Tag;
  note: string;
  claimant: string;
  evidence: string[];
}

const contentKey = (c: ClaimContent) => JSON.stringify([c.start, c.end, c.tag, c.note, c.claimant, c.evidence]);

/**
 * Leaves out of a plan the claims the article has already (same words, tag,
 * note, claimant and evidence), and those given twice in the file, as
 * `duplicate` skips: importing a file again, or a file exported from this
 * article, adds nothing twice. These are not failures: an all-or-nothing
 * import still goes ahead without them.
 */
export function leaveOutDuplicates(plan: ImportPlan, present: readonly (ClaimContent & { id: string })[]): ImportPlan {
  const seen = new Map(present.map((claim) => [contentKey(claim), `the article already has it (claim ${claim.id})`]));
  const claims: PlacedClaim[] = [];
  const duplicates: SkippedAnnotation[] = [];
  for (const claim of plan.claims) {
    const key = contentKey({ ...claim, start: claim.anchor.start, end: claim.anchor.end });
    const where = seen.get(key);
    if (where) {
      const withId = claim.sourceId ? { id: claim.sourceId } : {};
      duplicates.push({ index: claim.index, ...withId, reason: "duplicate", message: `The same claim on the same words: ${where}.` });
      continue;
    }
    seen.set(key, `annotation ${claim.index + 1} of this file is the same`);
    claims.push(claim);
  }
  const skipped = [...plan.skipped, ...duplicates].sort((a, b) => a.index - b.index);
  return { claims, skipped };
}

type Placement = { start: number; end: number; method: string; score: number } | { message: string };

function placeSelector(text: PreparedText, selector: ImportSelector): Placement {
  const { exact, start, end } = selector;
  if (exact === undefined) {
    // Offsets alone, as the model allows: taken as they are when they fit the
    // text, since there are no words to check them against.
    const problem = checkRange(text.length, start ?? 0, end ?? 0);
    if (problem) return { message: `Its TextPositionSelector does not fit the article: ${problem}.` };
    return { start: start!, end: end!, method: "position", score: 1 };
  }
  if (selector.prefix === undefined && selector.suffix === undefined) {
    const placed = placeWithoutContext(text, exact, start, end);
    if (placed) return placed;
  }
  // Without offsets there is no hint where the words are expected; 0..0 is
  // no range, so anchoring goes straight to the quote and its context.
  const result = anchor(text, { start: start ?? 0, end: end ?? 0, exact, prefix: selector.prefix ?? "", suffix: selector.suffix ?? "" });
  if (result.status === "orphan") return { message: `It could not be placed on the article: ${result.message}` };
  return { start: result.start, end: result.end, method: result.method, score: result.score };
}

/**
 * The anchoring module reads an empty prefix or suffix as "the quote starts
 * (ends) the text" and places a short quote only where its context agrees,
 * which is right for the app's own claims. A file with no context at all
 * (Recogito writes none) says nothing either way, so its quote is placed here
 * when the words alone are enough: at the given offsets if the text there is
 * the quote, else at the quote's only occurrence. Several occurrences that
 * the offsets do not settle would be a guess, and a claim on the wrong words
 * misleads: not placed. Null when the exact words are nowhere, for the
 * anchoring module to look for them with quote marks and spacing relaxed.
 */
function placeWithoutContext(text: PreparedText, exact: string, start?: number, end?: number): Placement | null {
  if (exact === "") return null;
  if (start !== undefined && end !== undefined && checkRange(text.length, start, end) === null) {
    if (text.index.slice(start, end) === exact) return { start, end, method: "position", score: 1 };
  }
  const first = text.text.indexOf(exact);
  if (first < 0) return null;
  if (text.text.indexOf(exact, first + 1) >= 0) {
    return {
      message:
        "It could not be placed on the article: the quoted words appear more than once, " +
        "and the annotation gives no context and no offsets of one of them to tell which.",
    };
  }
  const from = text.index.toCodePoint(first);
  return { start: from, end: from + codePointLength(exact), method: "quote", score: 1 };
}
