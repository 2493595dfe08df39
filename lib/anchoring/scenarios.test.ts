import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { articleText, parsePlainArticle } from "../article";
import { describeRange } from "../selectors";
import { type AnchorResult, anchor, anchorAll } from "./anchor";
import { type Edit, type Expectation, type Words, revision, scenarios } from "./scenarios";

const article = articleText(parsePlainArticle(readFileSync(path.join(import.meta.dirname, "../../content/jassy-bloomberg-retraction.txt"), "utf8")));

/** UTF-16 index of the `occurrence`-th place `words` occur in `text`. */
function indexOf(text: string, words: string, occurrence = 0): number {
  let at = -1;
  for (let k = 0; k <= occurrence; k++) {
    at = text.indexOf(words, at + 1);
    if (at < 0) throw new Error(`occurrence ${occurrence} of ${JSON.stringify(words)} is not in the text`);
  }
  return at;
}

function countOf(text: string, words: string): number {
  return text.split(words).length - 1;
}

/** Code point range of some words, the way a claim stores it. */
function rangeOf(text: string, { words, occurrence }: Words): { start: number; end: number } {
  const start = Array.from(text.slice(0, indexOf(text, words, occurrence))).length;
  return { start, end: start + Array.from(words).length };
}

function applyEdit(text: string, edit: Edit): string {
  if ("unicode" in edit) return text.normalize(edit.unicode);
  if ("append" in edit) return text + edit.append;
  if ("move" in edit) {
    const cut = applyEdit(text, { find: edit.move, replace: "" });
    return applyEdit(cut, { find: edit.before, replace: edit.move + edit.before });
  }
  if (edit.occurrence === undefined && countOf(text, edit.find) !== 1) {
    throw new Error(`${JSON.stringify(edit.find)} occurs ${countOf(text, edit.find)} times; say which`);
  }
  const at = indexOf(text, edit.find, edit.occurrence);
  return text.slice(0, at) + edit.replace + text.slice(at + edit.find.length);
}

const revise = (text: string, edits: Edit[]) => edits.reduce(applyEdit, text);

/** The words a result covers in the revision, or the orphan it is, for readable failures. */
function describeResult(text: string, result: AnchorResult) {
  if (result.status === "orphan") return { orphan: result.reason };
  return { words: Array.from(text).slice(result.start, result.end).join(""), method: result.method };
}

function expectResult(revised: string, result: AnchorResult, expectation: Expectation) {
  if ("orphan" in expectation) {
    expect(describeResult(revised, result)).toEqual({ orphan: expectation.orphan });
    if (result.status === "orphan") expect(result.message).not.toBe("");
    return;
  }
  expect(describeResult(revised, result)).toEqual({
    words: expectation.words,
    method: expectation.method ?? (result.status === "anchored" ? result.method : undefined),
  });
  // The right occurrence, not merely the same words elsewhere.
  expect(result).toMatchObject(rangeOf(revised, expectation));
  if (result.status === "anchored") {
    expect(result.score).toBeGreaterThan(0);
    expect(result.score).toBeLessThanOrEqual(1);
  }
}

describe("edit scenarios", () => {
  for (const scenario of scenarios) {
    it(scenario.name, () => {
      const base = scenario.base ?? article;
      const { start, end } = rangeOf(base, scenario.claim);
      const stored = describeRange(base, start, end);
      const revised = revise(base, scenario.edits);

      expectResult(revised, anchor(revised, stored), scenario.expect);
      expectResult(revised, anchorAll(revised, [stored])[0], scenario.expect);
    });
  }
});

describe("an editorial pass over the whole article", () => {
  const revised = revise(article, revision.edits);
  const stored = revision.claims.map(({ claim }) => {
    const { start, end } = rangeOf(article, claim);
    return describeRange(article, start, end);
  });
  const results = anchorAll(revised, stored);

  revision.claims.forEach(({ claim, expect: expectation }, i) => {
    it(`re-anchors "${claim.words}"`, () => {
      expectResult(revised, results[i], expectation);
    });
  });

  it("finds the same places one claim at a time as all at once", () => {
    // Scores may differ a little: the hints, and so the nearness, differ.
    const places = (all: AnchorResult[]) => all.map((result) => describeResult(revised, result));
    expect(places(stored.map((s) => anchor(revised, s)))).toEqual(places(results));
  });
});
