import { describe, expect, it } from "vitest";
import { describeRange } from "../selectors";
import { type AnchorResult, type StoredAnchor, anchor, anchorAll, orphanReasons } from "./anchor";
import { wholeTextFuzzyLimit } from "./match-quote";
import { prepareText } from "./prepared-text";

/** The claim a reviewer would have made on the `occurrence`-th `words` of `text`. */
function claimOn(text: string, words: string, occurrence = 0): StoredAnchor {
  const { start, end } = rangeOf(text, words, occurrence);
  return describeRange(text, start, end);
}

/** Code point range of the `occurrence`-th `words` in `text`. */
function rangeOf(text: string, words: string, occurrence = 0): { start: number; end: number } {
  let at = -1;
  for (let k = 0; k <= occurrence; k++) {
    at = text.indexOf(words, at + 1);
    if (at < 0) throw new Error(`${JSON.stringify(words)} #${occurrence} is not in the text`);
  }
  const start = Array.from(text.slice(0, at)).length;
  return { start, end: start + Array.from(words).length };
}

function wordsOf(text: string, result: AnchorResult): string | null {
  return result.status === "anchored" ? Array.from(text).slice(result.start, result.end).join("") : null;
}

/** Deterministic filler: sentences of made-up words, never repeating a phrase by chance. */
function filler(length: number, seed: number): string {
  let state = seed;
  const next = () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) | 0;
    return (state >>> 0) / 4294967296;
  };
  const syllables = ["ka", "lo", "mer", "tis", "van", "du", "ro", "pel", "si", "nor", "ba", "quel"];
  let out = "";
  while (out.length < length) {
    const word = Array.from({ length: 2 + Math.floor(next() * 3) }, () => syllables[Math.floor(next() * syllables.length)]).join("");
    out += word + (next() < 0.1 ? ". " : " ");
  }
  return out.slice(0, length);
}

/** Some 40 characters of `text` from `from`, as a reviewer would select them: no space at either end. */
function phrase(text: string, from: number, length = 40): string {
  return text.slice(from, from + length).trim();
}

const sentence = "The quarterly report praised Apple for its results and said sales would rise.";
// Long enough that 32 characters either side of "praised Apple" stay inside it.
const longSentence =
  "The quarterly report, which analysts had awaited for weeks, praised Apple for its results and said that sales in the coming year would rise.";

describe("anchor", () => {
  it("keeps a claim at its old offsets when its words and context are still there", () => {
    const result = anchor(sentence, claimOn(sentence, "praised Apple"));
    expect(result).toMatchObject({ status: "anchored", ...rangeOf(sentence, "praised Apple"), method: "position" });
    if (result.status === "anchored") expect(result.score).toBeGreaterThan(0.95);
  });

  it("does not take the old offsets when the same short words land there in another context", () => {
    const revised = `Several long-time critics of Apple say little. ${sentence}`;
    const stored = claimOn(sentence, "Apple");
    // The setup: a different "Apple" now sits exactly at the old offsets.
    expect(Array.from(revised).slice(stored.start, stored.end).join("")).toBe("Apple");
    expect(anchor(revised, stored)).toMatchObject({ status: "anchored", ...rangeOf(revised, "Apple", 1), method: "quote" });
  });

  it("reports an orphan with a reason and a message, and no offsets at all", () => {
    const result = anchor("A different article altogether.", claimOn(sentence, "praised Apple"));
    expect(result.status).toBe("orphan");
    if (result.status !== "orphan") return;
    expect(orphanReasons).toContain(result.reason);
    expect(result.message).toMatch(/\w/);
    expect(result).not.toHaveProperty("start");
    expect(result).not.toHaveProperty("end");
  });

  it("makes a claim without quoted words an orphan", () => {
    const blank = { start: 3, end: 6, exact: "  \n", prefix: "", suffix: "" };
    expect(anchor(sentence, blank)).toMatchObject({ status: "orphan", reason: "empty-quote" });
  });

  it("places a selector without offsets by its quote and context alone", () => {
    const stored = { ...claimOn(sentence, "sales would rise"), start: 0, end: 0 };
    expect(anchor(`Update. ${sentence}`, stored)).toMatchObject({
      status: "anchored",
      ...rangeOf(`Update. ${sentence}`, "sales would rise"),
      method: "quote",
    });
  });

  it("without offsets, calls copies with the same context ambiguous rather than pick the first", () => {
    const twice = `${longSentence}\n${longSentence}`;
    const stored = { ...claimOn(twice, "praised Apple", 1), start: 0, end: 0 };
    expect(anchor(twice, stored)).toMatchObject({ status: "orphan", reason: "ambiguous" });
  });

  it("lets a hint choose between copies that context cannot tell apart", () => {
    const twice = `${longSentence}\n${filler(600, 1)}\n${longSentence}`;
    const stored = claimOn(twice, "praised Apple", 1);
    const revised = `Correction appended at the top.\n${twice}`;
    const second = rangeOf(revised, "praised Apple", 1);
    expect(anchor(revised, stored, { hint: second.start + 5 })).toMatchObject({ status: "anchored", ...second });
    expect(anchor(revised, stored, { hint: null })).toMatchObject({ status: "orphan", reason: "ambiguous" });
  });

  it("finds words typed with combining accents in a text that composes them, and the other way round", () => {
    const composed = "Le résumé de l'été: Jassy a été très clair à Zürich.";
    const decomposed = composed.normalize("NFD");
    const fromDecomposed = claimOn(decomposed, "été très clair".normalize("NFD"));
    expect(wordsOf(composed, anchor(composed, fromDecomposed))).toBe("été très clair");
    const fromComposed = claimOn(composed, "été très clair");
    expect(wordsOf(decomposed, anchor(decomposed, fromComposed))).toBe("été très clair".normalize("NFD"));
  });

  it("keeps a claim that starts on a combining accent where it was, on the same text", () => {
    // The W3C round trip's property test found it: "́ e" of "42 é é," (both é decomposed).
    const text = "42 e\u0301 e\u0301,";
    const stored = describeRange(text, 4, 7);
    expect(stored.exact).toBe("\u0301 e");
    expect(anchor(text, stored)).toMatchObject({ status: "anchored", start: 4, end: 7 });
  });

  it("gives the same answer for a prepared text as for the string", () => {
    const revised = `Update 😀. ${sentence.replace("praised", "lauded")}`;
    const prepared = prepareText(revised);
    for (const words of ["quarterly report", "Apple for its results", "praised Apple"]) {
      const stored = claimOn(sentence, words);
      expect(anchor(prepared, stored)).toEqual(anchor(revised, stored));
    }
  });
});

