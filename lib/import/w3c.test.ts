import { describe, expect, it } from "vitest";
import { readAnnotationList, readW3cAnnotation } from "./w3c";

const context = "http://www.w3.org/ns/anno.jsonld";
const quote = { type: "TextQuoteSelector", exact: "spy chips", prefix: "story on ", suffix: " was wrong" };
const position = { type: "TextPositionSelector", start: 39, end: 48 };
const tagging = (value: string) => ({ type: "TextualBody", purpose: "tagging", value });
const annotation = (extra: Record<string, unknown> = {}) => ({
  type: "Annotation",
  id: "https://example.org/anno/1",
  body: [tagging("disputed")],
  target: { source: "https://example.org/article", selector: [quote, position] },
  ...extra,
});

function read(json: unknown) {
  const result = readW3cAnnotation(json);
  if (!result.ok) throw new Error(`skipped: ${result.skip.reason}: ${result.skip.message}`);
  return result.annotation;
}

function skipOf(json: unknown) {
  const result = readW3cAnnotation(json);
  if (result.ok) throw new Error("expected the annotation to be skipped");
  return result.skip;
}

describe("readAnnotationList", () => {
  const items = [annotation(), annotation({ id: "https://example.org/anno/2" })];

  it("takes an array of annotations as it is", () => {
    expect(readAnnotationList(items)).toEqual({ items });
  });

  it("takes the items of a page, and says which page comes next without fetching it", () => {
    const page = { "@context": context, type: "AnnotationPage", items, next: "https://example.org/page/2" };
    expect(readAnnotationList(page)).toEqual({ items, next: "https://example.org/page/2" });
  });

  it("takes the items of a collection's embedded first page", () => {
    const collection = { "@context": context, type: "AnnotationCollection", total: 2, first: { type: "AnnotationPage", items } };
    expect(readAnnotationList(collection)).toEqual({ items });
  });

  it("takes a collection with no first page as empty", () => {
    expect(readAnnotationList({ type: "AnnotationCollection", total: 0 })).toEqual({ items: [] });
  });

  it("accepts a type given as an array", () => {
    expect(readAnnotationList({ type: ["AnnotationPage"], items })).toEqual({ items });
  });

  it.each([
    ["a collection whose first page is only linked", { type: "AnnotationCollection", first: "https://example.org/page/1" }, /only linked/],
    ["a collection whose first page has no items", { type: "AnnotationCollection", first: { type: "AnnotationPage" } }, /in `items`/],
    ["a page whose items are not an array", { type: "AnnotationPage", items: { a: 1 } }, /in `items`/],
    ["a single annotation", annotation(), /AnnotationCollection/],
    ["an object of another kind", { hello: "world" }, /AnnotationCollection/],
    ["a number", 42, /AnnotationCollection/],
    ["null", null, /AnnotationCollection/],
  ])("refuses %s", (_name, json, message) => {
    const result = readAnnotationList(json);
    expect(result).toEqual({ error: expect.stringMatching(message) });
  });
});

