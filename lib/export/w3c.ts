/**
 * Claims as W3C Web Annotations (https://www.w3.org/TR/annotation-model/).
 *
 * A claim is an Annotation with motivation `assessing` (the reviewer assesses
 * the quoted words) whose target is the article, narrowed by both selectors
 * the app stores: a TextQuoteSelector (the words and up to 32 code points of
 * context) and a TextPositionSelector (code point offsets, end exclusive;
 * left out for an orphan, whose offsets count in an earlier revision).
 * Several selectors on one target are, in the model, alternative ways to the
 * same segment: a reader uses whichever it can. The offsets count in the
 * app's plain text of the article (its blocks joined by "\n"), which may not
 * be the text a browser extracts from the publisher's page, so readers
 * working on that page should trust the quote first.
 *
 * What the reviewer said about the claim is in the bodies, each with the
 * purpose the model defines for it (section 3.3.5):
 * - the verdict: a TextualBody with purpose `tagging` whose value is the tag
 *   (`disputed`, `denied`, `unverified`), as Hypothesis and Recogito write
 *   tags, so that they show it as a tag;
 * - the note: a TextualBody with purpose `commenting` (left out when empty);
 * - the claimant, who made the claim: a TextualBody with purpose
 *   `describing`, because it describes the target (whose words these are),
 *   with the value `Claimant: {name}`, which says what it is to a person
 *   reading any annotation client and which import reads back. The model has
 *   no agent slot for "the author of the target's words": `creator` on a body
 *   would name the author of the body, not of the quote;
 * - each evidence link: a SpecificResource with purpose `linking` whose
 *   source is the link. `linking` is the model's purpose for "a resource
 *   related to the target", and the model lets only Specific Resources and
 *   textual bodies carry a purpose (an External Web Resource with a purpose
 *   fails its MUST 3.3.5), so the link is wrapped rather than given bare.
 *
 * A comment in the claim's discussion is an annotation of its own, after
 * the claim's, with motivation `replying` (the model's for "a reply to a
 * previous statement") whose `target` is the claim's annotation id and whose
 * `bodyValue` is the comment's text, with its author as `creator`. Import
 * reads these back as comments on the claim they target.
 *
 * The reviewer who made the claim is the annotation's `creator`, a Person
 * with the user's stable id (`{origin}/people/{userId}`) and their name; a
 * claim recorded before accounts has only the name it was made under.
 *
 * A claim or comment imported from another tool keeps its importer as
 * `creator` (who answers for it here) and carries the original: `via`, the
 * model's property for the IRI of the annotation it was copied from (section
 * 3.3.7; only when the original's id is an absolute IRI), and `importedFrom`,
 * this app's extension (not in the anno.jsonld context, so JSON-LD
 * processors drop it, and readers that do not know it ignore it), which
 * describes the original with the model's own terms: its `id`, `creator`,
 * `generator` (the tool, a Software agent), `created` and `modified`. Import
 * reads `importedFrom` back first, so a round trip keeps the first author.
 * Every annotation and the collection around them satisfy the MUST assertions
 * of the W3C test suite (checked in w3c.test.ts with the suite's schemas).
 */
import type { Tag } from "../tags";
import type { Comment } from "../comments";
import type { Provenance } from "../provenance";
import { annotationUrl, articleUrl, commentIri, type ExportClaim, type ExportLinks, personUrl } from "./links";
import type { ExportWriter } from "./stream";

export const w3cContext = "http://www.w3.org/ns/anno.jsonld";

/** The media type the Web Annotation Protocol asks for. */
export const w3cContentType = `application/ld+json; profile="${w3cContext}"`;

/** Starts the value of the body naming the claimant; import looks for it (case-insensitively). */
export const claimantLabel = "Claimant: ";

export interface W3cTextualBody {
  type: "TextualBody";
  purpose: "tagging" | "commenting" | "describing";
  value: string;
  format?: "text/plain";
}

export interface W3cLinkBody {
  type: "SpecificResource";
  purpose: "linking";
  source: string;
}

export type W3cBody = W3cTextualBody | W3cLinkBody;

export interface W3cTextQuoteSelector {
  type: "TextQuoteSelector";
  exact: string;
  prefix?: string;
  suffix?: string;
}

export interface W3cTextPositionSelector {
  type: "TextPositionSelector";
  start: number;
  end: number;
}

/** The original of an imported claim or comment, in the model's terms (see above). */
export interface W3cImportedFrom {
  id?: string;
  creator?: { id?: string; type: "Person"; name: string };
  generator: { type: "Software"; name: string };
  created?: string;
  modified?: string;
}

/** What a claim or comment says of its original when it was imported: `via` and `importedFrom`, else nothing. */
export function toW3cOrigin(provenance: Provenance | null | undefined): { via?: string; importedFrom?: W3cImportedFrom } {
  if (!provenance) return {};
  const { creator, source, sourceId, created, modified } = provenance;
  const importedFrom: W3cImportedFrom = {
    ...(sourceId ? { id: sourceId } : {}),
    ...(creator ? { creator: { ...(creator.id ? { id: creator.id } : {}), type: "Person", name: creator.name } } : {}),
    generator: { type: "Software", name: source },
    ...(created ? { created } : {}),
    ...(modified ? { modified } : {}),
  };
  // `via` must be an IRI (the suite checks its format): Recogito's `#abc` ids are not.
  const via = sourceId && /^[a-z][a-z0-9+.-]*:/i.test(sourceId) && URL.canParse(sourceId) ? { via: sourceId } : {};
  return { ...via, importedFrom };
}

