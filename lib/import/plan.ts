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
import type { Provenance } from "../provenance";
import type { Tag } from "../tags";
import { commentInput, createAnnotationInput, describeIssues } from "../validation";
import { type ImportSelector, quotedWords, readW3cAnnotation, readW3cReply, type SkippedAnnotation } from "./w3c";

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
  /** Who wrote the original annotation, in which tool, when. */
  provenance?: Provenance;
}

/** A comment an import would add, to the claim whose id in the file is `target`. */
export interface PlannedReply {
  index: number;
  sourceId?: string;
  target: string;
  body: string;
  /** The name of who wrote it, when the file says. */
  author?: string;
  created?: string;
  provenance: Provenance;
}

export interface ImportPlan {
  claims: PlacedClaim[];
  skipped: SkippedAnnotation[];
  /** Annotations replying to others of the file: comments on those claims. */
  replies: PlannedReply[];
}

const claimFields = createAnnotationInput.pick({ note: true, claimant: true, evidence: true });

/** Reads, checks and places every annotation of an import on `text`, in the file's order. */
export function planImport(text: string, items: readonly unknown[]): ImportPlan {
  const prepared = prepareText(text);
  const claims: PlacedClaim[] = [];
  const skipped: SkippedAnnotation[] = [];
  const replies: PlannedReply[] = [];
  items.forEach((item, index) => {
    // Each skip names the words the annotation quotes, if any, for the report.
    const skip = (entry: Omit<SkippedAnnotation, "index" | "quote">) => {
      const quote = quotedWords(item);
      skipped.push({ index, ...entry, ...(quote ? { quote } : {}) });
    };
    const asReply = readW3cReply(item);
    if (asReply) {
      const { id, ...rest } = asReply;
      const body = commentInput.safeParse({ body: rest.body });
      if (!body.success) skip({ ...(id ? { id } : {}), reason: "invalid", message: `A reply: ${describeIssues(body.error)}` });
      else replies.push({ index, ...(id ? { sourceId: id } : {}), ...rest });
      return;
    }
    const read = readW3cAnnotation(item);
    if (!read.ok) {
      skip(read.skip);
      return;
    }
    const { id, selector, tag, provenance, ...rest } = read.annotation;
    const withId = id ? { id } : {};
    const fields = claimFields.safeParse(rest);
    if (!fields.success) {
      skip({ ...withId, reason: "invalid", message: describeIssues(fields.error) });
      return;
    }
    const place = placeSelector(prepared, selector);
    if ("message" in place) {
      skip({ ...withId, reason: "not_anchored", message: place.message });
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
      provenance,
    });
  });
  return { claims, skipped, replies };
}

/**
 * Which claim of the plan each reply goes to (its index in `claims`), by the
 * id the claim has in the file. A reply to a claim left out as a duplicate
 * is a duplicate too (the article has that claim and, likely, the comment);
 * a reply to anything else cannot be placed.
 */
export function attachReplies(plan: ImportPlan): { plan: ImportPlan; comments: (PlannedReply & { claim: number })[] } {
  const byId = new Map(plan.claims.flatMap((claim, i) => (claim.sourceId ? [[claim.sourceId, i] as const] : [])));
  const duplicates = new Set(plan.skipped.filter((item) => item.reason === "duplicate" && item.id).map((item) => item.id));
  const comments: (PlannedReply & { claim: number })[] = [];
  const skipped = [...plan.skipped];
  for (const reply of plan.replies) {
    const claim = byId.get(reply.target);
    const withId = reply.sourceId ? { id: reply.sourceId } : {};
    if (claim !== undefined) comments.push({ ...reply, claim });
    else if (duplicates.has(reply.target)) {
      skipped.push({ index: reply.index, ...withId, reason: "duplicate", message: `A reply to ${reply.target}, a claim the article already has.` });
    } else {
      skipped.push({
        index: reply.index,
        ...withId,
        reason: "not_anchored",
        message: `A reply to ${reply.target}, which is no claim imported from this file.`,
      });
    }
  }
  return { plan: { ...plan, skipped: skipped.sort((a, b) => a.index - b.index), replies: [] }, comments };
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
      duplicates.push({
        index: claim.index,
        ...withId,
        reason: "duplicate",
        message: `The same claim on the same words: ${where}.`,
        // The article's words it would be on: the file's own, or close to them.
        quote: claim.anchor.exact,
      });
      continue;
    }
    seen.set(key, `annotation ${claim.index + 1} of this file is the same`);
    claims.push(claim);
  }
  const skipped = [...plan.skipped, ...duplicates].sort((a, b) => a.index - b.index);
  return { claims, skipped, replies: plan.replies };
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
