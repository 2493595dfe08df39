import { describe, expect, it } from "vitest";
import { HttpError } from "../http";
import { runOffThread } from "./article-work";

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
});
