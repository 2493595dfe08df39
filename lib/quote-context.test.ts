import { describe, expect, it } from "vitest";
import { describeRange, quoteContextLength } from "./selectors";
import { contextAfter, contextBefore, quoteWithContext, shortenQuote } from "./quote-context";

const article =
  'Andy Jassy, the CEO of Amazon Web Services, followed Apple\'s lead.\n\n"They offered no proof, story kept changing," Jassy wrote in a tweet on Monday.';

function contextOf(words: string) {
  const start = article.indexOf(words);
  const anchor = describeRange(article, start, start + words.length);
  return quoteWithContext({ quote: anchor.exact, prefix: anchor.prefix, suffix: anchor.suffix }, quoteContextLength);
}

describe("quoteWithContext", () => {
  it("keeps a few whole words either side, dropping words the stored context cut in half", () => {
    expect(contextOf("story kept changing")).toEqual({
      before: '…"They offered no proof, ',
      quote: "story kept changing",
      after: '," Jassy wrote in a…',
    });
  });

  it("needs no ellipsis where the context reaches the start of the text", () => {
    expect(contextOf("Jassy, the CEO")).toMatchObject({ before: "Andy ", after: " of Amazon Web Services,…" });
  });

  it("shows line breaks between paragraphs as spaces", () => {
    expect(contextOf("They offered").before).toBe("…followed Apple's lead. \"");
  });
});

describe("contextBefore / contextAfter", () => {
  it("are empty when there is no context", () => {
    expect(contextBefore("", 4, true)).toBe("");
    expect(contextAfter("", 4, true)).toBe("");
  });

  it("show only an ellipsis when the context is one partial word", () => {
    expect(contextBefore("ernational", 4, false)).toBe("…");
    expect(contextAfter("internat", 4, false)).toBe("…");
  });
});

describe("shortenQuote", () => {
  it("leaves short quotes alone", () => {
    expect(shortenQuote("no proof", 240)).toBe("no proof");
  });

  it("keeps the start and the end of a long quote", () => {
    const long = `${"a".repeat(300)}END`;
    const shown = shortenQuote(long, 100);
    expect([...shown].length).toBeLessThanOrEqual(103);
    expect(shown.startsWith("aaa")).toBe(true);
    expect(shown.endsWith("END")).toBe(true);
    expect(shown).toContain(" … ");
  });
});
