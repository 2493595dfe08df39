import { describe, expect, it } from "vitest";
import { HttpError } from "../http";
import { runOffThread, runWithin } from "./article-work";

describe("runOffThread", () => {
  it("parses an article in a worker", async () => {
    const article = await runOffThread("articleFromInput", { html: "<h1>Title</h1><p>Some <b>bold</b> words.</p>" });
    expect(article?.text).toBe("Title\nSome bold words.");
  });

  it("answers an article past a limit with the limit's status and name", async () => {
    const error = await runOffThread("articleFromInput", { html: "<div>".repeat(10_000) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 400, code: "article_limit", extra: { limit: "maxDepth" } });
  });

  it("refuses work over its time limit as too complex, and the next task still runs", async () => {
    // About a second of markdown-it's work, against a limit of 50 ms.
    const error = await runWithin(50, "articleFromInput", { markdown: "[a](".repeat(300_000) }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 422, code: "too_complex" });
    const article = await runOffThread("articleFromInput", { text: "Headline\n\nA paragraph." });
    expect(article?.text).toBe("Headline\nA paragraph.");
  });

  it("places claims on a revision's text in a worker", async () => {
    const claim = { start: 0, end: 5, exact: "Hello", prefix: "", suffix: " world." };
    const [placement] = await runOffThread("placeClaims", "Oh. Hello world.", [claim]);
    expect(placement).toMatchObject({ status: "anchored", anchor: { start: 4, end: 9, exact: "Hello" } });
  });
});
