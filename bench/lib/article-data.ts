/**
 * The benchmark's own data, made from a seed so that every run, and both
 * databases, hold the same article and claims.
 *
 * The article is news-like prose of exactly 50,000 words in 2,500 paragraphs
 * under a headline, written in the plain-text layout of `content/` so that
 * `parsePlainArticle` turns it into blocks as it would any article. A few
 * words carry accents, curly quotes or an emoji, so code point offsets differ
 * from UTF-16 indexes as they do in real articles.
 *
 * Claims cover whole words of one paragraph, with every anchor field built by
 * `describeRange` on the article's text, as the API builds them. In a set made
 * with `overlapShare`, that share of the claims overlap another claim and the
 * rest overlap none; larger sets are placed at random, overlapping as they fall.
 */
import { type ArticleBlock, articleText, parsePlainArticle } from "@/lib/article";
import { type TextAnchor, describeRange } from "@/lib/selectors";
import { type Tag, tags } from "@/lib/tags";
import { CodePointIndex } from "@/lib/text-offsets";

/** A small, fast, seedable PRNG (mulberry32): the same seed gives the same data. */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const between = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

const commonWords = (
  "the of and to in a that said is for on was with it as by at from his her their its be has have had " +
  "not but an they which this were would will been who more also after company over new two than about " +
  "could when there into what some other year years first last people report story government million"
).split(" ");
const syllables =
  "ba be bi co da de di fa fe ga ha ja ka ke ki la le li lo ma me mi mo na ne ni no pa pe po ra re ri ro sa se si so ta te ti to va ve vi wa za ze".split(
    " ",
  );
const names = "Jassy Bloomberg Amazon Apple Cook Supermicro Robertson Riley Chen Okafor Müller Søren Nguyen Petrova".split(" ");
const unusual = ["café", "naïve", "Zürich", "“unverified”", "résumé", "déjà", "São", "‘sources’", "📈", "coöperate"];

function inventedWord(random: Random): string {
  let word = "";
  for (let i = between(random, 1, 3); i > 0; i--) word += pick(random, syllables);
  return word;
}

/** A word as it appears in running text: mostly common words, some invented ones, a few names and oddities. */
function proseWord(random: Random, vocabulary: string[]): string {
  const r = random();
  if (r < 0.45) return pick(random, commonWords);
  if (r < 0.93) return pick(random, vocabulary);
  if (r < 0.998) return pick(random, names);
  return pick(random, unusual);
}

function sentenceWords(random: Random, vocabulary: string[], count: number): string[] {
  const words: string[] = [];
  let sinceStop = 0;
  let sentenceLength = between(random, 6, 18);
  for (let i = 0; i < count; i++) {
    let word = proseWord(random, vocabulary);
    if (sinceStop === 0) word = word[0].toUpperCase() + word.slice(1);
    sinceStop++;
    const last = i === count - 1;
    if (last || sinceStop >= sentenceLength) {
      word += random() < 0.9 ? "." : "?";
      sinceStop = 0;
      sentenceLength = between(random, 6, 18);
    } else if (random() < 0.07) {
      word += ",";
    }
    words.push(word);
  }
  return words;
}

/** A claim's words: where they are in the article's text, in code points, end exclusive. */
export interface WordSpan {
  start: number;
  end: number;
}

export interface BenchArticle {
  /** The article in the plain-text layout of `content/` (what a revision is sent as). */
  source: string;
  blocks: ArticleBlock[];
  /** The plain text claim offsets count in (`articleText(blocks)`). */
  text: string;
  index: CodePointIndex;
  /** For each paragraph (headline excluded), its words' spans in `text`, without trailing punctuation. */
  paragraphWords: WordSpan[][];
  wordCount: number;
}

export interface ArticleShape {
  paragraphs: number;
  words: number;
}

export const articleShape: ArticleShape = { paragraphs: 2_500, words: 50_000 };

