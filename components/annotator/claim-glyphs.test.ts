import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tagInfo, tags } from "@/lib/tags";

// The claims plugin writes a piece's glyphs (`data-glyph`) and, only where
// several claims start, their labels (`data-spoken`); CSS gives one claim's
// label and colour by its glyph. Those rules must say what lib/tags.ts says.
const css = readFileSync(path.join(import.meta.dirname, "../../app/globals.css"), "utf8");

/** A glyph as CSS escapes it (the stylesheet stays ASCII). */
const escaped = (text: string) => [...text].map((c) => (c.charCodeAt(0) < 128 ? c : `\\${c.codePointAt(0)!.toString(16).toUpperCase()}`)).join("");

describe("the claims' glyphs in CSS", () => {
  it.each(tags)("a %s claim's glyph is read as its label and drawn in its colour", (tag) => {
    const glyph = escaped(tagInfo[tag].glyph);
    expect(css).toContain(`.article-text [data-glyph="${glyph}"]::before { content: "${glyph}\\2060" / "${tagInfo[tag].label} claim: "; }`);
    expect(css).toContain(`.article-text [data-glyph^="${glyph}"]::before { color: var(--${tag}); }`);
  });

  it("spells out the labels where the piece names them, after the single glyphs' rules", () => {
    const spoken = css.indexOf(`.article-text [data-spoken]::before { content: attr(data-glyph) "\\2060" / attr(data-spoken); }`);
    expect(spoken).toBeGreaterThan(-1);
    for (const tag of tags) expect(css.indexOf(`[data-glyph="${escaped(tagInfo[tag].glyph)}"]`)).toBeLessThan(spoken);
  });
});
