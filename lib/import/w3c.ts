/**
 * Reading W3C Web Annotations written by this app's export, Hypothesis or
 * Recogito into claims, before they are placed on an article.
 *
 * The model lets most properties be one value or an array and leaves much
 * optional, and each tool fills it in its own way, so reading is lenient
 * about shape and strict about meaning:
 * - the verdict is the one `tagging` TextualBody whose value names a tag
 *   (case-insensitively: `Disputed`, `denied`, …); other tags (`covid`) are
 *   left out, no verdict is `no_tag`, two different verdicts are `invalid`;
 * - the claimant is a `describing` TextualBody whose value starts with
 *   `Claimant:` (as `toW3cBodies` writes it);
 * - every other TextualBody (`commenting`, Hypothesis' note without a
 *   purpose, `replying`, other `describing` text) and `bodyValue` make up the
 *   note, in order, separated by a blank line;
 * - evidence links are bodies that are links: a SpecificResource whose
 *   purpose is `linking` (or none) gives its source, an External Web
 *   Resource its id, a bare IRI itself. Specific resources with another
 *   purpose (Recogito's `identifying` place links) are not evidence and are
 *   left out. Choices and Sets are left out;
 * - the place is the first target that has a TextQuoteSelector or a
 *   TextPositionSelector; `target` and `selector` may each be one or many,
 *   other selectors (Range, XPath, CSS) are ignored, and so is the target's
 *   source: the annotations are imported onto the article the request names.
 *
 * An annotation with motivation `replying` whose target is another
 * annotation (an IRI, not words of the article) is a comment, not a claim:
 * `readW3cReply` reads its text (`bodyValue`, else its textual bodies), its
 * creator's name and its time, and the import adds it to the thread of the
 * claim it targets (as this app's W3C export writes a claim's discussion).
 *
 * Only pages embedded in the file are read: a collection whose `first` page
 * is only linked, and the pages after it (`next`), are not fetched.
 */
import { z } from "zod";
import { type Tag, tags } from "../tags";
import { reviewerName } from "../validation";
import type { Provenance } from "../provenance";
import { readProvenance } from "./provenance";

/** Why an annotation of an import was not made into a claim. */
export const skipReasons = ["no_tag", "not_anchored", "invalid", "duplicate"] as const;
export type SkipReason = (typeof skipReasons)[number];

/** An annotation left out of an import, and why. `index` counts from 0 in the file's list. */
export interface SkippedAnnotation {
  index: number;
  id?: string;
  reason: SkipReason;
  message: string;
  /** The words it quotes (its TextQuoteSelector's `exact`), when it has any: a person finds it in the file by them, not by its index. */
  quote?: string;
}

/**
 * Where an imported annotation says it is: the quote, the offsets, or both.
 * Context the file does not give is absent, not "": to this app an empty
 * prefix means the quote starts the text, while Recogito, for one, writes no
 * context at all.
 */
export interface ImportSelector {
  exact?: string;
  prefix?: string;
  suffix?: string;
  start?: number;
  end?: number;
}

/** What an annotation says, read but not yet placed nor checked against the app's limits. */
export interface ReadAnnotation {
  id?: string;
  selector: ImportSelector;
  tag: Tag;
  note: string;
  claimant: string;
  evidence: string[];
  /** Who wrote it, in which tool, when (lib/provenance.ts). */
  provenance: Provenance;
}

export type ReadResult = { ok: true; annotation: ReadAnnotation } | { ok: false; skip: Omit<SkippedAnnotation, "index"> };

/** The annotations of an import file, and the address of the page after them if the file links one. */
export interface AnnotationList {
  items: unknown[];
  next?: string;
}

const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.union([z.array(item), item]).transform((value) => (Array.isArray(value) ? value : [value]) as z.output<T>[]);

const types = oneOrMany(z.string()).optional();
const isA = (value: { type?: string[] }, type: string) => value.type?.includes(type) ?? false;

const page = z.looseObject({ type: types, items: z.array(z.unknown()).optional(), next: z.unknown().optional() });
const container = z.looseObject({ type: types, first: z.unknown().optional() });

const linkOf = (value: unknown): string | undefined =>
  typeof value === "string" ? value : z.looseObject({ id: z.string() }).safeParse(value).data?.id;

