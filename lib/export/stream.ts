/**
 * Exports are written as they are read: claims come from an async source in
 * batches (keyset pages of the database), each mapped and encoded as a whole,
 * and leave as a web ReadableStream that pulls the next batch only when the
 * previous one has been taken. Memory holds a batch or two whatever the
 * number of claims, and the first bytes (a format's head) leave before the
 * first query returns.
 */
import type { ExportClaim } from "./links";

/** One export format as text: what comes before, between and after the claims. */
export interface ExportWriter {
  /** Text before the first claim (a header row, the opening of a JSON document). */
  head: string;
  /** Text of one claim. */
  claim(claim: ExportClaim): string;
  /** How many items of the file one claim's text is (the tail's `total`); 1 when absent. */
  items?(claim: ExportClaim): number;
  /** Whether a claim belongs in this format at all; every claim does when absent. */
  includes?(claim: ExportClaim): boolean;
  /** Text between two claims. */
  separator: string;
  /** Text after the last claim, knowing how many there were. */
  tail(total: number): string;
}

export interface ExportStreamOptions {
  /** Told of an error that cut the stream short, after the status line has left. */
  onError?: (error: unknown) => void;
}

/** Streams the batches of `claims` through `writer` as UTF-8. Cancelling the stream stops reading claims. */
export function exportStream(
  claims: AsyncIterable<readonly ExportClaim[]>,
  writer: ExportWriter,
  { onError }: ExportStreamOptions = {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const source = claims[Symbol.asyncIterator]();
  let written = 0;
  // Set when the client goes away: a batch read meanwhile has nowhere to go.
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(writer.head));
    },
    async pull(controller) {
      try {
        // An empty batch (or one the format leaves out) writes nothing; read on, since returning without
        // enqueuing would leave a waiting reader with no further pull.
        for (;;) {
          const next = await source.next();
          if (cancelled) return;
          if (next.done) {
            controller.enqueue(encoder.encode(writer.tail(written)));
            controller.close();
            return;
          }
          const batch = writer.includes ? next.value.filter((claim) => writer.includes!(claim)) : next.value;
          if (batch.length === 0) continue;
          const text = batch.map((claim) => writer.claim(claim)).join(writer.separator);
          controller.enqueue(encoder.encode(written > 0 ? writer.separator + text : text));
          written += writer.items ? batch.reduce((sum, claim) => sum + writer.items!(claim), 0) : batch.length;
          return;
        }
      } catch (error) {
        if (cancelled) return;
        // The status and headers are gone already: all that is left is to cut
        // the body short, so that the client sees a failed download rather
        // than a complete-looking file with claims missing.
        onError?.(error);
        controller.error(error);
      }
    },
    async cancel() {
      cancelled = true;
      await source.return?.();
    },
  });
}
