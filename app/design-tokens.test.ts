/**
 * The design system's colours pass WCAG AA, read from app/globals.css itself:
 * a colour changed there to one that fails makes this test fail. Text needs
 * 4.5:1 against what is under it; a control's border 3:1 (WCAG 1.4.11).
 * Tinted backgrounds (the highlights) are painted over the page, and over one
 * another where claims overlap, as the browser composites them.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tags } from "@/lib/tags";

type Rgba = [number, number, number, number];

/** The custom properties of the stylesheet's `:root` rule, by name (without `--`). */
function rootProperties(css: string): Map<string, string> {
  const root = /:root\s*\{([^}]*)\}/.exec(css);
  if (!root) throw new Error("app/globals.css has no :root rule");
  const properties = new Map<string, string>();
  for (const [, name, value] of root[1].matchAll(/--([\w-]+)\s*:\s*([^;]+);/g)) properties.set(name, value.trim());
  return properties;
}

const properties = rootProperties(readFileSync(path.join(import.meta.dirname, "globals.css"), "utf8"));

/** A colour property as RGBA, following `var(--other)` references; hex (#rgb, #rrggbb) and rgb()/rgba() are understood. */
function colour(name: string): Rgba {
  const value = properties.get(name);
  if (value === undefined) throw new Error(`--${name} is not defined in :root`);
  const reference = /^var\(--([\w-]+)\)$/.exec(value);
  if (reference) return colour(reference[1]);
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value);
  if (hex) {
    const digits = hex[1].length === 3 ? [...hex[1]].map((digit) => digit + digit) : hex[1].match(/../g)!;
    const [r, g, b] = digits.map((pair) => parseInt(pair, 16));
    return [r, g, b, 1];
  }
  const rgb = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*([\d.]+)\s*)?\)$/.exec(value);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3]), rgb[4] === undefined ? 1 : Number(rgb[4])];
  throw new Error(`--${name}: cannot read the colour ${value}`);
}

/** Paints `layers` in order (the first one opaque, the page), as source-over compositing does. */
function paint(...layers: Rgba[]): Rgba {
  return layers.reduce(([r, g, b], [r2, g2, b2, a]) => [r + (r2 - r) * a, g + (g2 - g) * a, b + (b2 - b) * a, 1]);
}

/** WCAG 2's relative luminance of an opaque colour. */
function luminance([r, g, b]: Rgba): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG 2's contrast ratio of two opaque colours, from 1 to 21. */
function contrast(a: Rgba, b: Rgba): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

const paper = colour("paper");
/** Each tag's highlight over the page, and every pair of highlights over one another (overlapping claims). */
const highlights: [string, Rgba][] = [
  ...tags.map((tag): [string, Rgba] => [`${tag} highlight`, paint(paper, colour(`${tag}-bg`))]),
  ...tags.flatMap((outer) =>
    tags.map((inner): [string, Rgba] => [`${inner} highlight in ${outer}'s`, paint(paper, colour(`${outer}-bg`), colour(`${inner}-bg`))]),
  ),
];
/** The plain backgrounds text sits on: the page, panels, a focused table row. */
const surfaces: [string, Rgba][] = [
  ["paper", paper],
  ["panel", paint(paper, colour("panel"))],
  ["accent-soft", paint(paper, colour("accent-soft"))],
];

describe("the design system's colours (app/globals.css :root)", () => {
  it("reads every colour it checks", () => {
    expect(contrast([0, 0, 0, 1], [255, 255, 255, 1])).toBeCloseTo(21, 5);
    expect(colour("focus")).toEqual(colour("accent"));
    expect(colour("disputed-bg")[3]).toBeLessThan(1);
  });

  for (const tag of tags) {
    for (const [name, background] of [...surfaces, ...highlights]) {
      it(`${tag} glyphs and chips are readable on ${name} (4.5:1)`, () => {
        expect(contrast(colour(tag), background)).toBeGreaterThanOrEqual(4.5);
      });
    }
  }

  for (const [name, background] of [...surfaces, ...highlights]) {
    it(`the article's words are readable on ${name} (4.5:1)`, () => {
      expect(contrast(colour("ink"), background)).toBeGreaterThanOrEqual(4.5);
    });
  }

  for (const text of ["muted", "accent", "accent-strong"]) {
    for (const [name, background] of surfaces) {
      it(`${text} text is readable on ${name} (4.5:1)`, () => {
        expect(contrast(colour(text), background)).toBeGreaterThanOrEqual(4.5);
      });
    }
  }

  for (const kind of ["info", "success", "warning", "error"]) {
    it(`a ${kind} notice's own text, the page's words and muted hints are readable on it (4.5:1)`, () => {
      const background = paint(paper, colour(`${kind}-bg`));
      expect(contrast(colour(kind), background)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(colour("ink"), background)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(colour("muted"), background)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(colour("accent"), background)).toBeGreaterThanOrEqual(4.5);
    });
  }

  it("a primary button's label is readable on its fill, also when hovered (4.5:1)", () => {
    expect(contrast(colour("on-accent"), colour("accent"))).toBeGreaterThanOrEqual(4.5);
    expect(contrast(colour("on-accent"), colour("accent-strong"))).toBeGreaterThanOrEqual(4.5);
  });

  it("a danger button's label is readable on the page and on its hover tint (4.5:1)", () => {
    expect(contrast(colour("error"), paper)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(colour("error"), paint(paper, colour("error-bg")))).toBeGreaterThanOrEqual(4.5);
  });

  it("fields' and buttons' borders stand out from the page and panels (3:1)", () => {
    for (const [, background] of surfaces) expect(contrast(colour("line-strong"), background)).toBeGreaterThanOrEqual(3);
  });
});
