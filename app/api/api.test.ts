import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { loadContentArticles } from "@/db/load-content";
import { editorAnnotationKeys, toEditorAnnotation } from "@/lib/annotation";
import { call, createTestDocument } from "@/test/api-client";
import * as commentsRoute from "./annotations/[id]/comments/route";
import * as restoreRoute from "./annotations/[id]/restore/route";
import * as annotationRoute from "./annotations/[id]/route";
import * as annotationsRoute from "./documents/[slug]/annotations/route";
import * as documentRoute from "./documents/[slug]/route";
import * as documentsRoute from "./documents/route";

const list = (slug: string) => call(annotationsRoute.GET, { slug });
// These tests share one article and tag its first words again and again: the same words are allowed here, and refused in the tests of `same_words`.
const create = (slug: string, body: unknown, options = {}) =>
  call(
    annotationsRoute.POST,
    { slug },
    { body: body && typeof body === "object" && !Array.isArray(body) ? { sameWords: "allow", ...body } : body, ...options },
  );
const patch = (id: string, body: unknown, options = {}) => call(annotationRoute.PATCH, { id }, { body, method: "PATCH", ...options });
const remove = (id: string, options = {}) => call(annotationRoute.DELETE, { id }, { method: "DELETE", ...options });
const restore = (id: string) => call(restoreRoute.POST, { id }, { method: "POST" });

// "😀" is two UTF-16 units but one code point; offsets count code points.
const text = ["Café “quoted” 😀 claim here.", "Second paragraph says spy chips were found."];
let slug: string;

beforeAll(async () => {
  // What the server's start-up does (instrumentation-node.ts).
  await loadContentArticles(await getDb(), "content");
  const document = await createTestDocument([
    { type: "heading", level: 1, text: text[0] },
    { type: "paragraph", text: text[1] },
  ]);
  slug = document.slug;
});
afterAll(closeDb);

describe("documents", () => {
  it("lists the articles of content/ with their metadata", async () => {
    const { status, json } = await call(documentsRoute.GET, {});
    expect(status).toBe(200);
    const jassy = json.documents.find((d: { slug: string }) => d.slug === "jassy-bloomberg-retraction");
    expect(jassy).toMatchObject({
      title: "Amazon cloud chief Jassy follows Apple in calling for retraction of Chinese spy chip story",
      outlet: "CNBC",
      sourceUrl: null,
      publishedAt: null,
    });
  });

  it("gives one article with the plain text offsets count in", async () => {
    const { status, json } = await call(documentRoute.GET, { slug: "jassy-bloomberg-retraction" });
    expect(status).toBe(200);
    expect(json.document.text.startsWith("Amazon cloud chief Jassy")).toBe(true);
    expect(json.document.text).toContain("\nKey Points\nAWS CEO Andy Jassy said Bloomberg story");
    expect(json.document.blocks.map((b: { type: string }) => b.type).slice(0, 4)).toEqual(["heading", "heading", "list", "caption"]);
  });

  it("answers 404 for an unknown article", async () => {
    const { status, json } = await call(documentRoute.GET, { slug: "no-such-article" });
    expect(status).toBe(404);
    expect(json.error.code).toBe("not_found");
    expect((await list("no-such-article")).status).toBe(404);
  });
});

