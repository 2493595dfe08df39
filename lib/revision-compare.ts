/**
 * Two revisions of an article compared word by word (jsdiff), laid out in the
 * newer revision's blocks, so that headings and lists stay headings and lists,
 * and with each change marked with the claims it touched: removed words with
 * the claims that stood on them in the older revision, added words with the
 * claims standing on them in the newer one. Offsets of claims count code
 * points, as everywhere; jsdiff counts UTF-16 units, so they are converted.
 */
import { diffWords } from "diff";
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

/** The changes from `older` to `newer`, in `newer`'s blocks (one paragraph per line when they do not spell its text). */
export function compareRevisions(older: RevisionSide, newer: RevisionSide & { blocks: ArticleBlock[] }): CompareBlock[] {
  const blocks = layout(newer.text, newer.blocks);
  const olderClaims = inUtf16(older);
  const newerClaims = inUtf16(newer);
  let o = 0;
  let n = 0;
  let line = 0;
  const push = (segment: CompareSegment) => blocks[Math.min(line, blocks.length - 1)].segments.push(segment);
  for (const part of diffWords(older.text, newer.text)) {
    if (part.removed) {
      push({ change: "removed", text: part.value, claims: touched(olderClaims, o, o + part.value.length) });
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
            ? { change: "added", text: piece, claims: touched(newerClaims, n, n + piece.length) }
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

function touched(claims: readonly ClaimSpan[], from: number, to: number): string[] {
  return claims.filter(({ start, end }) => start < to && from < end).map(({ id }) => id);
}
