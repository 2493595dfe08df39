/**
 * Helpers for the editor's unit tests: build an editor state with the plugins
 * the Annotator installs, place claims on words, run commands as a view would.
 */
import type { Command, EditorState, Transaction } from "prosemirror-state";
import type { Tag } from "@/lib/tags";
import type { Claim } from "./claim";
import type { TextMap } from "./text-map";

/** Code point offsets of `words`, which must occur once in the map's text. */
export function offsetsOf(textMap: TextMap, words: string): { start: number; end: number } {
  const at = textMap.text.indexOf(words);
  if (at < 0 || textMap.text.indexOf(words, at + 1) >= 0) throw new Error(`"${words}" is not once in the article`);
  const start = textMap.index.toCodePoint(at);
  return { start, end: start + Array.from(words).length };
}

/** A claim by Ada with nothing said yet, at code point offsets `start`–`end` (positions one further on, past the first block's opening); `fields` override any of it. */
export function testClaim(id: string, start: number, end: number, fields: Partial<Claim> = {}): Claim {
  return {
    id,
    start,
    end,
    from: start + 1,
    to: end + 1,
    quote: "",
    tag: "disputed",
    note: "",
    claimant: "",
    evidence: [],
    createdBy: "Ada",
    updatedBy: "Ada",
    updatedAt: null,
    ...fields,
  };
}

/** A claim on `words`, which must occur once in the article. */
export function claimOn(textMap: TextMap, words: string, id: string, tag: Tag = "disputed"): Claim {
  const { start, end } = offsetsOf(textMap, words);
  return testClaim(id, start, end, { from: textMap.toPos(start), to: textMap.toPos(end), quote: words, tag });
}

/** Runs a command as a view would; returns the command's answer and the next state. */
export function run(state: EditorState, command: Command): { applied: boolean; state: EditorState } {
  let next = state;
  const applied = command(state, (tr: Transaction) => {
    next = next.apply(tr);
  });
  return { applied, state: next };
}