/** The list of annotations in a collection (its first page), a page, or an array; `error` says why not. */
export function readAnnotationList(json: unknown): AnnotationList | { error: string } {
  if (Array.isArray(json)) return { items: json };
  const parsed = container.safeParse(json);
  if (!parsed.success) return { error: notAList };
  const value = parsed.data;
  if (isA(value, "AnnotationCollection")) {
    if (value.first === undefined) return { items: [] };
    if (typeof value.first === "string") {
      return { error: `The collection's first page is only linked (${value.first}); send the page itself.` };
    }
    return readPage(value.first);
  }
  if (isA(value, "AnnotationPage")) return readPage(value);
  return { error: notAList };
}

const notAList = "Send a W3C AnnotationCollection with its first page, an AnnotationPage, or an array of Annotations.";

function readPage(json: unknown): AnnotationList | { error: string } {
  const parsed = page.safeParse(json);
  if (!parsed.success || !isA(parsed.data, "AnnotationPage") || !parsed.data.items) {
    return { error: "An AnnotationPage must list its annotations in `items`." };
  }
  const next = linkOf(parsed.data.next);
  return { items: parsed.data.items, ...(next ? { next } : {}) };
}

const quoteSelector = z.looseObject({
  exact: z.string({ error: "A TextQuoteSelector's exact must be text." }),
  prefix: z.string({ error: "A TextQuoteSelector's prefix must be text." }).optional(),
  suffix: z.string({ error: "A TextQuoteSelector's suffix must be text." }).optional(),
});
const offset = z.int({ error: "A TextPositionSelector's start and end must be integers." }).nonnegative({
  error: "A TextPositionSelector's start and end must not be negative.",
});
const positionSelector = z.looseObject({ start: offset, end: offset });

const typed = z.looseObject({ type: types });
const annotation = z.looseObject({
  type: types,
  id: z.unknown().optional(),
  body: oneOrMany(z.unknown()).optional(),
  bodyValue: z.unknown().optional(),
  target: oneOrMany(z.unknown()).optional(),
});
const target = z.looseObject({ selector: oneOrMany(z.unknown()).optional() });
const textualBody = z.looseObject({ value: z.string(), purpose: oneOrMany(z.string()).optional() });
const resourceBody = z.looseObject({ source: z.unknown(), purpose: oneOrMany(z.string()).optional() });

/** Reads one annotation of an import file into the claim it describes, or says why it cannot be one. */
export function readW3cAnnotation(json: unknown): ReadResult {
  const parsed = annotation.safeParse(json);
  if (!parsed.success) return skip("invalid", undefined, "It is not a JSON object describing an Annotation.");
  const value = parsed.data;
  const id = typeof value.id === "string" ? value.id : undefined;
  if (value.type && !isA(value, "Annotation")) return skip("invalid", id, `It is a ${value.type.join(", ")}, not an Annotation.`);

  const selector = readSelector(value.target ?? []);
  if (typeof selector === "string") return skip("invalid", id, selector);
  if (!selector) {
    return skip("not_anchored", id, "Its target has no TextQuoteSelector or TextPositionSelector.");
  }

  const tagValues: string[] = [];
  const notes: string[] = [];
  const claimants: string[] = [];
  const evidence: string[] = [];
  for (const body of value.body ?? []) {
    const text = textualBody.safeParse(body);
    if (text.success) {
      const purposes = text.data.purpose ?? [];
      const claimant = /^\s*claimant:\s*/i.exec(text.data.value);
      if (purposes.includes("tagging")) tagValues.push(text.data.value);
      else if (purposes.includes("describing") && claimant) claimants.push(text.data.value.slice(claimant[0].length));
      else if (text.data.value.trim() !== "") notes.push(text.data.value);
      continue;
    }
    const link = readLink(body);
    if (link) evidence.push(link);
  }
  if (typeof value.bodyValue === "string" && value.bodyValue.trim() !== "") notes.push(value.bodyValue);

  const verdicts = [...new Set(tagValues.map((tag) => tag.trim().toLowerCase()))].filter((tag): tag is Tag =>
    (tags as readonly string[]).includes(tag),
  );
  if (verdicts.length === 0) {
    const found = tagValues.length > 0 ? `; its tags are ${tagValues.map((tag) => JSON.stringify(tag)).join(", ")}` : "";
    return skip("no_tag", id, `It has no verdict tag (${tags.join(", ")})${found}.`);
  }
  if (verdicts.length > 1) return skip("invalid", id, `It has more than one verdict tag: ${verdicts.join(", ")}.`);

  return {
    ok: true,
    annotation: {
      id,
      selector,
      tag: verdicts[0],
      note: notes.join("\n\n"),
      claimant: claimants[0] ?? "",
      evidence,
      provenance: readProvenance(json),
    },
  };
}

