/**
 * Importing W3C annotations as claims of an article: each placed on the
 * article's text by its selectors (lib/import/plan.ts), those already there
 * left out, then stored all together with one `imported` event each.
 */
import "server-only";
import { getDb } from "@/db/client";
import { listAnnotations } from "@/db/queries/annotations";
import { getDocumentBySlug } from "@/db/queries/documents";
import { listActivePeople } from "@/db/queries/comments";
import { createAnnotations } from "@/db/queries/import";
import type { Annotation } from "@/lib/annotation";
import { attachReplies, leaveOutDuplicates, planImport } from "@/lib/import/plan";
import { findMentions } from "@/lib/mentions";
import type { SkippedAnnotation } from "@/lib/import/w3c";
import type { Actor } from "./actor";
import { notFound, type Outcome, Refusal, refuse } from "./refusal";
import { errorCode } from "@/lib/error-codes";

export interface ImportResult {
  created: Annotation[];
  skipped: SkippedAnnotation[];
  /** How many comments (annotations replying to the claims) were added to the claims' threads. */
  comments: number;
}

/**
 * Imports `items` (W3C annotations, read from the file) into the article
 * `slug`. All or nothing, unless `skipUnplaceable`: then what can be placed
 * is imported and the rest listed. Duplicates of claims already there are
 * always left out, and listed.
 */
export async function importClaims(
  actor: Actor,
  slug: string,
  items: readonly unknown[],
  { skipUnplaceable, next }: { skipUnplaceable: boolean; next?: string },
): Promise<Outcome<ImportResult>> {
  const refused = refuse(actor, "import_claims", { kind: "article", slug });
  if (refused) return refused;
  const db = await getDb();
  const document = await getDocumentBySlug(db, slug);
  if (!document) return notFound("Article");

  const present = (await listAnnotations(db, document.id)).filter((claim) => claim.status === "anchored");
  const {
    plan: { claims, skipped },
    comments,
  } = attachReplies(leaveOutDuplicates(planImport(document.text, items), present));
  const failed = skipped.filter((item) => item.reason !== "duplicate");
  if (failed.length > 0 && !skipUnplaceable) {
    return new Refusal(
      "unprocessable",
      errorCode.notImportable,
      `${failed.length} of ${items.length} annotations cannot be imported, so none was. ` +
        "Fix them, or send the request again with ?skip=unplaceable to import the others.",
      { created: [], skipped: failed, ...(next ? { next } : {}) },
    );
  }
  const people = comments.some((comment) => comment.body.includes("@")) ? await listActivePeople(db) : [];
  const withMentions = comments.map((comment) => ({ ...comment, mentionIds: findMentions(comment.body, people) }));
  const result = await createAnnotations(db, document, claims, actor, withMentions);
  if (result.kind === "revised") {
    return new Refusal("conflict", errorCode.articleRevised, "The article was revised during the import; nothing was imported. Try again.");
  }
  return { created: result.annotations, skipped, comments: result.comments };
}
