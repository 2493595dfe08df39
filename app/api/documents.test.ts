import { afterAll, describe, expect, it } from "vitest";
import { count as countRows } from "drizzle-orm";
import { closeDb, getDb } from "@/db/client";
import { documents } from "@/db/schema";
import { call } from "@/test/api-client";
import * as documentRoute from "./documents/[slug]/route";
import * as documentsRoute from "./documents/route";

afterAll(closeDb);

const add = (body: unknown, options = {}) => call(documentsRoute.POST, {}, { body, ...options });
// Every article stored, not a page of the list.
const count = async () => (await (await getDb()).select({ n: countRows() }).from(documents))[0].n;

describe("adding articles", () => {
  it("adds a pasted plain-text article with its metadata and opens it by slug", async () => {
    const title = `Spy chips ${crypto.randomUUID()}`;
    const { status, json } = await add({
      title,
      text: "Headline here\n\nFirst paragraph.\n\nSecond paragraph.",
      outlet: "Example Times",
      author: "A. Writer",
      sourceUrl: "https://example.org/story",
      publishedAt: "2018-10-22",
    });
    expect(status).toBe(201);
    expect(json.document).toMatchObject({ title, outlet: "Example Times", author: "A. Writer", publishedAt: "2018-10-22", revision: 1 });
    expect(json.document.slug).toMatch(/^spy-chips-/);
    const opened = await call(documentRoute.GET, { slug: json.document.slug });
    expect(opened.json.document.text).toBe("Headline here\nFirst paragraph.\nSecond paragraph.");
  });

  it("makes the title the headline of a text pasted without one, and keeps a headline it has", async () => {
    const bodyOnly = await add({ title: "Jassy asks for a retraction", text: "Andy Jassy wrote on Monday.\n\nBloomberg stands by its story." });
    expect(bodyOnly.json.document.blocks).toEqual([
      { type: "heading", level: 1, text: "Jassy asks for a retraction" },
      { type: "paragraph", text: "Andy Jassy wrote on Monday." },
      { type: "paragraph", text: "Bloomberg stands by its story." },
    ]);
    const withHeadline = await add({ title: "Short name", text: "Amazon cloud chief follows Apple\n\nAndy Jassy wrote on Monday." });
    expect(withHeadline.json.document.text).toBe("Amazon cloud chief follows Apple\nAndy Jassy wrote on Monday.");
    const html = await add({ title: "HTML body only", html: "<p>One.</p><p>Two.</p>" });
    expect(html.json.document.text).toBe("HTML body only\nOne.\nTwo.");
  });

  it("sanitises HTML and keeps its structure", async () => {
    const { status, json } = await add({ title: "HTML story", html: "<h2>Head</h2><p onclick='x()'>Body <em>text</em><script>evil()</script></p>" });
    expect(status).toBe(201);
    expect(json.document.text).toBe("Head\nBody text");
    expect(JSON.stringify(json.document.blocks)).not.toMatch(/script|evil|onclick/);
  });

  it("renders Markdown", async () => {
    const { json } = await add({ title: "MD story", markdown: "# Head\n\n- one\n- two" });
    expect(json.document.blocks).toEqual([
      { type: "heading", level: 1, text: "Head" },
      { type: "list", items: ["one", "two"] },
    ]);
  });

  it("gives two articles with one title different slugs", async () => {
    const title = `Same title ${crypto.randomUUID()}`;
    const first = await add({ title, text: "One" });
    const second = await add({ title, text: "Two" });
    expect(second.json.document.slug).toBe(`${first.json.document.slug}-2`);
  });

  const refused: [string, unknown, number][] = [
    ["empty text", { title: "t", text: "  \n " }, 400],
    ["HTML with no words", { title: "t", html: "<script>x</script>" }, 400],
    ["no text at all", { title: "t" }, 400],
    ["two formats", { title: "t", text: "a", html: "<p>b</p>" }, 400],
    ["an unknown format", { title: "t", pdf: "a" }, 400],
    ["no title", { text: "a" }, 400],
    ["a title of spaces", { title: "   ", text: "a" }, 400],
    ["a title of zero-width characters only", { title: "\u200b\u2060", text: "a" }, 400],
    ["a bad URL", { title: "t", text: "a", sourceUrl: "javascript:alert(1)" }, 400],
    ["a bad date", { title: "t", text: "a", publishedAt: "last Monday" }, 400],
    ["a date in year 0000", { title: "t", text: "a", publishedAt: "0000-01-01" }, 400],
    ["half a surrogate pair in the text", { title: "t", text: "a \udc00 b" }, 400],
    ["half a surrogate pair in the title", { title: "t \ud83d", text: "a" }, 400],
    ["text over 5 MB", { title: "t", text: "x".repeat(5 * 1024 * 1024 + 1) }, 413],
  ];
  it.each(refused)("refuses %s and stores nothing", async (_name, body, status) => {
    const before = await count();
    const result = await add(body);
    expect(result.status).toBe(status);
    expect(result.json.error.message).toEqual(expect.any(String));
    expect(await count()).toBe(before);
  });

  it("refuses a body far over the limit before reading it all", async () => {
    const result = await add(undefined, { rawBody: JSON.stringify({ title: "t", text: "x".repeat(7 * 1024 * 1024) }) });
    expect(result.status).toBe(413);
  });

  it("needs a reviewer", async () => {
    expect((await add({ title: "t", text: "a" }, { reviewer: null })).status).toBe(401);
  });

  it("lists articles with claim counts per tag", async () => {
    const { json } = await call(documentsRoute.GET, {});
    expect(json.documents[0]).toMatchObject({
      claimCounts: { disputed: expect.any(Number), denied: expect.any(Number), unverified: expect.any(Number) },
    });
  });
});