/** Paragraph texts of `shape`, made from `seed`. */
function writeParagraphs(random: Random, shape: ArticleShape): string[] {
  const vocabulary = Array.from({ length: 4_000 }, () => inventedWord(random));
  // Lengths of 8 to 32 words, paired around the mean so the total is exact.
  const mean = shape.words / shape.paragraphs;
  const lengths = Array.from({ length: shape.paragraphs }, () => mean);
  for (let i = 0; i + 1 < lengths.length; i += 2) {
    const d = between(random, 0, Math.floor(mean) - 8);
    lengths[i] += d;
    lengths[i + 1] -= d;
  }
  return lengths.map((length) => sentenceWords(random, vocabulary, Math.round(length)).join(" "));
}

/** Builds the article a benchmark run works on. */
export function makeArticle(seed = 1, shape: ArticleShape = articleShape): BenchArticle {
  const random = randomSource(seed);
  const paragraphs = writeParagraphs(random, shape);
  return articleFromParagraphs(`Benchmark article: ${shape.words.toLocaleString("en")} words on the spy-chip story`, paragraphs);
}

function articleFromParagraphs(headline: string, paragraphs: string[]): BenchArticle {
  const source = `${headline}\n\n${paragraphs.join("\n\n")}\n`;
  const blocks = parsePlainArticle(source);
  const text = articleText(blocks);
  // The offsets below assume the parser kept the layout: headline, then one block per paragraph.
  const expected = [headline, ...paragraphs].join("\n");
  if (text !== expected) throw new Error("the article parser did not keep the benchmark article's paragraphs");
  const index = new CodePointIndex(text);
  const paragraphWords: WordSpan[][] = [];
  let utf16 = headline.length + 1;
  let wordCount = 0;
  for (const paragraph of paragraphs) {
    const words: WordSpan[] = [];
    for (const match of paragraph.matchAll(/\S+/g)) {
      const bare = match[0].replace(/[.,?]+$/, "");
      const from = utf16 + match.index;
      words.push({ start: index.toCodePoint(from), end: index.toCodePoint(from + (bare.length || match[0].length)) });
    }
    wordCount += words.length;
    paragraphWords.push(words);
    utf16 += paragraph.length + 1;
  }
  return { source, blocks, text, index, paragraphWords, wordCount };
}

/** A claim as the benchmark stores it: its anchor as the API would describe it, and what a reviewer said. */
export interface BenchClaim extends TextAnchor {
  tag: Tag;
  note: string;
  claimant: string;
  evidence: string[];
  createdBy: string;
}

export interface ClaimSetOptions {
  count: number;
  seed: number;
  /** Share of claims made to overlap another, the rest overlapping none; absent: placed at random. */
  overlapShare?: number;
}

const reviewers = ["Ada", "Grace", "Linus", "Margaret", "Tim"];
const claimants = ["Andy Jassy", "Bloomberg", "Apple", "Supermicro", "a company spokesperson", "an unnamed official"];

function claimFields(random: Random, article: BenchArticle, span: WordSpan): BenchClaim {
  const r = random();
  const tag = tags[r < 0.4 ? 0 : r < 0.7 ? 1 : 2];
  const note = random() < 0.4 ? "" : `Checked against the filing; ${between(random, 2, 40)} sources disagree on the figures quoted here.`;
  const evidence =
    random() < 0.7 ? [] : Array.from({ length: between(random, 1, 2) }, () => `https://example.org/evidence/${between(random, 1, 99_999)}`);
  return {
    ...describeRange(article.index, span.start, span.end),
    tag,
    note,
    claimant: random() < 0.5 ? "" : pick(random, claimants),
    evidence,
    createdBy: pick(random, reviewers),
  };
}

/** `count` claims on the article, as `options` says; in reading order. */
export function makeClaims(article: BenchArticle, options: ClaimSetOptions): BenchClaim[] {
  const random = randomSource(options.seed);
  const spans =
    options.overlapShare === undefined
      ? randomSpans(random, article, options.count)
      : spansWithOverlaps(random, article, options.count, options.overlapShare);
  return spans.sort((a, b) => a.start - b.start || a.end - b.end).map((span) => claimFields(random, article, span));
}

/** 1 to 8 words, mostly 2 to 5, as reviewers pick claims. */
function claimLength(random: Random): number {
  return Math.min(8, 1 + Math.floor(-Math.log(1 - random()) * 2.5));
}

