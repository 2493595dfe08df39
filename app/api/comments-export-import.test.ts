/**
 * A claim's discussion leaves in the W3C export as annotations replying to
 * the claim (passing the W3C suite's MUSTs) and comes back through import
 * as comments on the imported claim, not folded into its note; CSV counts
 * them. Runs on PGlite, and on PostgreSQL when DATABASE_URL is set.
 */
import { randomUUID } from "node:crypto";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { type TestPerson, person } from "@/test/accounts";
import { call, createTestDocument } from "@/test/api-client";
import { w3cMustChecker } from "@/test/w3c-validator";
import * as commentsRoute from "./annotations/[id]/comments/route";
import * as annotationsRoute from "./documents/[slug]/annotations/route";
import * as exportRoute from "./documents/[slug]/export/route";
import * as importRoute from "./documents/[slug]/import/route";
import * as queueMentionsRoute from "./queue/mentions/route";

// Names of this run: on a PostgreSQL other test files share, a mention of "@Maya Chen" would name every Maya Chen they made.
const run = randomUUID().slice(0, 8);
const mayaName = `Maya Chen ${run}`;
const edName = `Ed Stone ${run}`;

const text = "The council said the harbour budget doubled, and the mayor denied any overspend at all.";
const check = w3cMustChecker();
let maya: TestPerson;
let ed: TestPerson;
let source: string;
let commented: string;
let quiet: string;

const rangeOf = (words: string) => ({ start: text.indexOf(words), end: text.indexOf(words) + words.length });

beforeAll(async () => {
  [maya, ed] = await Promise.all([person(mayaName, "reviewer"), person(edName, "editor")]);
  source = (await createTestDocument([{ type: "paragraph", text }])).slug;
  const make = async (words: string, tag: string, note = "") =>
    (await call(annotationsRoute.POST, { slug: source }, { body: { ...rangeOf(words), tag, note }, token: maya.token })).json.annotation.id;
  commented = await make("the harbour budget doubled", "disputed", "Budget papers say +40%.");
  quiet = await make("denied any overspend", "unverified");
  for (const [who, body] of [
    [maya, "I asked the council for the papers."],
    [ed, `@${mayaName} the papers are online, see page 4.`],
  ] as const) {
    expect((await call(commentsRoute.POST, { id: commented }, { body: { body }, token: who.token })).status).toBe(201);
  }
});
afterAll(closeDb);

describe("comments in exports", () => {
  it("writes each comment after its claim in W3C, replying to it, and passes every MUST", async () => {
    const { status, json } = await call(exportRoute.GET, { slug: source }, { query: "format=w3c", token: ed.token });
    expect(status).toBe(200);
    expect(check("collection", json)).toEqual([]);
    const items = json.first.items as Record<string, unknown>[];
    expect(json.total).toBe(items.length);
    expect(items.map((item) => item.motivation)).toEqual(["assessing", "replying", "replying", "assessing"]);
    const claimIri = items[0].id;
    expect(items[1]).toMatchObject({
      type: "Annotation",
      motivation: "replying",
      target: claimIri,
      bodyValue: "I asked the council for the papers.",
      creator: { type: "Person", name: mayaName },
    });
    expect(items[2]).toMatchObject({ target: claimIri, creator: { name: edName } });
    for (const item of items) expect(check("annotation", { "@context": json["@context"], ...item }), String(item.id)).toEqual([]);
  });

  it("counts each claim's comments in a CSV column", async () => {
    const { text: csv } = await call(exportRoute.GET, { slug: source }, { query: "format=csv", token: ed.token });
    const [header, ...rows]: string[][] = parse(csv, { bom: true });
    const column = header.indexOf("comments");
    expect(column).toBeGreaterThan(0);
    expect(Object.fromEntries(rows.map((row) => [row[0], row[column]]))).toEqual({ [commented]: "2", [quiet]: "0" });
  });
});

