import type { Node as ProseMirrorNode } from "prosemirror-model";
import { blockSeparator } from "@/lib/article";
import { CodePointIndex } from "@/lib/text-offsets";

interface TextBlock {
  /** Document position where the block's text starts. */
  pos: number;
  /** Code point offset of the block's text in the plain text. */
  offset: number;
  index: CodePointIndex;
}

/**
 * The one adapter between ProseMirror positions and plain-text offsets (code
 * points, as claims are stored). Built once per document: the article's words
 * never change in the editor, so neither does the map.
 */
export class TextMap {
  private readonly blocks: TextBlock[] = [];
  /** The plain text, identical to `articleText` of the article's blocks (the server's `document.text`), indexed by code point. */
  readonly index: CodePointIndex;

  constructor(doc: ProseMirrorNode) {
    const texts: string[] = [];
    let offset = 0;
    doc.descendants((node, pos) => {
      if (!node.isTextblock) return true;
      const index = new CodePointIndex(node.textContent);
      this.blocks.push({ pos: pos + 1, offset, index });
      texts.push(node.textContent);
      offset += index.length + blockSeparator.length;
      return false;
    });
    this.index = new CodePointIndex(texts.join(blockSeparator));
  }

  get text(): string {
    return this.index.text;
  }

  /** Offset of a document position; a position between blocks counts as the end of the block before it. */
  toOffset(pos: number): number {
    const block = this.blocks[this.blockAt((b) => b.pos <= pos)] ?? this.blocks[0];
    if (!block) return 0;
    const within = Math.max(0, Math.min(pos - block.pos, block.index.text.length));
    if (pos < block.pos) return block.offset;
    return block.offset + block.index.toCodePoint(within);
  }

  /** Document position of an offset; the separator after a block maps to that block's end. */
  toPos(offset: number): number {
    const block = this.blocks[this.blockAt((b) => b.offset <= offset)] ?? this.blocks[0];
    if (!block) return 0;
    const within = Math.max(0, Math.min(offset - block.offset, block.index.length));
    return block.pos + block.index.toUtf16(within);
  }

  /** Index of the last block satisfying a predicate that holds for a prefix of the blocks. */
  private blockAt(isBefore: (block: TextBlock) => boolean): number {
    let lo = 0;
    let hi = this.blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (isBefore(this.blocks[mid])) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }
}
