/**
 * Page furniture in news text pasted as plain text: lines that belong to the
 * web page, not to the article. CNBC's pages, copied whole, carry a video
 * teaser ("WATCH: Super Micro plunges on …") and, at the end, the video's
 * title once or twice more as the player's caption. Recognising them is plain
 * string work on lines, so the preview can list them and the reader of plain
 * text can leave them out when asked (`"furniture": "drop"`); by default every
 * line is kept, as a claim may well be on one of them.
 */

// A teaser line: a label in capitals, a colon, then what the video is about.
const teaser = /^(?:WATCH|WATCH NOW|WATCH LIVE|VIDEO|LISTEN|READ MORE|RELATED):\s*(\S.*)$/;

/**
 * The indices of the lines of `source` (split at line breaks) that are page
 * furniture: teaser lines, and lines repeating a teaser's title.
 */
export function furnitureLineIndices(source: string): number[] {
  const lines = source
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.trim());
  const titles = new Set(lines.flatMap((line) => teaser.exec(line)?.[1] ?? []).map(normalise));
  return lines.flatMap((line, i) => (line !== "" && (teaser.test(line) || titles.has(normalise(line))) ? [i] : []));
}

/** The furniture lines of `source`, as they read. */
export function furnitureLines(source: string): string[] {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  return furnitureLineIndices(source).map((i) => lines[i].trim());
}

/** `source` without its furniture lines (each left blank, so paragraphs stay apart). */
export function withoutFurniture(source: string): string {
  const drop = new Set(furnitureLineIndices(source));
  return source
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line, i) => (drop.has(i) ? "" : line))
    .join("\n");
}

function normalise(line: string): string {
  return line.replace(/\s+/g, " ").trim().toLowerCase();
}