/** The link a body stands for when it is evidence, else undefined. */
function readLink(body: unknown): string | undefined {
  if (typeof body === "string") return body;
  const resource = resourceBody.safeParse(body);
  if (resource.success) {
    const purposes = resource.data.purpose ?? [];
    return purposes.length === 0 || purposes.includes("linking") ? linkOf(resource.data.source) : undefined;
  }
  const kind = typed.safeParse(body);
  // An External Web Resource: an id and nothing that makes it a Choice or Set.
  if (kind.success && !isA(kind.data, "Choice") && !isA(kind.data, "Composite") && !isA(kind.data, "List")) {
    return linkOf(body);
  }
  return undefined;
}

/** The first text selector found on the targets; null when there is none; a message when one is broken. */
function readSelector(targets: unknown[]): ImportSelector | string | null {
  for (const item of targets) {
    const selectors = target.safeParse(item).data?.selector ?? [];
    let quote: z.output<typeof quoteSelector> | undefined;
    let position: z.output<typeof positionSelector> | undefined;
    for (const selector of selectors) {
      const kind = typed.safeParse(selector).data;
      if (!kind) continue;
      if (!quote && isA(kind, "TextQuoteSelector")) {
        const parsed = quoteSelector.safeParse(selector);
        if (!parsed.success) return parsed.error.issues[0].message;
        quote = parsed.data;
      } else if (!position && isA(kind, "TextPositionSelector")) {
        const parsed = positionSelector.safeParse(selector);
        if (!parsed.success) return parsed.error.issues[0].message;
        position = parsed.data;
      }
    }
    if (quote || position) {
      return {
        ...(quote ? { exact: quote.exact } : {}),
        ...(quote?.prefix !== undefined ? { prefix: quote.prefix } : {}),
        ...(quote?.suffix !== undefined ? { suffix: quote.suffix } : {}),
        ...(position ? { start: position.start, end: position.end } : {}),
      };
    }
  }
  return null;
}

/**
 * The words an annotation of an import quotes: the `exact` of the
 * TextQuoteSelector `readW3cAnnotation` would place it by; undefined when it
 * has none, an empty one, or a broken one.
 */
export function quotedWords(json: unknown): string | undefined {
  const selector = readSelector(annotation.safeParse(json).data?.target ?? []);
  return typeof selector === "object" && selector?.exact ? selector.exact : undefined;
}

function skip(reason: SkipReason, id: string | undefined, message: string): ReadResult {
  return { ok: false, skip: { ...(id ? { id } : {}), reason, message } };
}

/** A comment read from an import: the id of the annotation it replies to, its words, who wrote it and when. */
export interface ReadReply {
  id?: string;
  target: string;
  body: string;
  author?: string;
  created?: string;
  provenance: Provenance;
}

const reply = z.looseObject({
  type: types,
  id: z.unknown().optional(),
  motivation: oneOrMany(z.string()).optional(),
  body: oneOrMany(z.unknown()).optional(),
  bodyValue: z.unknown().optional(),
  target: oneOrMany(z.unknown()).optional(),
});

/**
 * The comment an annotation is when it replies to another annotation
 * (motivation `replying`, a target that is an IRI or a resource with no
 * selector), else null: it is then read as a claim, or skipped, as any other.
 */
export function readW3cReply(json: unknown): ReadReply | null {
  const parsed = reply.safeParse(json);
  if (!parsed.success || !parsed.data.motivation?.includes("replying")) return null;
  const value = parsed.data;
  if (value.type && !isA(value, "Annotation")) return null;
  const [first] = value.target ?? [];
  const replyTo = typeof first === "string" ? first : target.safeParse(first).data?.selector ? undefined : (linkOf(first) ?? linkOf(source(first)));
  if (!replyTo) return null;
  const texts: string[] = [];
  if (typeof value.bodyValue === "string") texts.push(value.bodyValue);
  for (const body of value.body ?? []) {
    const text = textualBody.safeParse(body);
    if (text.success) texts.push(text.data.value);
  }
  // A name the app could not store (blank, too long, a NUL) is no name: the importer's is used.
  // Hypothesis names its creator by an account IRI (`acct:smith@hypothes.is`): shown as `smith`.
  const provenance = readProvenance(json);
  const author = reviewerName.safeParse(provenance.creator?.name).data;
  const created = provenance.created;
  return {
    ...(typeof value.id === "string" ? { id: value.id } : {}),
    target: replyTo,
    body: texts.filter((text) => text.trim() !== "").join("\n\n"),
    ...(author ? { author } : {}),
    ...(created ? { created } : {}),
    provenance,
  };
}

const source = (value: unknown) => z.looseObject({ source: z.unknown() }).safeParse(value).data?.source;