describe("anchor with a copy of the claim's sentence elsewhere", () => {
  // The same sentence printed twice, far apart, as a pull quote repeats a line.
  const withCopy = (first: string, second: string) => `${first}\n${filler(4000, 3)}\n${second}`;
  const before = withCopy(longSentence, longSentence);
  const stored = claimOn(before, "praised Apple", 0);

  it("keeps a claim whose neighbouring words were edited rather than jump to the copy", () => {
    const edited = longSentence.replace("for weeks, praised Apple for its", "for many weeks, praised Apple for all its");
    const after = withCopy(edited, longSentence);
    expect(anchor(after, stored)).toMatchObject({ status: "anchored", ...rangeOf(after, "praised Apple", 0) });
  });

  it("keeps a claim whose own words were edited rather than jump to the unedited copy", () => {
    const typo = longSentence.replace("its results", "it's results");
    const claim = claimOn(withCopy(typo, typo), "praised Apple for it's results", 0);
    const after = withCopy(longSentence, typo);
    expect(anchor(after, claim)).toMatchObject({
      status: "anchored",
      ...rangeOf(after, "praised Apple for its results", 0),
      method: "fuzzy",
    });
  });

  it("still follows the claim's words when they are gone from where they were", () => {
    const after = withCopy(filler(longSentence.length, 8), longSentence);
    expect(anchor(after, stored)).toMatchObject({ status: "anchored", ...rangeOf(after, "praised Apple", 0) });
  });
});

describe("anchor on a long article", () => {
  const paragraphs = Array.from({ length: 30 }, (_, i) => filler(1000, i + 7));
  const article = paragraphs.join("\n");
  const claimWords = phrase(paragraphs[5], 300, 60);
  const stored = claimOn(article, claimWords);
  const edited = claimWords.slice(0, 20) + "X" + claimWords.slice(21);

  it("is long enough that fuzzy search stays near the hint", () => {
    expect(article.length).toBeGreaterThan(wholeTextFuzzyLimit);
  });

  it("finds a claim edited in place", () => {
    const revised = article.replace(claimWords, edited);
    expect(wordsOf(revised, anchor(revised, stored))).toBe(edited);
  });

  it("finds a claim moved far but not edited", () => {
    const moved = [...paragraphs];
    moved.splice(25, 0, ...moved.splice(5, 1));
    const revised = moved.join("\n");
    expect(anchor(revised, stored)).toMatchObject({ status: "anchored", ...rangeOf(revised, claimWords), method: "quote" });
  });

  it("leaves a claim both moved far and edited an orphan rather than search the whole text", () => {
    const moved = [...paragraphs];
    moved.splice(25, 0, moved.splice(5, 1)[0].replace(claimWords, edited));
    expect(anchor(moved.join("\n"), stored)).toMatchObject({ status: "orphan", reason: "not-found" });
  });

  it("finds a claim both moved and edited when the text is short enough to search whole", () => {
    const short = paragraphs.slice(0, 12);
    short.splice(11, 0, short.splice(5, 1)[0].replace(claimWords, edited));
    const revised = short.join("\n");
    expect(revised.length).toBeLessThanOrEqual(wholeTextFuzzyLimit);
    expect(anchor(revised, claimOn(paragraphs.slice(0, 12).join("\n"), claimWords))).toMatchObject({
      status: "anchored",
      ...rangeOf(revised, edited),
      method: "fuzzy",
    });
  });
});