describe("importing a file with replies", () => {
  /** A claim of a hand-written file, and a reply to an annotation of it. */
  const claim = {
    id: "urn:x:claim",
    type: "Annotation",
    body: [{ type: "TextualBody", purpose: "tagging", value: "denied" }],
    target: { source: "https://example.org", selector: { type: "TextQuoteSelector", exact: "denied any overspend" } },
  };
  const replyTo = (target: string, fields: object) => ({ type: "Annotation", motivation: "replying", target, ...fields });

  it("brings them back as comments on the imported claim, by their authors, not in its note, and counts them", async () => {
    const file = (await call(exportRoute.GET, { slug: source }, { query: "format=w3c", token: ed.token })).json;
    const target = (await createTestDocument([{ type: "paragraph", text }])).slug;
    const imported = await call(importRoute.POST, { slug: target }, { body: file, token: ed.token });
    expect(imported.status).toBe(201);
    expect(imported.json.comments).toBe(2);
    expect(imported.json.skipped).toEqual([]);
    const created = imported.json.created as { id: string; quote: string; note: string; commentCount: number }[];
    expect(created.map((claim) => [claim.quote, claim.note, claim.commentCount])).toEqual([
      ["the harbour budget doubled", "Budget papers say +40%.", 2],
      ["denied any overspend", "", 0],
    ]);
    const thread = (await call(commentsRoute.GET, { id: created[0].id }, { token: maya.token })).json.comments;
    expect(thread.map((c: { author: { name: string }; body: string }) => [c.author.name, c.body])).toEqual([
      [mayaName, "I asked the council for the papers."],
      [edName, `@${mayaName} the papers are online, see page 4.`],
    ]);
    // The file's times are kept; the mention still names Maya, so the imported claim is in her queue too.
    expect(thread[0].createdAt).toBe(file.first.items[1].created);
    expect(thread[1].mentions).toEqual([{ id: maya.id, name: mayaName }]);
    const mentions = (await call(queueMentionsRoute.GET, {}, { token: maya.token })).json.mentions;
    expect(mentions.map((m: { annotationId: string }) => m.annotationId)).toContain(created[0].id);

    // Imported again: the claims are there already, and so their replies are duplicates.
    const again = await call(importRoute.POST, { slug: target }, { body: file, token: ed.token });
    expect(again.status).toBe(200);
    expect(again.json.comments).toBe(0);
    expect(again.json.skipped.map((s: { reason: string }) => s.reason)).toEqual(["duplicate", "duplicate", "duplicate", "duplicate"]);
  });

  it("refuses a reply to a claim that is not in the file, or one with no words, and imports nothing", async () => {
    const target = (await createTestDocument([{ type: "paragraph", text }])).slug;
    const reply = (to: string, bodyValue: string) => replyTo(to, { bodyValue });
    const refused = await call(
      importRoute.POST,
      { slug: target },
      { body: [claim, reply("urn:x:elsewhere", "Lost"), reply("urn:x:claim", "  ")], token: ed.token },
    );
    expect(refused.status).toBe(422);
    expect(refused.json.skipped.map((s: { index: number; reason: string }) => [s.index, s.reason])).toEqual([
      [1, "not_anchored"],
      [2, "invalid"],
    ]);
    const kept = await call(importRoute.POST, { slug: target }, { body: [claim, reply("urn:x:claim", "Kept.")], token: ed.token });
    expect(kept.status).toBe(201);
    expect([kept.json.created[0].note, kept.json.created[0].commentCount, kept.json.comments]).toEqual(["", 1, 1]);
  });

  it("imports a reply whose time or author the database could not store with the import's time and the importer's name, not a 500", async () => {
    const target = (await createTestDocument([{ type: "paragraph", text }])).slug;
    const reply = (extra: object) => replyTo("urn:x:claim", { bodyValue: "Odd reply.", ...extra });
    const before = Date.now();
    const imported = await call(
      importRoute.POST,
      { slug: target },
      {
        body: [
          claim,
          reply({ created: "0000-01-01T00:00:00Z" }),
          reply({ created: "+275760-09-13T00:00:00Z" }),
          reply({ creator: { name: "a\u0000b" } }),
        ],
        token: ed.token,
      },
    );
    expect(imported.status, imported.text).toBe(201);
    expect(imported.json.comments).toBe(3);
    const thread = (await call(commentsRoute.GET, { id: imported.json.created[0].id }, { token: maya.token })).json.comments;
    for (const comment of thread as { author: { name: string }; createdAt: string }[]) {
      expect(comment.author.name).toBe(edName);
      expect(Date.parse(comment.createdAt)).toBeGreaterThanOrEqual(before - 1_000);
    }
  });
});