describe("readW3cAnnotation", () => {
  it("reads this app's export: tag, note, claimant, evidence and both selectors", () => {
    const json = annotation({
      body: [
        tagging("disputed"),
        { type: "TextualBody", purpose: "commenting", value: "Needs a source", format: "text/plain" },
        { type: "TextualBody", purpose: "describing", value: "Claimant: Andy Jassy", format: "text/plain" },
        { type: "SpecificResource", purpose: "linking", source: "https://example.org/a" },
        { type: "SpecificResource", purpose: "linking", source: "https://example.org/b" },
      ],
    });
    expect(read(json)).toEqual({
      id: "https://example.org/anno/1",
      selector: { exact: "spy chips", prefix: "story on ", suffix: " was wrong", start: 39, end: 48 },
      tag: "disputed",
      note: "Needs a source",
      claimant: "Andy Jassy",
      evidence: ["https://example.org/a", "https://example.org/b"],
      provenance: { source: "W3C import", sourceId: "https://example.org/anno/1" },
    });
  });

  it.each(["Disputed", "DENIED", "  unverified "])("maps the tag %j case-insensitively", (value) => {
    expect(read(annotation({ body: [tagging(value)] })).tag).toBe(value.trim().toLowerCase());
  });

  it("ignores tags that are not verdicts, and a verdict given twice", () => {
    const json = annotation({ body: [tagging("supply-chain"), tagging("Denied"), tagging("denied")] });
    expect(read(json).tag).toBe("denied");
  });

  it("reads a body given as one object, a target and selector given as one object", () => {
    const json = annotation({ body: tagging("denied"), target: { selector: quote } });
    expect(read(json)).toMatchObject({ tag: "denied", selector: { exact: "spy chips", prefix: "story on " } });
    expect(read(json).selector.start).toBeUndefined();
  });

  it("leaves context the file does not give absent rather than empty", () => {
    const json = annotation({ target: { selector: { type: "TextQuoteSelector", exact: "spy chips", suffix: "" } } });
    expect(read(json).selector).toEqual({ exact: "spy chips", suffix: "" });
  });

  it("takes the first target that has a text selector, ignoring other selectors", () => {
    const json = annotation({
      target: [
        "https://example.org/article",
        { source: "https://example.org/article", selector: { type: "FragmentSelector", value: "p1" } },
        { source: "https://example.org/article", selector: [{ type: "XPathSelector", value: "/p[1]" }, position] },
      ],
    });
    expect(read(json).selector).toEqual({ start: 39, end: 48 });
  });

  it("makes the note of comments, untyped text (Hypothesis) and bodyValue, in order", () => {
    const json = annotation({
      bodyValue: "Third",
      body: [
        { type: "TextualBody", value: "First, in **markdown**", format: "text/markdown" },
        tagging("unverified"),
        { type: "TextualBody", purpose: "commenting", value: "Second" },
        { type: "TextualBody", purpose: "commenting", value: "   " },
      ],
    });
    expect(read(json).note).toBe("First, in **markdown**\n\nSecond\n\nThird");
  });

  it("takes links as evidence, whatever their shape, but not resources with another purpose", () => {
    const json = annotation({
      body: [
        tagging("disputed"),
        "https://example.org/bare",
        { id: "https://example.org/web-resource", type: "Text" },
        { type: "SpecificResource", source: { id: "https://example.org/source-object" } },
        { type: "SpecificResource", purpose: "identifying", source: "https://www.geonames.org/1816670" },
      ],
    });
    expect(read(json).evidence).toEqual(["https://example.org/bare", "https://example.org/web-resource", "https://example.org/source-object"]);
  });

  it("skips an annotation with no verdict tag as no_tag, naming the tags it has", () => {
    expect(skipOf(annotation({ body: [tagging("covid")] }))).toEqual({
      id: "https://example.org/anno/1",
      reason: "no_tag",
      message: expect.stringContaining('"covid"'),
    });
    expect(skipOf(annotation({ body: [] })).reason).toBe("no_tag");
    expect(skipOf(annotation({ body: undefined })).reason).toBe("no_tag");
  });

  it("skips an annotation without a text selector as not_anchored", () => {
    expect(skipOf(annotation({ target: "https://example.org/article" })).reason).toBe("not_anchored");
    expect(skipOf(annotation({ target: undefined })).reason).toBe("not_anchored");
  });

  it.each([
    ["two different verdicts", annotation({ body: [tagging("denied"), tagging("disputed")] })],
    ["a quote that is not text", annotation({ target: { selector: { type: "TextQuoteSelector", exact: 5 } } })],
    ["a negative offset", annotation({ target: { selector: { ...position, start: -1 } } })],
    ["a fractional offset", annotation({ target: { selector: { ...position, end: 4.5 } } })],
    ["another kind of object", { type: "AnnotationPage", items: [] }],
    ["a string", "https://example.org/anno/1"],
    ["an array", [annotation()]],
  ])("skips an annotation with %s as invalid", (_name, json) => {
    expect(skipOf(json).reason).toBe("invalid");
  });
});