describe("claims", () => {
  it("creates a claim anchored by code points, with quote and context", async () => {
    // "claim" starts after "Café “quoted” 😀 " = 16 code points.
    const { status, json } = await create(slug, {
      start: 16,
      end: 21,
      tag: "disputed",
      note: "Needs a source",
      claimant: "Andy Jassy",
      evidence: ["https://example.org/a"],
    });
    expect(status).toBe(201);
    expect(json.annotation).toMatchObject({
      start: 16,
      end: 21,
      quote: "claim",
      prefix: "Café “quoted” 😀 ",
      suffix: " here.\nSecond paragraph says spy",
      tag: "disputed",
      note: "Needs a source",
      claimant: "Andy Jassy",
      evidence: ["https://example.org/a"],
      createdBy: "Test Reviewer",
      updatedBy: "Test Reviewer",
      version: 1,
    });
    expect(json.annotation.suffix).toHaveLength(32);
    // The list (JSON built by the database) gives the claim exactly as the create answered it,
    // with the revision its offsets count in.
    const listed = await list(slug);
    expect(listed.json.revision).toBe(1);
    expect(listed.json.annotations.find((a: { id: string }) => a.id === json.annotation.id)).toStrictEqual(json.annotation);
  });

  it("lists only the editor's fields with ?fields=editor, and refuses other fields values", async () => {
    const { json: created } = await create(slug, { start: 0, end: 4, tag: "denied", note: "short" });
    const { status, json } = await call(annotationsRoute.GET, { slug }, { query: "fields=editor" });
    expect(status).toBe(200);
    const listed = json.annotations.find((a: { id: string }) => a.id === created.annotation.id);
    expect(Object.keys(listed).sort()).toEqual([...editorAnnotationKeys].sort());
    expect(listed).toEqual(toEditorAnnotation(created.annotation));
    const wrong = await call(annotationsRoute.GET, { slug }, { query: "fields=all" });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.code).toBe("invalid_fields");
  });

  it("tags the latest list, answers 304 with no body while it is unchanged, and a new list once a claim changes", async () => {
    const editorList = (ifNoneMatch?: string) =>
      call(annotationsRoute.GET, { slug }, { query: "fields=editor", headers: ifNoneMatch ? { "if-none-match": ifNoneMatch } : {} });
    const first = await editorList();
    expect(first.status).toBe(200);
    const tag = first.headers.get("etag")!;
    expect(tag).toMatch(/^W\/".+"$/);
    expect(first.headers.get("cache-control")).toBe("private, no-cache");
    // The full list and the editor's are not the same answer.
    expect((await list(slug)).headers.get("etag")).not.toBe(tag);

    const unchanged = await editorList(tag);
    expect(unchanged.status).toBe(304);
    expect(unchanged.text).toBe("");
    expect(unchanged.headers.get("etag")).toBe(tag);
    expect((await editorList(`"another", ${tag.slice(2)}`)).status).toBe(304);
    expect((await editorList("*")).status).toBe(304);

    // Each kind of change gives the list a new tag, and the list sent shows it.
    const { json: created } = await create(slug, { start: 5, end: 13, tag: "disputed" });
    const id = created.annotation.id;
    const afterCreate = await editorList(tag);
    expect(afterCreate.status).toBe(200);
    expect(afterCreate.json.annotations.map((a: { id: string }) => a.id)).toContain(id);
    const changes: [string, () => Promise<{ status: number }>, number, (claim: Record<string, unknown> | undefined) => void][] = [
      ["retag", () => patch(id, { version: 1, tag: "denied" }), 200, (claim) => expect(claim?.tag).toBe("denied")],
      ["comment", () => call(commentsRoute.POST, { id }, { body: { body: "Seen elsewhere." } }), 201, (claim) => expect(claim?.commentCount).toBe(1)],
      ["delete", () => remove(id), 204, (claim) => expect(claim).toBeUndefined()],
    ];
    let current = afterCreate.headers.get("etag")!;
    for (const [what, change, status, check] of changes) {
      expect((await change()).status, what).toBe(status);
      const answer = await editorList(current);
      expect(answer.status, what).toBe(200);
      check(answer.json.annotations.find((a: { id: string }) => a.id === id));
      expect(answer.headers.get("etag"), what).not.toBe(current);
      current = answer.headers.get("etag")!;
    }
  });

  it("retries a create with the same client id without making a second claim", async () => {
    const id = crypto.randomUUID();
    const body = { id, start: 0, end: 4, tag: "unverified" };
    expect((await create(slug, body)).status).toBe(201);
    const again = await create(slug, body);
    expect(again.status).toBe(200);
    expect(again.json.annotation.id).toBe(id);
    expect((await list(slug)).json.annotations.filter((a: { id: string }) => a.id === id)).toHaveLength(1);
    expect((await create(slug, { ...body, start: 1 })).status).toBe(409);
  });

  it("changes a claim with its version and refuses a stale version with the current claim", async () => {
    const { json } = await create(slug, { start: 0, end: 4, tag: "denied" });
    const id = json.annotation.id;
    const changed = await patch(id, { version: 1, tag: "unverified", note: "checked" }, { reviewer: "Second Reviewer" });
    expect(changed.status).toBe(200);
    expect(changed.json.annotation).toMatchObject({
      tag: "unverified",
      note: "checked",
      version: 2,
      createdBy: "Test Reviewer",
      updatedBy: "Second Reviewer",
    });
    const stale = await patch(id, { version: 1, note: "lost?" });
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe("version_conflict");
    expect(stale.json.annotation).toMatchObject({ version: 2, note: "checked" });
  });

  it("soft-deletes a claim and restores it with the same id", async () => {
    const { json } = await create(slug, { start: 5, end: 13, tag: "disputed", note: "keep me" });
    const id = json.annotation.id;
    expect((await remove(id)).status).toBe(204);
    expect((await list(slug)).json.annotations.some((a: { id: string }) => a.id === id)).toBe(false);
    const refused = await patch(id, { version: 2, note: "x" }, { reviewer: "Second Reviewer" });
    // Not applied and not restored: who deleted it, and when, for the other reviewer to decide.
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe("deleted");
    expect(refused.json.error.message).toMatch(/^Deleted by Test Reviewer at /);
    expect(refused.json.annotation).toMatchObject({ id, note: "keep me", deletedBy: "Test Reviewer" });
    expect(Number.isNaN(Date.parse(refused.json.annotation.deletedAt))).toBe(false);
    expect((await list(slug)).json.annotations.some((a: { id: string }) => a.id === id)).toBe(false);
    const restored = await restore(id);
    expect(restored.status).toBe(200);
    expect(restored.json.annotation).toMatchObject({ id, note: "keep me", version: 3, quote: "“quoted”" });
    expect((await list(slug)).json.annotations.some((a: { id: string }) => a.id === id)).toBe(true);
  });

  it("refuses a claim on exactly the words of another live claim (409 same_words) with it, unless the request allows it", async () => {
    const words = { start: 35, end: 44 }; // "paragraph", which no other test tags
    const first = await call(annotationsRoute.POST, { slug }, { body: { ...words, tag: "denied" } });
    expect(first.status).toBe(201);
    const again = await call(annotationsRoute.POST, { slug }, { body: { ...words, tag: "unverified" }, reviewer: "Second Reviewer" });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("same_words");
    expect(again.json.error.message).toMatch(/^Test Reviewer already tagged these words denied/);
    expect(again.json.annotation).toMatchObject({ id: first.json.annotation.id, tag: "denied" });
    expect((await list(slug)).json.annotations.filter((a: { start: number; end: number }) => a.start === 35 && a.end === 44)).toHaveLength(1);
    // Other words overlapping them are another claim; the same words are, when the request says so.
    expect((await call(annotationsRoute.POST, { slug }, { body: { start: 35, end: 43, tag: "unverified" } })).status).toBe(201);
    const allowed = await call(annotationsRoute.POST, { slug }, { body: { ...words, tag: "unverified", sameWords: "allow" } });
    expect(allowed.status).toBe(201);
    // Once the first is deleted, its words are free.
    expect((await remove(first.json.annotation.id)).status).toBe(204);
    expect((await remove(allowed.json.annotation.id)).status).toBe(204);
    expect((await call(annotationsRoute.POST, { slug }, { body: { ...words, tag: "disputed" } })).status).toBe(201);
  });
});

