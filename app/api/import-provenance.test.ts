/**
 * An import keeps who wrote each annotation, in which tool and when, as the
 * claim's (and a reply's) provenance, while the importer is who created the
 * claim here; exports carry the original, and importing an export again
 * keeps the first author. Runs on PGlite, and on PostgreSQL when DATABASE_URL is set.
 */
import { randomUUID } from "node:crypto";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import type { Annotation } from "@/lib/annotation";
import type { Comment } from "@/lib/comments";
import { type TestPerson, person } from "@/test/accounts";
import { call, createTestDocument } from "@/test/api-client";
import { hypothesisAnnotation, jassyBlocks } from "@/test/import-samples";
import { w3cMustChecker } from "@/test/w3c-validator";
import * as commentsRoute from "./annotations/[id]/comments/route";
import * as annotationsRoute from "./documents/[slug]/annotations/route";
import * as exportRoute from "./documents/[slug]/export/route";
import * as importRoute from "./documents/[slug]/import/route";

const run = randomUUID().slice(0, 8);
const check = w3cMustChecker();
let ivy: TestPerson;
let otto: TestPerson;

const quote = "Reporters got played or took liberties.";
const hypothesisClaim = hypothesisAnnotation(quote, ["Disputed"], "AWS gives no detail.");
/** A Hypothesis reply to it: an account IRI as its creator, the claim's id as its target. */
const hypothesisReply = {
  "@context": "http://www.w3.org/ns/anno.jsonld",
  type: "Annotation",
  id: "https://hypothes.is/a/reply0000000000000001",
  motivation: "replying",
  created: "2018-10-23T08:00:00.000000+00:00",
  creator: "acct:bsmith@hypothes.is",
  bodyValue: "Bloomberg stands by it.",
  target: hypothesisClaim.id,
};
const hypothesisCreated = "2018-10-22T14:02:11.123Z";

const claimsOf = async (slug: string): Promise<Annotation[]> => (await call(annotationsRoute.GET, { slug }, { token: ivy.token })).json.annotations;
const threadOf = async (id: string): Promise<Comment[]> => (await call(commentsRoute.GET, { id }, { token: ivy.token })).json.comments;
const exportOf = (slug: string, format: string) => call(exportRoute.GET, { slug }, { query: `format=${format}`, token: ivy.token });

let slug: string;

beforeAll(async () => {
  [ivy, otto] = await Promise.all([person(`Ivy Importer ${run}`, "editor"), person(`Otto Other ${run}`, "editor")]);
  slug = (await createTestDocument(jassyBlocks)).slug;
  const imported = await call(importRoute.POST, { slug }, { body: [hypothesisClaim, hypothesisReply], token: ivy.token });
  expect(imported.status).toBe(201);
});
afterAll(closeDb);

describe("importing from Hypothesis", () => {
  it("records the importer as the claim's creator and the annotation's author, tool and dates as its provenance", async () => {
    const [claim] = await claimsOf(slug);
    expect(claim.createdBy).toBe(ivy.name);
    expect(claim.createdById).toBe(ivy.id);
    expect(claim.provenance).toEqual({
      creator: { name: "factchecker", id: "acct:factchecker@hypothes.is" },
      source: "Hypothesis",
      sourceId: hypothesisClaim.id,
      created: hypothesisCreated,
      modified: "2018-10-22T14:05:40.654Z",
    });
  });

  it("names a reply's author by their Hypothesis account, marked as imported", async () => {
    const [claim] = await claimsOf(slug);
    const [reply] = await threadOf(claim.id);
    expect(reply.author).toEqual({ id: null, name: "bsmith" });
    expect(reply.provenance).toMatchObject({ creator: { name: "bsmith", id: "acct:bsmith@hypothes.is" }, source: "Hypothesis" });
    expect(reply.createdAt).toBe("2018-10-23T08:00:00.000Z");
  });

  it("gives a claim made in the app no provenance", async () => {
    const made = await call(annotationsRoute.POST, { slug }, { body: { start: 0, end: 6, tag: "unverified" }, token: ivy.token });
    expect(made.status).toBe(201);
    expect(made.json.annotation.provenance).toBeNull();
  });
});

