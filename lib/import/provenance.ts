/**
 * Reading the provenance of an imported annotation (lib/provenance.ts)
 * from a W3C annotation as the tools write it:
 * - the creator: Hypothesis gives an account IRI (`acct:smith@hypothes.is`),
 *   shown as its user part with the whole IRI kept as its id; the model lets
 *   it be an Agent object (`name`, else `nickname`, and `id`), a bare IRI, or
 *   an array of either (the first is taken);
 * - the source: the annotation's `generator` name when it has one, else
 *   `Hypothesis` for its ids (`https://hypothes.is/a/…`) and accounts, else
 *   `W3C import`;
 * - `created` and `modified`, when they are times PostgreSQL can store.
 * An annotation this app exported of a claim that was itself imported
 * carries the original's record in `importedFrom` (lib/export/w3c.ts), which
 * wins: importing an export again keeps the first author, not the
 * re-importer.
 */
import { z } from "zod";
import { hypothesisSource, type Provenance, w3cSource } from "../provenance";
import { hasLoneSurrogate } from "../validation";

/** Longest name, source or id kept: past that it is cut, not refused (the claim itself is fine). */
const maxLength = 500;

// By code points: a cut through an emoji would leave half of it, which the database refuses in jsonb.
const cut = (value: string) => [...value.trim()].slice(0, maxLength).join("");

/** A time PostgreSQL can store (years 1 to 9999), in ISO form; else undefined. */
export function storableTime(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time)) return undefined;
  const year = new Date(time).getUTCFullYear();
  return year >= 1 && year <= 9999 ? new Date(time).toISOString() : undefined;
}

const agent = z.looseObject({ id: z.unknown().optional(), name: z.unknown().optional(), nickname: z.unknown().optional() });
/** Text the database can store in jsonb (no NUL, no half of a surrogate pair), cut to `maxLength`; else undefined. */
const text = (value: unknown) =>
  typeof value === "string" && value.trim() !== "" && !value.includes("\0") && !hasLoneSurrogate(value) ? cut(value) : undefined;

/** The name an account IRI stands for: `smith` of `acct:smith@hypothes.is`, else the IRI. */
function nameOfIri(iri: string): string {
  const account = /^acct:([^@]+)@/.exec(iri);
  return account ? account[1] : iri;
}

/** The first creator of a W3C `creator` value, as a name and an id; undefined when it names no one. */
export function readCreator(value: unknown): Provenance["creator"] {
  const first: unknown = Array.isArray(value) ? value[0] : value;
  const iri = text(first);
  if (iri) return { name: nameOfIri(iri), id: iri };
  const parsed = agent.safeParse(first);
  if (!parsed.success) return undefined;
  const id = text(parsed.data.id);
  const name = text(parsed.data.name) ?? text(parsed.data.nickname) ?? (id ? nameOfIri(id) : undefined);
  if (!name) return undefined;
  return { name, ...(id ? { id } : {}) };
}

const isHypothesis = (id: string | undefined, creator: Provenance["creator"]) =>
  (id?.startsWith("https://hypothes.is/") ?? false) || /^acct:[^@]+@hypothes\.is$/.test(creator?.id ?? "");

/** The provenance `importedFrom` records in this app's W3C export. */
const recorded = z.looseObject({
  creator: z.unknown().optional(),
  generator: z.unknown().optional(),
  id: z.unknown().optional(),
  created: z.unknown().optional(),
  modified: z.unknown().optional(),
});

/** What an annotation itself says of its origin: the same fields, and what this app recorded of an earlier import. */
const annotationFields = recorded.extend({ importedFrom: z.unknown().optional() });

/** Who wrote an annotation of an import file, where and when (see the module's comment). */
export function readProvenance(json: unknown): Provenance {
  const value = annotationFields.safeParse(json).data ?? {};
  const original = recorded.safeParse(value.importedFrom);
  const from = original.success ? original.data : value;
  const id = text(from.id);
  const creator = readCreator(from.creator);
  const source = text(agent.safeParse(from.generator).data?.name) ?? (isHypothesis(id, creator) ? hypothesisSource : w3cSource);
  const created = storableTime(from.created);
  const modified = storableTime(from.modified);
  return {
    ...(creator ? { creator } : {}),
    source,
    ...(id ? { sourceId: id } : {}),
    ...(created ? { created } : {}),
    ...(modified ? { modified } : {}),
  };
}