describe("article list", () => {
  it("counts each article's live claims by tag", async () => {
    const claims: { tag: string }[] = (await list(slug)).json.annotations;
    // Paged through: on a shared PostgreSQL the list holds other files' articles too.
    let listed: { claimCounts: Record<string, number> } | undefined;
    for (let after: string | null = null, page = 0; !listed && page < 100; page++) {
      const { json }: { json: { documents: { slug: string; claimCounts: Record<string, number> }[]; next: string | null } } = await call(
        documentsRoute.GET,
        {},
        { query: `limit=100${after ? `&after=${encodeURIComponent(after)}` : ""}` },
      );
      listed = json.documents.find((d: { slug: string }) => d.slug === slug);
      after = json.next;
      if (!after) break;
    }
    for (const tag of ["disputed", "denied", "unverified"]) {
      expect(listed!.claimCounts[tag], tag).toBe(claims.filter((c) => c.tag === tag).length);
    }
    expect(claims.length).toBeGreaterThan(0);
  });
});

describe("bad input is refused, stores nothing and never answers 500", () => {
  const valid = { start: 0, end: 4, tag: "disputed" };
  const cases: [string, CallBody, number, string][] = [
    ["unknown tag", { body: { ...valid, tag: "false" } }, 400, "invalid_body"],
    ["start equal to end", { body: { ...valid, end: 0 } }, 400, "invalid_range"],
    ["start after end", { body: { ...valid, start: 5, end: 2 } }, 400, "invalid_range"],
    ["end past the text", { body: { ...valid, end: 10_000 } }, 400, "invalid_range"],
    ["negative offset", { body: { ...valid, start: -1 } }, 400, "invalid_body"],
    ["fractional offset", { body: { ...valid, end: 2.5 } }, 400, "invalid_body"],
    ["offset as a string", { body: { ...valid, start: "0" } }, 400, "invalid_body"],
    ["note of the wrong type", { body: { ...valid, note: 5 } }, 400, "invalid_body"],
    ["unknown field", { body: { ...valid, colour: "red" } }, 400, "invalid_body"],
    ["field that cannot be set", { body: { ...valid, createdBy: "someone" } }, 400, "invalid_body"],
    ["evidence that is not a URL", { body: { ...valid, evidence: ["not a url"] } }, 400, "invalid_body"],
    ["evidence with another scheme", { body: { ...valid, evidence: ["javascript:alert(1)"] } }, 400, "invalid_body"],
    ["note over 10,000 characters", { body: { ...valid, note: "x".repeat(10_001) } }, 400, "invalid_body"],
    ["a NUL character in the note", { body: { ...valid, note: "a\u0000b" } }, 400, "invalid_body"],
    ["half a surrogate pair in the note", { body: { ...valid, note: "a\ud800b" } }, 400, "invalid_text"],
    ["half a surrogate pair in an evidence link", { body: { ...valid, evidence: ["https://example.org/\udc00"] } }, 400, "invalid_text"],
    [
      "a body that is not UTF-8",
      { rawBody: new Uint8Array([...new TextEncoder().encode('{"start":0,"end":4,"tag":"disputed","note":"'), 0xff, 0x22, 0x7d]) },
      400,
      "malformed_json",
    ],
    ["a body in UTF-16", { rawBody: new Uint8Array(Buffer.from(`\uFEFF${JSON.stringify(valid)}`, "utf16le")) }, 400, "malformed_json"],
    ["body over 64 KiB", { rawBody: JSON.stringify({ ...valid, note: "x".repeat(70_000) }) }, 413, "body_too_large"],
    ["malformed JSON", { rawBody: "{ start: 0" }, 400, "malformed_json"],
    ["a JSON array", { body: [valid] }, 400, "invalid_body"],
    ["wrong content type", { rawBody: JSON.stringify(valid), contentType: "text/plain" }, 415, "unsupported_media_type"],
    ["no session or token", { body: valid, reviewer: null }, 401, "unauthenticated"],
    ["a token that names no one", { body: valid, token: "fca_not-a-token" }, 401, "unauthenticated"],
    ["a session cookie that names no session", { body: valid, cookie: "better-auth.session_token=forged.signature" }, 401, "unauthenticated"],
    ["the old reviewer cookie, which names anyone", { body: valid, cookie: "reviewer=Mallory" }, 401, "unauthenticated"],
  ];

  it.each(cases)("create with %s", async (_name, options, status, code) => {
    const before = (await list(slug)).json.annotations.length;
    const result = await call(annotationsRoute.POST, { slug }, options);
    expect(result.status).toBe(status);
    expect(result.json.error).toMatchObject({ code, message: expect.any(String) });
    expect((await list(slug)).json.annotations).toHaveLength(before);
  });

  it("refuses a create on an unknown article", async () => {
    const result = await create("no-such-article", valid);
    expect(result.status).toBe(404);
  });

  it("refuses changes that are not allowed and keeps the claim as it was", async () => {
    const { json } = await create(slug, { ...valid, note: "original" });
    const id = json.annotation.id;
    const refused: [unknown, number][] = [
      [{ version: 1, id: crypto.randomUUID() }, 400],
      [{ version: 1, createdBy: "mallory" }, 400],
      [{ version: 1, start: 3 }, 400],
      [{ version: 1, tag: "wrong" }, 400],
      [{ note: "no version" }, 400],
      [{ version: "1", note: "x" }, 400],
      [{ version: 1, evidence: "https://example.org" }, 400],
    ];
    for (const [body, status] of refused) {
      const result = await patch(id, body);
      expect(result.status, JSON.stringify(body)).toBe(status);
      expect(result.json.error.code).toBe("invalid_body");
    }
    const current = (await list(slug)).json.annotations.find((a: { id: string }) => a.id === id);
    expect(current).toMatchObject({ version: 1, note: "original", tag: "disputed" });
  });

  it("changes nothing, version and last editor included, for a change of no field", async () => {
    const { json } = await create(slug, valid);
    const id = json.annotation.id;
    const empty = await patch(id, { version: 1 }, { reviewer: "Mallory" });
    expect(empty.status).toBe(200);
    expect(empty.json.annotation).toStrictEqual(json.annotation);
    expect((await patch(id, { version: 7 }, { reviewer: "Mallory" })).status).toBe(409);
    const current = (await list(slug)).json.annotations.find((a: { id: string }) => a.id === id);
    expect(current).toMatchObject({ version: 1, updatedBy: "Test Reviewer" });
  });

  it("names the first field that holds half a surrogate pair", async () => {
    const result = await create(slug, { ...valid, note: "a\ud800", claimant: "\udc00" });
    expect(result.status).toBe(400);
    expect(result.json.error.message).toMatch(/^note: text must be valid Unicode/);
  });

  it("refuses a version no claim can have, and says what a version must be", async () => {
    const { json } = await create(slug, { ...valid, note: "kept" });
    const id = json.annotation.id;
    for (const version of [2 ** 31, 2 ** 53 - 1]) {
      const result = await patch(id, { version, tag: "denied" });
      expect(result.status, String(version)).toBe(400);
      expect(result.json.error).toEqual({ code: "invalid_body", message: "version: no claim has a version that high" });
    }
    const zero = await patch(id, { version: 0, tag: "denied" });
    expect(zero.json.error).toEqual({ code: "invalid_body", message: "version: must be 1 or more" });
    expect((await list(slug)).json.annotations.find((a: { id: string }) => a.id === id)).toMatchObject({ version: 1, tag: "disputed", note: "kept" });
  });

  it("answers 404, not 500, for an article address holding a NUL (%00)", async () => {
    const nul = "a\u0000b";
    expect((await call(documentRoute.GET, { slug: nul })).status).toBe(404);
    expect((await list(nul)).status).toBe(404);
    const refused = await create(nul, valid);
    expect(refused.status).toBe(404);
    expect(refused.json.error.code).toBe("not_found");
  });

  it("answers 404 for ids that name no claim, valid or not", async () => {
    for (const id of [crypto.randomUUID(), "not-a-uuid", "1; drop table annotations"]) {
      expect((await patch(id, { version: 1, note: "x" })).status).toBe(404);
      expect((await remove(id)).status).toBe(404);
      expect((await restore(id)).status).toBe(404);
    }
  });

  it("answers a method an address does not take with 405, Allow and the error body", async () => {
    const { json } = await create(slug, valid);
    const result = await call(annotationRoute.PUT, { id: json.annotation.id }, { method: "PUT", body: { version: 1 } });
    expect(result.status).toBe(405);
    expect(result.headers.get("allow")).toBe("GET, PATCH, DELETE, HEAD, OPTIONS");
    expect(result.json.error).toEqual({ code: "method_not_allowed", message: "This address takes GET or PATCH or DELETE." });
    const options = await call(annotationRoute.OPTIONS, { id: json.annotation.id }, { method: "OPTIONS" });
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe("GET, PATCH, DELETE, HEAD, OPTIONS");
  });

  it("needs a session or a token for every change, and changes nothing without", async () => {
    const { json } = await create(slug, valid);
    const id = json.annotation.id;
    for (const nobody of [{ reviewer: null }, { cookie: "reviewer=Test Reviewer" }, { token: "" }]) {
      const refused = [
        await patch(id, { version: 1, note: "x" }, nobody),
        await remove(id, nobody),
        await call(restoreRoute.POST, { id }, { method: "POST", ...nobody }),
      ];
      for (const answer of refused) {
        expect(answer.status, JSON.stringify(nobody)).toBe(401);
        expect(answer.json.error).toEqual({ code: "unauthenticated", message: expect.stringContaining("Sign in") });
      }
    }
    expect((await list(slug)).json.annotations.find((a: { id: string }) => a.id === id)).toMatchObject({ version: 1, note: "" });
  });
});

type CallBody = Parameters<typeof call>[2];
