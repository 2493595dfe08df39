import { beforeAll, describe, expect, it } from "vitest";
import { importedClaim, sampleClaims, writeExport } from "@/test/export-claims";
import { annoContext, w3cMustChecker, w3cSamples } from "@/test/w3c-validator";
import { toW3cAnnotation, w3cCollectionWriter } from "./w3c";

const links = { origin: "https://factcheck.example.org" };
const collectionInfo = { id: `${links.origin}/api/export?format=w3c`, label: "Claims in every article" };
let check: ReturnType<typeof w3cMustChecker>;

beforeAll(() => {
  check = w3cMustChecker();
});

async function exportCollection(claims = sampleClaims) {
  return JSON.parse(await writeExport(w3cCollectionWriter(links, collectionInfo), claims));
}

describe("the W3C MUST checker", () => {
  it("refuses every incorrect sample of the suite, so a pass means something", () => {
    const samples = w3cSamples("incorrect");
    expect(samples.length).toBeGreaterThan(15);
    for (const { name, json } of samples) expect(check("annotation", json), name).not.toEqual([]);
  });

  it("accepts the suite's correct annotations, except those targeting a Composite (a known quirk)", () => {
    const composite = ["anno11.json", "anno12.json", "anno13.json"];
    const annotations = w3cSamples("correct").filter(({ json }) => (json as { type: string }).type === "Annotation");
    for (const { name, json } of annotations) {
      if (!composite.includes(name)) expect(check("annotation", json), name).toEqual([]);
    }
  });

  it("fails an evidence link given as a bare web resource with a purpose", () => {
    const annotation = toW3cAnnotation(sampleClaims[0], links, { standalone: true });
    const bare = { ...annotation, body: [...annotation.body, { id: "https://example.org/x", purpose: "linking" }] };
    expect(check("annotation", bare).map((failure) => failure.assertion)).toContain("annotations/bodiesTargets/3.3.5-bodyEWRNoPurpose.json");
  });
});

describe("W3C export", () => {
  it("is a collection that passes every MUST of the suite, with an embedded first page", async () => {
    const collection = await exportCollection();
    expect(check("collection", collection)).toEqual([]);
    expect(collection).toMatchObject({
      "@context": annoContext,
      type: "AnnotationCollection",
      id: collectionInfo.id,
      label: collectionInfo.label,
      total: sampleClaims.length,
      first: { type: "AnnotationPage", startIndex: 0 },
    });
    expect(check("page", { "@context": collection["@context"], ...collection.first })).toEqual([]);
    expect(collection.first.items).toHaveLength(sampleClaims.length);
  });

  it("gives annotations that each pass every MUST once given the collection's context", async () => {
    const collection = await exportCollection();
    for (const item of collection.first.items) {
      expect(item["@context"]).toBeUndefined();
      expect(check("annotation", { "@context": collection["@context"], ...item }), item.id).toEqual([]);
    }
  });

  it("passes every MUST with no claims at all", async () => {
    const collection = await exportCollection([]);
    expect(collection.total).toBe(0);
    expect(collection.first.items).toEqual([]);
    expect(check("collection", collection)).toEqual([]);
  });

  it("maps a claim to an assessing annotation with its tag, note, claimant, evidence, creator and both selectors", () => {
    const claim = sampleClaims[0];
    expect(toW3cAnnotation(claim, links)).toEqual({
      id: `${links.origin}/api/annotations/${claim.id}`,
      type: "Annotation",
      motivation: "assessing",
      creator: { type: "Person", name: "Ada Reviewer" },
      created: claim.createdAt,
      modified: claim.updatedAt,
      body: [
        { type: "TextualBody", purpose: "tagging", value: "disputed" },
        { type: "TextualBody", purpose: "commenting", value: claim.note, format: "text/plain" },
        { type: "TextualBody", purpose: "describing", value: "Claimant: Andy Jassy", format: "text/plain" },
        { type: "SpecificResource", purpose: "linking", source: "https://example.org/aws-statement" },
        { type: "SpecificResource", purpose: "linking", source: "https://example.org/apple-letter?a=1&b=2" },
      ],
      target: {
        type: "SpecificResource",
        source: `${links.origin}/documents/jassy-bloomberg-retraction`,
        selector: [
          { type: "TextQuoteSelector", exact: "spy chips", prefix: claim.prefix, suffix: claim.suffix },
          { type: "TextPositionSelector", start: 39, end: 48 },
        ],
      },
    });
  });

  it("leaves out an empty note, claimant and context, and targets the publisher's page when it is known", () => {
    const bare = toW3cAnnotation(sampleClaims[1], links);
    expect(bare.body).toEqual([{ type: "TextualBody", purpose: "tagging", value: "unverified" }]);
    expect(bare.target.selector[0]).toEqual({ type: "TextQuoteSelector", exact: "Amazon" });
    expect(toW3cAnnotation(sampleClaims[2], links).target.source).toBe(sampleClaims[2].document.sourceUrl);
  });

  it("names the user who made a claim by a stable id, and a claim made before accounts by its name alone", () => {
    expect(toW3cAnnotation(sampleClaims[2], links).creator).toEqual({
      id: `${links.origin}/people/mallory-user-id`,
      type: "Person",
      name: "@mallory",
    });
    expect(toW3cAnnotation(sampleClaims[0], links).creator).toEqual({ type: "Person", name: "Ada Reviewer" });
    expect(check("annotation", toW3cAnnotation(sampleClaims[2], links, { standalone: true }))).toEqual([]);
  });

  it("gives an orphan only its quote, since its offsets count in an earlier revision", () => {
    const orphan = toW3cAnnotation({ ...sampleClaims[0], status: "orphan" }, links, { standalone: true });
    expect(orphan.target.selector).toEqual([
      { type: "TextQuoteSelector", exact: "spy chips", prefix: sampleClaims[0].prefix, suffix: sampleClaims[0].suffix },
    ]);
    expect(check("annotation", orphan)).toEqual([]);
  });

  it("keeps an imported claim's importer as creator and carries the original as via and importedFrom, passing every MUST", () => {
    const annotation = toW3cAnnotation(importedClaim, links, { standalone: true });
    expect(annotation.creator).toEqual({ id: `${links.origin}/people/ivy-user-id`, type: "Person", name: "Ivy Importer" });
    expect(annotation.via).toBe("https://hypothes.is/a/Qm9vbWVyYW5nMTIzNDU2");
    expect(annotation.importedFrom).toEqual({
      id: "https://hypothes.is/a/Qm9vbWVyYW5nMTIzNDU2",
      creator: { id: "acct:asmith@hypothes.is", type: "Person", name: "asmith" },
      generator: { type: "Software", name: "Hypothesis" },
      created: "2018-10-03T14:02:11.123Z",
      modified: "2018-10-04T09:00:00.000Z",
    });
    expect(check("annotation", annotation)).toEqual([]);
    // An original id that is no IRI (Recogito's `#abc`) is not a `via`, which the suite requires to be one.
    const local = toW3cAnnotation({ ...importedClaim, provenance: { source: "W3C import", sourceId: "#a1b2" } }, links, { standalone: true });
    expect([local.via, local.importedFrom?.id]).toEqual([undefined, "#a1b2"]);
    expect(check("annotation", local)).toEqual([]);
  });

  it("serves a claim alone with its own context, passing every MUST", () => {
    const alone = toW3cAnnotation(sampleClaims[0], links, { standalone: true });
    expect(alone["@context"]).toBe(annoContext);
    expect(check("annotation", alone)).toEqual([]);
  });
});