export interface W3cAnnotation {
  "@context"?: string;
  id: string;
  type: "Annotation";
  motivation: "assessing";
  creator: { id?: string; type: "Person"; name: string };
  created: string;
  modified: string;
  via?: string;
  importedFrom?: W3cImportedFrom;
  body: W3cBody[];
  target: {
    type: "SpecificResource";
    source: string;
    selector: [W3cTextQuoteSelector, W3cTextPositionSelector] | [W3cTextQuoteSelector];
  };
}

/** A comment on a claim, as a W3C reply to the claim's annotation. */
export interface W3cReply {
  "@context"?: string;
  id: string;
  type: "Annotation";
  motivation: "replying";
  creator: { id?: string; type: "Person"; name: string };
  created: string;
  modified: string;
  via?: string;
  importedFrom?: W3cImportedFrom;
  bodyValue: string;
  target: string;
}

/** One comment as a W3C Annotation replying to its claim's annotation. */
export function toW3cReply(comment: Comment, claimId: string, links: ExportLinks): W3cReply {
  const { id: authorId, name } = comment.author;
  return {
    id: commentIri(links, comment.id),
    type: "Annotation",
    motivation: "replying",
    creator: authorId ? { id: personUrl(links, authorId), type: "Person", name } : { type: "Person", name },
    created: comment.createdAt,
    modified: comment.updatedAt,
    ...toW3cOrigin(comment.provenance),
    bodyValue: comment.body,
    target: annotationUrl(links, claimId),
  };
}

/** The bodies of a claim: its tag, then note, claimant and evidence when it has them. */
export function toW3cBodies(claim: { tag: Tag; note: string; claimant: string; evidence: string[] }): W3cBody[] {
  const body: W3cBody[] = [{ type: "TextualBody", purpose: "tagging", value: claim.tag }];
  if (claim.note !== "") body.push({ type: "TextualBody", purpose: "commenting", value: claim.note, format: "text/plain" });
  if (claim.claimant !== "") {
    body.push({ type: "TextualBody", purpose: "describing", value: `${claimantLabel}${claim.claimant}`, format: "text/plain" });
  }
  for (const link of claim.evidence) body.push({ type: "SpecificResource", purpose: "linking", source: link });
  return body;
}

/**
 * One claim as a W3C Annotation, without `@context`: inside a collection it
 * takes the collection's. Pass `{ standalone: true }` for one served alone.
 */
export function toW3cAnnotation(claim: ExportClaim, links: ExportLinks, { standalone = false } = {}): W3cAnnotation {
  const quote: W3cTextQuoteSelector = { type: "TextQuoteSelector", exact: claim.quote };
  // Empty context (a claim at the very start or end) is left out rather than given as "".
  if (claim.prefix !== "") quote.prefix = claim.prefix;
  if (claim.suffix !== "") quote.suffix = claim.suffix;
  // An orphan's offsets belong to the revision it was last anchored on, not
  // to the article as it reads now: only its quote still says what it was.
  const selector: W3cAnnotation["target"]["selector"] =
    claim.status === "orphan" ? [quote] : [quote, { type: "TextPositionSelector", start: claim.start, end: claim.end }];
  return {
    ...(standalone ? { "@context": w3cContext } : {}),
    id: annotationUrl(links, claim.id),
    type: "Annotation",
    motivation: "assessing",
    creator: claim.createdById
      ? { id: personUrl(links, claim.createdById), type: "Person", name: claim.createdBy }
      : { type: "Person", name: claim.createdBy },
    created: claim.createdAt,
    modified: claim.updatedAt,
    ...toW3cOrigin(claim.provenance),
    body: toW3cBodies(claim),
    target: {
      type: "SpecificResource",
      source: articleUrl(links, claim.document),
      selector,
    },
  };
}

export interface W3cCollectionInfo {
  /** The collection's id: the export's own URL. */
  id: string;
  label: string;
}

/**
 * Writes an AnnotationCollection holding every claim in its one embedded
 * `first` page. `total` comes last, once the claims have been counted, so the
 * export needs no count query that could disagree with what it streamed.
 */
export function w3cCollectionWriter(links: ExportLinks, collection: W3cCollectionInfo): ExportWriter {
  const json = JSON.stringify;
  const head =
    `{"@context":${json(w3cContext)},"id":${json(collection.id)},"type":"AnnotationCollection",` +
    `"label":${json(collection.label)},"first":{"id":${json(`${collection.id}#page-1`)},"type":"AnnotationPage",` +
    `"startIndex":0,"items":[\n`;
  return {
    head,
    // The claim, then its comments as replies to it.
    claim: (claim) =>
      [toW3cAnnotation(claim, links), ...(claim.comments ?? []).map((c) => toW3cReply(c, claim.id, links))].map((a) => json(a)).join(",\n"),
    items: (claim) => 1 + (claim.comments?.length ?? 0),
    separator: ",\n",
    tail: (total) => `\n]},"total":${total}}\n`,
  };
}
