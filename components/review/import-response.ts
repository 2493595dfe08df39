import { z } from "zod";

/**
 * What `POST /api/documents/{slug}/import` answers, read defensively: the
 * page shows the server's own words whatever else the body holds.
 */
const skippedItem = z.object({
  index: z.number(),
  reason: z.string(),
  message: z.string(),
  /** The words it quotes, when it has any. */
  quote: z.string().optional(),
});
/** One annotation of the file that was not imported, counted from 0, and why. */
export type SkippedItem = z.infer<typeof skippedItem>;

const importedBody = z.object({
  created: z.array(z.unknown()),
  skipped: z.array(skippedItem).default([]),
  /** Comments (annotations replying to the claims) added to the claims' threads. */
  comments: z.number().default(0),
  /** The page after the one imported, when the file only links it: it was not read. */
  next: z.string().optional(),
});

const refusedBody = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
  skipped: z.array(skippedItem).optional(),
});

/** An import's outcome, as the page reports it. */
export type ImportOutcome =
  | { kind: "imported"; created: number; comments: number; skipped: SkippedItem[]; next?: string }
  | { kind: "refused"; status: number; code: string; message: string; skipped: SkippedItem[] };

/** Reads an import answer; anything unexpected becomes a refusal that says so. */
export function readImportResponse(status: number, body: unknown): ImportOutcome {
  if (status === 200 || status === 201) {
    const parsed = importedBody.safeParse(body);
    if (parsed.success) {
      const { created, comments, skipped, next } = parsed.data;
      return { kind: "imported", created: created.length, comments, skipped, ...(next ? { next } : {}) };
    }
  }
  const refused = refusedBody.safeParse(body);
  if (refused.success) {
    const { code, message } = refused.data.error;
    return { kind: "refused", status, code, message, skipped: refused.data.skipped ?? [] };
  }
  return {
    kind: "refused",
    status,
    code: "unexpected_response",
    message: `The server answered ${status} with nothing this page can read.`,
    skipped: [],
  };
}