function randomSpans(random: Random, article: BenchArticle, count: number): WordSpan[] {
  return Array.from({ length: count }, () => {
    const words = pick(random, article.paragraphWords);
    const length = Math.min(claimLength(random), words.length);
    const first = between(random, 0, words.length - length);
    return { start: words[first].start, end: words[first + length - 1].end };
  });
}

/**
 * Claims of which `share` overlap another and the rest none. Word ranges
 * taken are tracked per paragraph; an overlapping claim straddles one edge of
 * an earlier claim, or sits inside a long one.
 */
function spansWithOverlaps(random: Random, article: BenchArticle, count: number, share: number): WordSpan[] {
  const overlapping = Math.round(count * share);
  type Placed = { paragraph: number; first: number; last: number };
  const taken: Placed[][] = article.paragraphWords.map(() => []);
  const alone: Placed[] = [];
  const free = (paragraph: number, first: number, last: number) => taken[paragraph].every((p) => last < p.first - 1 || first > p.last + 1);

  for (let attempts = 0; alone.length < count - overlapping; attempts++) {
    if (attempts > count * 200) throw new Error("the article is too short for that many claims that do not overlap");
    const paragraph = between(random, 0, article.paragraphWords.length - 1);
    const words = article.paragraphWords[paragraph];
    const length = Math.min(claimLength(random), words.length);
    const first = between(random, 0, words.length - length);
    const last = first + length - 1;
    if (!free(paragraph, first, last)) continue;
    const placed = { paragraph, first, last };
    taken[paragraph].push(placed);
    alone.push(placed);
  }

  const spans = alone.map(({ paragraph, first, last }) => ({ paragraph, first, last }));
  for (let i = 0; i < overlapping; i++) {
    const other = pick(random, alone);
    const words = article.paragraphWords[other.paragraph];
    const size = other.last - other.first + 1;
    let first: number;
    let last: number;
    const mode = random();
    if (size >= 3 && mode < 0.3) {
      // Inside a longer claim.
      first = other.first + 1;
      last = other.last - (size > 3 ? 1 : 0);
    } else if (mode < 0.65 && other.first > 0) {
      // Across its start.
      first = Math.max(0, other.first - between(random, 1, 3));
      last = other.first + between(random, 0, size - 1);
    } else {
      // Across its end (or over all of it, at the end of a paragraph).
      first = other.last - between(random, 0, size - 1);
      last = Math.min(words.length - 1, other.last + between(random, 1, 3));
    }
    spans.push({ paragraph: other.paragraph, first, last });
  }
  return spans.map(({ paragraph, first, last }) => {
    const words = article.paragraphWords[paragraph];
    return { start: words[first].start, end: words[last].end };
  });
}

/**
 * A revision with edits spread over the whole article, as a newsroom's
 * corrections and updates make them: about one paragraph in seven gets a word
 * inserted, replaced or deleted; one in a hundred is removed, one in a
 * hundred is new, and one in two hundred trades places with the next.
 */
export function reviseArticle(article: BenchArticle, seed: number): BenchArticle {
  const random = randomSource(seed);
  const [headline, ...paragraphs] = article.text.split("\n");
  const vocabulary = Array.from({ length: 500 }, () => inventedWord(random));
  const revised: string[] = [];
  for (let i = 0; i < paragraphs.length; i++) {
    const r = random();
    let paragraph = paragraphs[i];
    if (r < 0.01) continue;
    if (r < 0.02) revised.push(sentenceWords(random, vocabulary, between(random, 12, 28)).join(" "));
    if (r >= 0.02 && r < 0.025 && i + 1 < paragraphs.length) {
      revised.push(paragraphs[i + 1], paragraph);
      i++;
      continue;
    }
    if (r >= 0.025 && r < 0.17) {
      const words = paragraph.split(" ");
      const at = between(random, 1, words.length - 2);
      const edit = random();
      if (edit < 1 / 3) words.splice(at, 0, pick(random, vocabulary));
      else if (edit < 2 / 3) words[at] = pick(random, vocabulary) + (/[.,?]$/.test(words[at]) ? words[at].slice(-1) : "");
      else if (!/[.?]$/.test(words[at])) words.splice(at, 1);
      paragraph = words.join(" ");
    }
    revised.push(paragraph);
  }
  return articleFromParagraphs(headline, revised);
}