describe("importing a W3C file from another tool", () => {
  it("names the tool by the file's generator and the author by the creator's name, keeping its id", async () => {
    const target = (await createTestDocument(jassyBlocks)).slug;
    const annotation = {
      ...hypothesisAnnotation("Bloomberg should retract.", ["denied"], ""),
      id: "urn:uuid:7f0c1d2e-0000-4000-8000-000000000001",
      creator: { type: "Person", id: "https://annotate.example/u/asmith", name: "A. Smith" },
      generator: { type: "Software", name: "Annotate Example" },
      created: "2018-10-03T09:00:00Z",
    };
    const { status } = await call(importRoute.POST, { slug: target }, { body: [annotation], token: otto.token });
    expect(status).toBe(201);
    const [claim] = await claimsOf(target);
    expect([claim.createdBy, claim.provenance]).toEqual([
      otto.name,
      {
        creator: { name: "A. Smith", id: "https://annotate.example/u/asmith" },
        source: "Annotate Example",
        sourceId: annotation.id,
        created: "2018-10-03T09:00:00.000Z",
        modified: "2018-10-22T14:05:40.654Z",
      },
    ]);
  });

  it("imports an annotation whose creator or tool the database could not store without them, not a 500", async () => {
    const target = (await createTestDocument(jassyBlocks)).slug;
    const annotation = {
      ...hypothesisAnnotation("Bloomberg should retract.", ["denied"], ""),
      creator: { name: "Half \ud83d emoji" },
      generator: { name: "Tool\u0000" },
    };
    const { status, json } = await call(importRoute.POST, { slug: target }, { body: [annotation], token: otto.token });
    expect(status).toBe(201);
    expect(json.created[0].provenance).toEqual({
      source: "Hypothesis",
      sourceId: annotation.id,
      created: "2018-10-22T14:02:11.123Z",
      modified: "2018-10-22T14:05:40.654Z",
    });
  });
});

describe("exports of imported claims", () => {
  it("keep the importer as the W3C creator and carry the original as via and importedFrom, passing every MUST", async () => {
    const { json } = await exportOf(slug, "w3c");
    expect(check("collection", json)).toEqual([]);
    // The claim, then its reply (a claim made in the app may come before them).
    const items = json.first.items as Record<string, unknown>[];
    const at = items.findIndex((item) => item.via === hypothesisClaim.id);
    const [claim, reply] = items.slice(at, at + 2);
    expect(claim.creator).toMatchObject({ name: ivy.name });
    expect(claim.via).toBe(hypothesisClaim.id);
    expect(claim.importedFrom).toEqual({
      id: hypothesisClaim.id,
      creator: { id: "acct:factchecker@hypothes.is", type: "Person", name: "factchecker" },
      generator: { type: "Software", name: "Hypothesis" },
      created: hypothesisCreated,
      modified: "2018-10-22T14:05:40.654Z",
    });
    expect(reply).toMatchObject({ motivation: "replying", via: hypothesisReply.id, importedFrom: { creator: { name: "bsmith" } } });
  });

  it("give the original author, tool and date in CSV columns", async () => {
    const [header, ...rows]: string[][] = parse((await exportOf(slug, "csv")).text, { bom: true });
    const imported = rows.find((row) => row[header.indexOf("quote")] === quote)!;
    const cell = (name: string) => imported[header.indexOf(name)];
    expect([cell("created by"), cell("original author"), cell("original source"), cell("original date")]).toEqual([
      ivy.name,
      "factchecker",
      "Hypothesis",
      hypothesisCreated,
    ]);
  });

  it("come back through import with the first author, not the re-importer, as provenance", async () => {
    const file = (await exportOf(slug, "w3c")).json;
    const target = (await createTestDocument(jassyBlocks)).slug;
    const again = await call(importRoute.POST, { slug: target }, { body: file, token: otto.token });
    expect(again.status).toBe(201);
    const claim = (await claimsOf(target)).find((c) => c.quote === quote)!;
    expect(claim.createdBy).toBe(otto.name);
    expect(claim.provenance).toMatchObject({ creator: { name: "factchecker" }, source: "Hypothesis", created: hypothesisCreated });
    const [reply] = await threadOf(claim.id);
    expect([reply.author.name, reply.provenance?.source]).toEqual(["bsmith", "Hypothesis"]);
  });
});
