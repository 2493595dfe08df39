/**
 * Where an imported claim or comment came from: who wrote the original
 * annotation, in which tool, and when. The app's own `createdBy` stays the
 * person who imported it (they are answerable for it here); this is the
 * record of the original, kept with the claim, shown beside it and carried
 * in exports. Read from import files by lib/import/provenance.ts.
 */

/** The original of an imported claim or comment. */
export interface Provenance {
  /** Who wrote the original: the name shown, and their id in the tool (an IRI) when it gave one. */
  creator?: { name: string; id?: string };
  /** The tool it came from: `Hypothesis`, `W3C import`, or the generator the file names. */
  source: string;
  /** The original's own id (an IRI) in that tool, when it had one. */
  sourceId?: string;
  created?: string;
  modified?: string;
}

export const hypothesisSource = "Hypothesis";
export const w3cSource = "W3C import";

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

/** The day of an ISO time as people read it: `3 Oct 2018` (UTC, as every time the app shows). */
export const provenanceDate = (iso: string) => dateFormat.format(new Date(iso));
