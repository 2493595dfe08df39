/**
 * An article as a whole: editors archive and unarchive it (off the default
 * list and "all claims", kept whole, still opened and exported), and only an
 * admin deletes it, naming how many claims go with it. Each is recorded in
 * `article_events`, by whom and when.
 */
import "server-only";
import { getDb } from "@/db/client";
import { deleteDocument, insertArticleEvent, lockArticle, setArchived } from "@/db/queries/article-lifecycle";
import { errorCode } from "@/lib/error-codes";
import type { Actor } from "./actor";
import { notFound, type Outcome, Refusal, refuse } from "./refusal";

/** Archives (`archived` true) or unarchives an article; archiving one archived changes nothing, nor is it recorded again. */
export async function setArticleArchived(
  actor: Actor,
  slug: string,
  archived: boolean,
): Promise<Outcome<{ archivedAt: Date | null; archivedBy: string | null }>> {
  const refused = refuse(actor, "archive_article", { kind: "article", slug });
  if (refused) return refused;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const article = await lockArticle(tx, slug);
    if (!article) return notFound("Article");
    if ((article.archivedAt !== null) === archived) return { archivedAt: article.archivedAt, archivedBy: article.archivedBy };
    const changed = await setArchived(tx, article.id, archived ? { at: new Date(), by: actor } : null);
    await insertArticleEvent(tx, article, archived ? "archived" : "unarchived", actor);
    return changed;
  });
}

/**
 * Deletes an article with its claims, revisions and history, when
 * `confirm` is the number of its live claims (what the person was told
 * would go with it): else `409 confirmation_required` with `claimCount`, and
 * nothing deleted, so that a script cannot delete one by accident.
 */
export async function deleteArticle(actor: Actor, slug: string, confirm: number | undefined): Promise<Outcome<{ claimCount: number }>> {
  const refused = refuse(actor, "delete_article", { kind: "article", slug });
  if (refused) return refused;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const article = await lockArticle(tx, slug);
    if (!article) return notFound("Article");
    if (confirm !== article.claimCount) {
      const claims = article.claimCount === 1 ? "1 claim" : `${article.claimCount} claims`;
      return new Refusal(
        "conflict",
        errorCode.confirmationRequired,
        `Deleting “${article.title}” deletes its ${claims} with it; send ?confirm=${article.claimCount} to delete it.`,
        {
          claimCount: article.claimCount,
        },
      );
    }
    await insertArticleEvent(tx, article, "deleted", actor);
    await deleteDocument(tx, article.id);
    return { claimCount: article.claimCount };
  });
}