describe("anchorAll", () => {
  it("returns one result per claim, in the order given", () => {
    const revised = `Update. ${sentence.replace("sales would rise", "sales could rise")}`;
    const claims = ["sales would rise", "praised Apple", "The quarterly report", "nowhere to be seen"].map((words) =>
      words === "nowhere to be seen" ? { start: 1, end: 5, exact: words, prefix: "", suffix: "" } : claimOn(sentence, words),
    );
    const results = anchorAll(revised, claims);
    expect(results.map((r) => wordsOf(revised, r))).toEqual(["sales could rise", "praised Apple", "The quarterly report", null]);
    // Scores may differ a little, as the hints do; the places may not.
    const place = ({ score: _, ...rest }: AnchorResult & { score?: number }) => rest;
    expect(results.map(place)).toEqual(claims.map((c) => place(anchor(revised, c))));
  });

  it("carries a long insertion's shift to later claims, so that copies are told apart by where they were", () => {
    // A paragraph printed twice, far apart: a claim inside it has the same
    // context in both copies. After 5,000 characters are inserted at the top,
    // the old offsets are no longer near either copy; the shift learned from
    // the claims before them is.
    const repeated = `Both copies say: ${filler(300, 99)} and end here.`;
    const parts = [filler(1500, 1), filler(1500, 2), repeated, filler(2500, 3), repeated, filler(1500, 4)];
    const before = parts.join("\n");
    const after = `${filler(5000, 5)}\n${before}`;
    const inRepeated = phrase(repeated, 100);
    const claims = [
      claimOn(before, phrase(parts[0], 200)),
      claimOn(before, phrase(parts[1], 500)),
      claimOn(before, inRepeated, 0),
      claimOn(before, inRepeated, 1),
    ];

    expect(anchor(after, claims[2])).toMatchObject({ status: "orphan", reason: "ambiguous" });
    const results = anchorAll(after, claims);
    expect(results[2]).toMatchObject({ status: "anchored", ...rangeOf(after, inRepeated, 0) });
    expect(results[3]).toMatchObject({ status: "anchored", ...rangeOf(after, inRepeated, 1) });
  });

  it("is not led astray by one claim found far from where it was", () => {
    // A paragraph printed twice, at the start and at the end, is rewritten at
    // the start: its claim follows the words to the end. The claim after it
    // sits in a passage printed twice, moved a little by the rewrite, which
    // only a sound hint tells apart.
    const quoted = `A quoted paragraph: ${filler(400, 98)} and so on.`;
    const repeated = `Both copies say: ${filler(300, 99)} and end here.`;
    const parts = [filler(1500, 1), quoted, repeated, filler(3000, 3), repeated, filler(1500, 4), quoted];
    const before = parts.join("\n");
    const after = [parts[0], filler(quoted.length + 50, 97), ...parts.slice(2)].join("\n");
    const claims = [claimOn(before, phrase(parts[0], 300)), claimOn(before, phrase(quoted, 100), 0), claimOn(before, phrase(repeated, 100), 0)];
    const results = anchorAll(after, claims);
    expect(results[1]).toMatchObject({ status: "anchored", ...rangeOf(after, phrase(quoted, 100), 0) });
    expect(results[2]).toMatchObject({ status: "anchored", ...rangeOf(after, phrase(repeated, 100), 0) });
  });

  it("finds every claim of an article whose paragraphs were reordered", () => {
    const parts = Array.from({ length: 8 }, (_, i) => filler(1200, 40 + i));
    const before = parts.join("\n");
    const moved = [...parts];
    moved.splice(7, 0, moved.splice(1, 1)[0]);
    const after = moved.join("\n");
    const claims = parts.map((part) => claimOn(before, phrase(part, 400)));
    const results = anchorAll(after, claims);
    parts.forEach((part, i) => {
      expect(results[i]).toMatchObject({ status: "anchored", ...rangeOf(after, phrase(part, 400)) });
    });
  });
});
