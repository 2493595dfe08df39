/**
 * Two revisions of an article compared word by word (jsdiff), laid out in the
 * newer revision's blocks, so that headings and lists stay headings and lists,
 * and with each change marked with the claims it touched: removed words with
 * the claims that stood on them in the older revision, added words with the
 * claims standing on them in the newer one. Offsets of claims count code
 * points, as everywhere; jsdiff counts UTF-16 units, so they are converted.
 *
 * The page is drawn on the server, whose one thread answers everyone: a word
 * diff of two whole articles grows with the square of their changes (10 s
 * for 8,000 rewritten words, minutes for the largest articles, with the
 * server deaf meanwhile). So blocks are compared first, then words only
 * within the blocks that changed (block by block where as many were removed
 * as added), all within `budgetMs`; past it, a changed block shows as removed
 * and added whole.
 */
import { type Change, diffArrays, diffWordsWithSpace } from "diff";
import { type ArticleBlock, blockSeparator, blockTexts } from "./article";
import { CodePointIndex } from "./text-offsets";

/** Words the same in both revisions, added in the newer or removed from the older, and the claims a change touched. */
export interface CompareSegment {
  change: "same" | "added" | "removed";
  text: string;
  claims: string[];
}

/** One block of the newer revision; list items carry the index of their list in `list`. */
export type CompareBlock = (
  { type: "heading"; level: 1 | 2 | 3 } | { type: "paragraph" | "caption" | "quote" } | { type: "list-item"; list: number; ordered: boolean }
) & { segments: CompareSegment[] };

/** A claim on a revision, by code point offsets; only placed claims (an orphan's offsets belong to an earlier text). */
export interface ClaimSpan {
  id: string;
  start: number;
  end: number;
}

interface RevisionSide {
  text: string;
  claims: readonly ClaimSpan[];
}

/** How long a comparison may take, in milliseconds, before changed blocks are shown whole. */
export const compareBudgetMs = 500;

/** The changes from `older` to `newer`, in `newer`'s blocks (one paragraph per line when they do not spell its text). */
export function compareRevisions(
  older: RevisionSide,
  newer: RevisionSide & { blocks: ArticleBlock[] },
  { budgetMs = compareBudgetMs }: { budgetMs?: number } = {},
): CompareBlock[] {
  const blocks = layout(newer.text, newer.blocks);
  const olderClaims = new ClaimSweep(inUtf16(older));
  const newerClaims = new ClaimSweep(inUtf16(newer));
  let o = 0;
  let n = 0;
  let line = 0;
  const push = (segment: CompareSegment) => blocks[Math.min(line, blocks.length - 1)].segments.push(segment);
  for (const part of diffTexts(older.text, newer.text, performance.now() + budgetMs)) {
    if (part.removed) {
      push({ change: "removed", text: part.value, claims: olderClaims.touched(o, o + part.value.length) });
      o += part.value.length;
      continue;
    }
    part.value.split(blockSeparator).forEach((piece, i) => {
      if (i > 0) {
        line++;
        n += blockSeparator.length;
      }
      if (piece) {
        push(
          part.added
            ? { change: "added", text: piece, claims: newerClaims.touched(n, n + piece.length) }
            : { change: "same", text: piece, claims: [] },
        );
      }
      n += piece.length;
    });
    if (!part.added) o += part.value.length;
  }
  return blocks;
}

function layout(text: string, blocks: ArticleBlock[]): CompareBlock[] {
  if (blockTexts(blocks).join(blockSeparator) !== text) {
    return text.split(blockSeparator).map(() => ({ type: "paragraph", segments: [] }));
  }
  return blocks.flatMap((block, list): CompareBlock[] =>
    block.type === "list"
      ? block.items.map(() => ({ type: "list-item", list, ordered: block.ordered ?? false, segments: [] }))
      : [block.type === "heading" ? { type: "heading", level: block.level, segments: [] } : { type: block.type, segments: [] }],
  );
}

function inUtf16({ text, claims }: RevisionSide): ClaimSpan[] {
  const index = new CodePointIndex(text);
  return claims.map(({ id, start, end }) => ({ id, start: index.toUtf16(start), end: index.toUtf16(end) }));
}

type Part = Pick<Change, "value" | "added" | "removed">;

/**
 * The changes from `older` to `newer` as jsdiff's word diff gives them, but
 * block by block (see the top of this file), and by `deadline` (a
 * `performance.now()`): blocks left to compare past it are removed and added whole.
 */
function diffTexts(older: string, newer: string, deadline: number): Part[] {
  const left = () => Math.max(0, deadline - performance.now());
  // Each block with the separator after it, so that the blocks spell the text.
  const blocksOf = (text: string) => text.split(blockSeparator).map((block, i, all) => (i < all.length - 1 ? block + blockSeparator : block));
  const parts: Part[] = [];
  const whole = (removed: string, added: string) => {
    if (removed) parts.push({ value: removed, added: false, removed: true });
    if (added) parts.push({ value: added, added: true, removed: false });
  };
  const words = (removed: string, added: string) => {
    // With spaces as words of their own: `diffWords` counts a change of spaces only as none and gives the newer
    // spaces, so the older side's offsets would drift from there and later removed words name the wrong claims.
    const changes = left() > 0 ? diffWordsWithSpace(removed, added, { timeout: left() }) : undefined;
    if (changes) parts.push(...changes);
    else whole(removed, added);
  };
  const olderBlocks = blocksOf(older);
  const newerBlocks = blocksOf(newer);
  const byBlock = diffArrays(olderBlocks, newerBlocks, { timeout: left() }) ?? [
    { value: olderBlocks, added: false, removed: true, count: olderBlocks.length },
    { value: newerBlocks, added: true, removed: false, count: newerBlocks.length },
  ];
  let removed: string[] = [];
  const changed = (added: string[]) => {
    if (removed.length === added.length) removed.forEach((block, i) => words(block, added[i]));
    else words(removed.join(""), added.join(""));
    removed = [];
  };
  for (const run of byBlock) {
    if (run.removed) removed = removed.concat(run.value);
    else if (run.added) changed(run.value);
    else {
      if (removed.length > 0) changed([]);
      parts.push({ value: run.value.join(""), added: false, removed: false });
    }
  }
  if (removed.length > 0) changed([]);
  return parts;
}

/**
 * The claims a range of the text touches, for ranges asked in reading order
 * (each starting at or after the one before): claims are passed once, not
 * searched whole for every change.
 */
class ClaimSweep {
  private readonly claims: ClaimSpan[];
  private next = 0;
  private open: ClaimSpan[] = [];

  constructor(claims: readonly ClaimSpan[]) {
    this.claims = [...claims].sort((a, b) => a.start - b.start);
  }

  touched(from: number, to: number): string[] {
    while (this.next < this.claims.length && this.claims[this.next].start < to) this.open.push(this.claims[this.next++]);
    this.open = this.open.filter(({ end }) => from < end);
    return this.open.filter(({ start }) => start < to).map(({ id }) => id);
  }
}
