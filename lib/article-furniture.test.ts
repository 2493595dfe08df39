import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { articleText, parsePlainArticle } from "./article";
import { furnitureLineIndices, furnitureLines, withoutFurniture } from "./article-furniture";

const cnbc = readFileSync(join(process.cwd(), "content/jassy-bloomberg-retraction.txt"), "utf8");
const video = "Super Micro plunges on new report of hacked hardware in US";

describe("page furniture in the CNBC article", () => {
  it("is the WATCH teaser and the video title repeated under it, and nothing else", () => {
    expect(furnitureLines(cnbc)).toEqual([`WATCH: ${video}`, video, video]);
    const lines = cnbc.split("\n");
    expect(furnitureLineIndices(cnbc).map((i) => lines[i])).toEqual([`WATCH: ${video}`, video, video]);
  });

  it("leaves the article's own words when dropped, and its paragraphs apart", () => {
    const kept = articleText(parsePlainArticle(cnbc));
    const dropped = articleText(parsePlainArticle(withoutFurniture(cnbc)));
    expect(kept).toContain(`WATCH: ${video}`);
    expect(dropped).not.toContain("Super Micro plunges");
    expect(dropped).not.toContain("WATCH");
    expect(dropped.endsWith("even as it lacks proof of the sort of malicious chips that Bloomberg had described.")).toBe(true);
    expect(kept.startsWith(dropped)).toBe(true);
    expect(parsePlainArticle(withoutFurniture(cnbc))).toEqual(parsePlainArticle(cnbc).slice(0, -3));
  });
});

describe("furnitureLines", () => {
  it("finds none in text without a teaser, even a line that mentions watching", () => {
    expect(furnitureLines("Headline\n\nWe will watch: the markets fell.\nWatch this space.")).toEqual([]);
  });

  it("finds a VIDEO teaser, with Windows line breaks", () => {
    expect(furnitureLines("Headline\r\n\r\nBody.\r\nVIDEO: Markets fall\r\nMarkets fall\r\n")).toEqual(["VIDEO: Markets fall", "Markets fall"]);
  });

  it("does not take a paragraph that only starts like the teaser's title", () => {
    expect(furnitureLines(`WATCH: ${video}\n\n${video}, and more words follow.`)).toEqual([`WATCH: ${video}`]);
  });
});
