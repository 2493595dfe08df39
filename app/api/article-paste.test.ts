/**
 * Pasted articles (#19): page furniture kept unless `"furniture": "drop"`
 * asks otherwise, and `POST /api/article-preview`, which reads an article as
 * it would be added and stores nothing.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { person } from "@/test/accounts";
import { call } from "@/test/api-client";
import * as previewRoute from "./article-preview/route";
import * as revisionsRoute from "./documents/[slug]/revisions/route";
import * as documentRoute from "./documents/[slug]/route";
import * as documentsRoute from "./documents/route";

afterAll(closeDb);

const cnbc = readFileSync(join(process.cwd(), "content/jassy-bloomberg-retraction.txt"), "utf8");
const teaser = "WATCH: Super Micro plunges on new report of hacked hardware in US";
// Each add its own words, so that no add is refused or named as another's duplicate.
const article = () => `${cnbc}\nPasted ${randomUUID()}.\n`;

describe("furniture on POST /api/documents", () => {
  it("keeps every line when furniture is absent", async () => {
    const { status, json } = await call(documentsRoute.POST, {}, { body: { title: `Jassy ${randomUUID()}`, text: article() } });
    expect(status).toBe(201);
    expect(json.document.text).toContain(teaser);
    expect(json.document.text.match(/Super Micro plunges on new report/g)).toHaveLength(3);
  });

  it('leaves the teaser and its repeats out with "furniture": "drop", and keeps the rest', async () => {
    const { status, json } = await call(documentsRoute.POST, {}, { body: { title: `Jassy ${randomUUID()}`, text: article(), furniture: "drop" } });
    expect(status).toBe(201);
    expect(json.document.text).not.toContain("Super Micro plunges");
    expect(json.document.text).toContain("Bloomberg had described.");
    expect(json.document.text).toMatch(/Pasted [0-9a-f-]+\.$/);
  });

  it("refuses another value, or furniture with HTML or Markdown, with 400 and stores nothing", async () => {
    const title = `Refused ${randomUUID()}`;
    for (const body of [
      { title, text: article(), furniture: "hide" },
      { title, html: `<p>${teaser}</p>`, furniture: "drop" },
      { title, markdown: teaser, furniture: "keep" },
    ]) {
      const { status, json } = await call(documentsRoute.POST, {}, { body });
      expect(status).toBe(400);
      expect(json.error.code).toBeTypeOf("string");
    }
    const listed = await call(documentsRoute.GET, {}, { query: `q=${encodeURIComponent(title)}` });
    expect(listed.json.documents.filter((d: { title: string }) => d.title === title)).toEqual([]);
  });
});

describe("furniture on POST /api/documents/{slug}/revisions", () => {
  it('leaves it out of a revision with "furniture": "drop", and keeps it without', async () => {
    const added = await call(documentsRoute.POST, {}, { body: { title: `Jassy ${randomUUID()}`, text: article(), furniture: "drop" } });
    const { slug } = added.json.document;
    const kept = await call(revisionsRoute.POST, { slug }, { body: { text: `${cnbc}\nRevised ${randomUUID()}.\n` } });
    expect(kept.status).toBe(201);
    expect((await call(documentRoute.GET, { slug })).json.document.text).toContain(teaser);
    const dropped = await call(revisionsRoute.POST, { slug }, { body: { text: `${cnbc}\nRevised ${randomUUID()}.\n`, furniture: "drop" } });
    expect(dropped.status).toBe(201);
    const text: string = (await call(documentRoute.GET, { slug })).json.document.text;
    expect(text).not.toContain("Super Micro plunges");
    expect(text).toMatch(/Revised [0-9a-f-]+\.$/);
  });
});

describe("POST /api/article-preview", () => {
  it("answers the blocks the article would be added as, and the furniture lines, with or without dropping them", async () => {
    const kept = await call(previewRoute.POST, {}, { body: { title: "Ignored, the text has a headline", text: cnbc } });
    expect(kept.status).toBe(200);
    expect(kept.json.furniture).toEqual([teaser, teaser.slice(7), teaser.slice(7)]);
    expect(kept.json.blocks[0]).toEqual({ type: "heading", level: 1, text: cnbc.split("\n")[0] });
    expect(kept.json.blocks.at(-3)).toEqual({ type: "paragraph", text: teaser });

    const dropped = await call(previewRoute.POST, {}, { body: { text: cnbc, furniture: "drop" } });
    expect(dropped.json.furniture).toEqual(kept.json.furniture);
    expect(dropped.json.blocks).toEqual(kept.json.blocks.slice(0, -3));
  });

  it("reads Markdown and HTML as adding them would, under the title when they have no headline", async () => {
    const markdown = await call(previewRoute.POST, {}, { body: { title: "A title", markdown: "Some **bold** words.\n\n- one\n- two" } });
    expect(markdown.json).toEqual({
      blocks: [
        { type: "heading", level: 1, text: "A title" },
        { type: "paragraph", text: "Some bold words.", marks: [{ type: "strong", start: 5, end: 9 }] },
        { type: "list", items: ["one", "two"] },
      ],
      furniture: [],
    });
    const html = await call(previewRoute.POST, {}, { body: { html: "<h1>Head</h1><p>Body<script>x</script></p>" } });
    expect(html.json.blocks).toEqual([
      { type: "heading", level: 1, text: "Head" },
      { type: "paragraph", text: "Body" },
    ]);
  });

  it("answers no blocks for no words, 400 for bad input, and is refused to those who may not add articles", async () => {
    expect((await call(previewRoute.POST, {}, { body: { text: "  \n" } })).json).toEqual({ blocks: [], furniture: [] });
    expect((await call(previewRoute.POST, {}, { body: { text: "a", html: "<p>a</p>" } })).status).toBe(400);
    expect((await call(previewRoute.POST, {}, { body: { text: "a", slug: "x" } })).status).toBe(400);
    await person("Paste Reviewer", "reviewer");
    const refused = await call(previewRoute.POST, {}, { body: { text: cnbc }, reviewer: "Paste Reviewer" });
    expect(refused.status).toBe(403);
    expect((await call(previewRoute.POST, {}, { body: { text: cnbc }, reviewer: null })).status).toBe(401);
  });
});
