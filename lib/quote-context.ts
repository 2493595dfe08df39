/**
 * A claim's quote as a table shows it: a few words of the stored context on
 * either side, so a reader can tell two identical quotes apart, and long
 * quotes shortened so one claim does not fill the screen. Plain string work
 * on code points, like the selectors it reads.
 */

/** The words shown either side of a quote, and where the context was cut. */
export interface QuoteContext {
  before: string;
  quote: string;
  after: string;
}

/** How much a table shows: words of context, and the longest quote shown whole. */
export interface QuoteContextOptions {
  /** Words of context kept on each side. */
  words?: number;
  /** Longest quote shown whole, in code points; longer ones keep their start and end. */
  maxQuote?: number;
}

const ellipsis = "…";

/** Collapses runs of whitespace (line breaks between paragraphs included) to single spaces. */
function squash(text: string): string {
  return text.replace(/\s+/g, " ");
}

const wordy = /[\p{L}\p{N}]/u;

/** The first tokens holding `words` words; punctuation standing alone comes along without counting. */
function leadingWords(tokens: string[], words: number): string[] {
  let count = 0;
  let end = 0;
  while (end < tokens.length && (count < words || !wordy.test(tokens[end]))) {
    if (wordy.test(tokens[end])) count++;
    end++;
  }
  return tokens.slice(0, end);
}

/**
 * The last `words` words of a prefix, led by an ellipsis when anything before
 * them is left out. A stored prefix is cut at a fixed length, often mid-word,
 * so unless it reaches the start of the text (`complete`) its first word is
 * treated as partial and dropped.
 */
export function contextBefore(prefix: string, words: number, complete: boolean): string {
  const text = squash(prefix);
  const tokens = text.split(" ").filter(Boolean);
  if (!complete && !text.startsWith(" ")) tokens.shift();
  const kept = leadingWords([...tokens].reverse(), words).reverse();
  const cut = !complete || kept.length < tokens.length;
  if (kept.length === 0 && !cut) return "";
  // The space between the context and the quote is part of what is shown.
  return `${cut ? ellipsis : ""}${kept.join(" ")}${text.endsWith(" ") && kept.length > 0 ? " " : ""}`;
}

/** The first `words` words of a suffix, followed by an ellipsis when anything after them is left out. */
export function contextAfter(suffix: string, words: number, complete: boolean): string {
  const text = squash(suffix);
  const tokens = text.split(" ").filter(Boolean);
  if (!complete && !text.endsWith(" ")) tokens.pop();
  const kept = leadingWords(tokens, words);
  const cut = !complete || kept.length < tokens.length;
  if (kept.length === 0 && !cut) return "";
  return `${text.startsWith(" ") && kept.length > 0 ? " " : ""}${kept.join(" ")}${cut ? ellipsis : ""}`;
}

/** A quote of at most `max` code points: its start, an ellipsis, and its last few words. */
export function shortenQuote(quote: string, max: number): string {
  const points = [...squash(quote)];
  if (points.length <= max) return points.join("");
  const tail = Math.min(60, Math.floor(max / 4));
  return `${points
    .slice(0, max - tail)
    .join("")
    .trimEnd()} ${ellipsis} ${points.slice(-tail).join("").trimStart()}`;
}

/**
 * The quote with a few words either side. `contextLength` is the most context
 * a selector stores: a shorter prefix or suffix reaches the edge of the text
 * and needs no ellipsis.
 */
export function quoteWithContext(
  claim: { quote: string; prefix: string; suffix: string },
  contextLength: number,
  { words = 4, maxQuote = 240 }: QuoteContextOptions = {},
): QuoteContext {
  return {
    before: contextBefore(claim.prefix, words, [...claim.prefix].length < contextLength),
    quote: shortenQuote(claim.quote, maxQuote),
    after: contextAfter(claim.suffix, words, [...claim.suffix].length < contextLength),
  };
}
