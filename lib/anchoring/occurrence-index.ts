/**
 * Finds every occurrence of a quote in a long text without reading the whole
 * text each time. Anchoring looks for the exact quote of every claim across
 * the whole revision (a moved paragraph can land anywhere); for thousands of
 * claims on a long article, one scan each would dominate the cost.
 *
 * The index files every position of the text under a hash of the
 * `gramLength` units that start there. A quote is looked up by its rarest
 * such gram, and each position filed under it is checked against the whole
 * quote, so hash collisions cost time but never give a wrong answer. Building
 * the index costs a few scans, so the first lookups simply scan and the index
 * is built only once it pays for itself.
 */
export class OccurrenceIndex {
  private lookups = 0;
  private buckets: { starts: Int32Array; positions: Int32Array; shift: number } | null = null;

  constructor(readonly text: string) {}

  /** Start offsets of every occurrence of `pattern` in the text, overlapping ones included, ascending. */
  find(pattern: string): number[] {
    if (pattern.length === 0) return [];
    if (pattern.length < gramLength || ++this.lookups <= scansBeforeIndexing) return scan(this.text, pattern);
    this.buckets ??= buildBuckets(this.text);
    const { starts, positions, shift } = this.buckets;

    // The rarest gram of the pattern has the fewest positions to check.
    let bestOffset = 0;
    let bestBucket = 0;
    let bestSize = Infinity;
    let hash = hashAt(pattern, 0);
    for (let offset = 0; ; offset++) {
      const bucket = hash >>> shift;
      const size = starts[bucket + 1] - starts[bucket];
      if (size < bestSize) [bestOffset, bestBucket, bestSize] = [offset, bucket, size];
      if (offset + gramLength >= pattern.length) break;
      hash = roll(hash, pattern.charCodeAt(offset), pattern.charCodeAt(offset + gramLength));
    }

    const found: number[] = [];
    for (let k = starts[bestBucket]; k < starts[bestBucket + 1]; k++) {
      const start = positions[k] - bestOffset;
      if (start >= 0 && this.text.startsWith(pattern, start)) found.push(start);
    }
    return found;
  }
}

/** Units per gram: long enough that most grams are rare, short enough for short quotes. */
const gramLength = 8;
/** A scan of a 300,000-unit text costs about a twentieth of building the index. */
const scansBeforeIndexing = 20;

const base = 0x01000193;
/** base ** (gramLength - 1), wrapped to 32 bits, to drop the outgoing unit when rolling. */
const outgoingWeight = Array.from({ length: gramLength - 1 }).reduce<number>((w) => Math.imul(w, base), 1);

function hashAt(text: string, at: number): number {
  let hash = 0;
  for (let i = at; i < at + gramLength; i++) hash = (Math.imul(hash, base) + text.charCodeAt(i)) | 0;
  return hash >>> 0;
}

function roll(hash: number, outgoing: number, incoming: number): number {
  return ((Math.imul(hash - Math.imul(outgoing, outgoingWeight), base) + incoming) | 0) >>> 0;
}

function buildBuckets(text: string) {
  const count = Math.max(0, text.length - gramLength + 1);
  const bits = Math.min(24, Math.max(8, Math.ceil(Math.log2(count + 1))));
  const shift = 32 - bits;
  const hashes = new Uint32Array(count);
  const starts = new Int32Array((1 << bits) + 1);
  if (count > 0) {
    let hash = hashAt(text, 0);
    for (let p = 0; ; p++) {
      hashes[p] = hash;
      starts[(hash >>> shift) + 1]++;
      if (p + 1 >= count) break;
      hash = roll(hash, text.charCodeAt(p), text.charCodeAt(p + gramLength));
    }
  }
  for (let b = 1; b < starts.length; b++) starts[b] += starts[b - 1];
  // Filling in text order keeps each bucket ascending.
  const next = starts.slice(0, starts.length - 1);
  const positions = new Int32Array(count);
  for (let p = 0; p < count; p++) positions[next[hashes[p] >>> shift]++] = p;
  return { starts, positions, shift };
}

function scan(text: string, pattern: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(pattern); at !== -1; at = text.indexOf(pattern, at + 1)) found.push(at);
  return found;
}
