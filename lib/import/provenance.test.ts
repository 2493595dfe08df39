import { describe, expect, it } from "vitest";
import { importedClaim } from "@/test/export-claims";
import { hypothesisAnnotation } from "@/test/import-samples";
import { toW3cAnnotation } from "../export/w3c";
import { readCreator, readProvenance } from "./provenance";

describe("readProvenance", () => {
  it("reads a Hypothesis annotation: its account's user part as the name, the whole IRI kept, its times", () => {
    expect(readProvenance(hypothesisAnnotation("Bloomberg should retract.", ["disputed"], ""))).toEqual({
      creator: { name: "factchecker", id: "acct:factchecker@hypothes.is" },
      source: "Hypothesis",
      sourceId: expect.stringMatching(/^https:\/\/hypothes\.is\/a\//),
      created: "2018-10-22T14:02:11.123Z",
      modified: "2018-10-22T14:05:40.654Z",
    });
  });

  it("names the tool by the annotation's generator, and a file that names none a W3C import", () => {
    const generated = { id: "urn:uuid:1", creator: { name: "Ada" }, generator: { type: "Software", name: "Recogito" } };
    expect(readProvenance(generated)).toEqual({ creator: { name: "Ada" }, source: "Recogito", sourceId: "urn:uuid:1" });
    expect(readProvenance({ type: "Annotation" })).toEqual({ source: "W3C import" });
  });

  it("leaves out times PostgreSQL cannot store and names nobody for a creator without a name or id", () => {
    expect(readProvenance({ created: "not a date", modified: "+010000-01-01T00:00:00Z", creator: { type: "Person" } })).toEqual({
      source: "W3C import",
    });
  });

  it("keeps no text the database could not store, and cuts a long name without halving an emoji", () => {
    expect(readProvenance({ creator: { name: "Bad \ud800 name" }, generator: { name: "Tool\u0000" }, id: "urn:x\udfff" })).toEqual({
      source: "W3C import",
    });
    const long = `${"a".repeat(499)}😀😀`;
    expect(readCreator({ name: long })).toEqual({ name: `${"a".repeat(499)}😀` });
  });

  it("prefers what this app's export says of the original to the exporting app's own creator", () => {
    const exported = toW3cAnnotation(importedClaim, { origin: "https://factcheck.example.org" });
    expect(readProvenance(exported)).toEqual(importedClaim.provenance);
  });
});

describe("readCreator", () => {
  it.each([
    ["an account IRI", "acct:asmith@hypothes.is", { name: "asmith", id: "acct:asmith@hypothes.is" }],
    ["another IRI, kept whole", "https://example.org/people/7", { name: "https://example.org/people/7", id: "https://example.org/people/7" }],
    ["an Agent with a name", { id: "https://example.org/u/1", name: "A. Smith" }, { name: "A. Smith", id: "https://example.org/u/1" }],
    ["an Agent with only a nickname", { nickname: "smithy" }, { name: "smithy" }],
    ["the first of several", [{ name: "First" }, { name: "Second" }], { name: "First" }],
  ])("reads %s", (_what, value, expected) => {
    expect(readCreator(value)).toEqual(expected);
  });

  it.each([[undefined], [""], [{ type: "Person" }], [42]])("names nobody for %j", (value) => {
    expect(readCreator(value)).toBeUndefined();
  });
});
