/**
 * The use cases on articles: add one (its slug allocated from its title),
 * read one or the list, and publish a revision (every claim re-anchored on
 * it, each claim it moved or orphaned recorded in `claim_events`). Parsing
 * and re-anchoring run off the main thread (`runOffThread`).
 */
import "server-only";
import { isDeepStrictEqual } from "node:util";
import { type Database, getDb } from "@/db/client";
import { findDuplicateDocument, lockArticleAdds } from "@/db/queries/article-lifecycle";
import { listDocumentPage, listOutlets } from "@/db/queries/article-list";
import { createDocument, getDocumentById, getDocumentBySlug, getDocumentSummary, isSlugTaken } from "@/db/queries/documents";
import type { ArticleListQuery } from "@/lib/article-list";
import {
  getDocumentAtRevision,
  getPublishedRevision,
  getRevision,
  listAnnotationsAtRevision,
  listRevisionClaimMoves,
  listRevisions,
} from "@/db/queries/revisions";
import { publishRevision, type PublishResult } from "./publish-revision";
import { refreshStatistics } from "./statistics";
import type { DocumentRow } from "@/db/schema";
import { type Annotation } from "@/lib/annotation";
import { type ArticlePreviewInput, type NewArticleInput, type NewRevisionInput, slugify } from "@/lib/article-input";
import type { ArticleBlock } from "@/lib/article";
import { furnitureLines } from "@/lib/article-furniture";
import { summariseClaimMoves } from "@/lib/revision-summary";
import { runOffThread } from "@/lib/worker/article-work";
import type { Actor } from "./actor";
import { notFound, type Outcome, Refusal, refuse } from "./refusal";
import { errorCode } from "@/lib/error-codes";

/** Slugs tried for one title: `title`, `title-2`, … */
const slugAttempts = 50;

/** The article a new one repeats: the same source URL (normalised) or the same text. */
export type DuplicateOf = NonNullable<Awaited<ReturnType<typeof findDuplicateDocument>>>;

/**
 * Adds an article as its revision 1, under a slug made from its title.
 * `created` is false for a retried add (same client id, same article) that
 * found it stored. `duplicateOf` names the article stored before with the
 * same source URL or text; with `duplicates: "refuse"` that is a `409
 * duplicate` instead, and nothing is stored.
 */
export async function addArticle(
  actor: Actor,
  input: NewArticleInput,
): Promise<Outcome<{ created: boolean; document: DocumentRow; duplicateOf?: DuplicateOf }>> {
  const refused = refuse(actor, "add_article", { kind: "article" });
  if (refused) return refused;
  const { id, text, html, markdown, furniture, title, outlet, author, sourceUrl, publishedAt, duplicates = "allow" } = input;
  const article = await runOffThread("articleFromInput", { text, html, markdown, furniture }, title);
  if (!article) return new Refusal("invalid", errorCode.emptyArticle, "The article has no text.");
  const metadata = { outlet: outlet ?? null, author: author ?? null, sourceUrl: sourceUrl ?? null, publishedAt: publishedAt ?? null };
  const values = { title, ...metadata, ...article };

  const db = await getDb();
  // A retry of an add that went through (its answer lost) gets that article, not a second one.
  const existing = async (tx: Database) => {
    const stored = id ? await getDocumentById(tx, id) : undefined;
    if (!stored) return undefined;
    const same = (Object.keys(values) as (keyof typeof values)[]).every((key) => isDeepStrictEqual(stored[key], values[key]));
    if (!same) return new Refusal("conflict", errorCode.idTaken, "Another article already has this id.");
    return { created: false, document: stored };
  };
  // Adds take turns from here to the article stored: of two adds of one article sent at once (the same
  // id, source URL or text), the second finds the first, as it would have a minute later.
  return db.transaction(async (tx) => {
    await lockArticleAdds(tx);
    const found = await existing(tx);
    if (found) return found;
    const duplicateOf = await findDuplicateDocument(tx, { sourceUrl: values.sourceUrl, text: values.text });
    if (duplicateOf && duplicates === "refuse") {
      const what = duplicateOf.matchedBy === "sourceUrl" ? "source URL" : "text";
      return new Refusal("conflict", errorCode.duplicate, `“${duplicateOf.title}” has the same ${what}.`, { duplicateOf });
    }
    const base = slugify(title);
    for (let attempt = 1; attempt <= slugAttempts; attempt++) {
      const slug = attempt === 1 ? base : `${base}-${attempt}`;
      if (await isSlugTaken(tx, slug)) continue;
      const document = await createDocument(tx, { ...(id ? { id } : {}), slug, ...values }, actor);
      if (document) return { created: true, document, ...(duplicateOf ? { duplicateOf } : {}) };
    }
    return new Refusal("conflict", errorCode.slugTaken, "Too many articles share this title; change the title.");
  });
}

/** A page of the articles a search, sort and filters select, with their claims counted, and where the next page starts. */
/**
 * The article as it would be added, read the same way, and the lines of
 * plain text recognised as page furniture (whether or not they were left out).
 * Stores nothing.
 */
export async function previewArticle(
  actor: Actor,
  { title, ...input }: ArticlePreviewInput,
): Promise<Outcome<{ blocks: ArticleBlock[]; furniture: string[] }>> {
  const refused = refuse(actor, "add_article", { kind: "article" });
  if (refused) return refused;
  const article = await runOffThread("articleFromInput", input, title?.trim() || undefined);
  return { blocks: article?.blocks ?? [], furniture: input.text === undefined ? [] : furnitureLines(input.text) };
}

export async function listArticles(actor: Actor, query: ArticleListQuery) {
  const refused = refuse(actor, "read", { kind: "article" });
  if (refused) return refused;
  const db = await getDb();
  // On PGlite, so that the planner knows which sort's index and which search index pay (see statistics.ts).
  await refreshStatistics(db);
  return listDocumentPage(db, query);
}

/** The outlets articles name, for the list's outlet filter. */
export async function listArticleOutlets(actor: Actor) {
  const refused = refuse(actor, "read", { kind: "article" });
  if (refused) return refused;
  return listOutlets(await getDb());
}

/** An article's latest text, or an earlier revision's. */
/** The id of an article, for what follows it (its live feed). */
export async function getArticleId(actor: Actor, slug: string): Promise<Outcome<string>> {
  const refused = refuse(actor, "read", { kind: "article", slug });
  if (refused) return refused;
  const document = await getDocumentSummary(await getDb(), slug);
  return document?.id ?? notFound("Article");
}

export async function getArticle(actor: Actor, slug: string, revision?: number) {
  const refused = refuse(actor, "read", { kind: "article", slug });
  if (refused) return refused;
  const db = await getDb();
  const latest = await getDocumentBySlug(db, slug);
  if (!latest) return notFound("Article");
  return (await getDocumentAtRevision(db, latest, revision ?? latest.revision)) ?? notFound("Revision");
}

/** The texts of two revisions of an article, to compare, with the claims placed on each; undefined for a revision it lacks. */
export async function getRevisionTexts(actor: Actor, slug: string, numbers: readonly number[]) {
  const refused = refuse(actor, "read", { kind: "article", slug });
  if (refused) return refused;
  const db = await getDb();
  const document = await getDocumentSummary(db, slug);
  if (!document) return notFound("Article");
  return Promise.all(
    numbers.map(async (number) => {
      const revision = await getRevision(db, document.id, number);
      if (!revision) return undefined;
      // The live claims placed on it, as they stood then: what the comparison marks.
      const claims = (await listAnnotationsAtRevision(db, document.id, number)).filter(({ status }) => status === "anchored");
      return { ...revision, claims: claims.map(({ id, start, end, quote }) => ({ id, start, end, quote })) };
    }),
  );
}

/** An earlier revision of an article as it read, with the live claims as they stood on it. */
export async function getArticleAtRevision(actor: Actor, slug: string, number: number) {
  const refused = refuse(actor, "read", { kind: "article", slug });
  if (refused) return refused;
  const db = await getDb();
  const latest = await getDocumentBySlug(db, slug);
  if (!latest) return notFound("Article");
  const document = await getDocumentAtRevision(db, latest, number);
  if (!document) return notFound("Revision");
  const annotations: Annotation[] = await listAnnotationsAtRevision(db, latest.id, number);
  return { document, annotations };
}

/** The revisions of an article, newest first, without their texts. */
export async function listArticleRevisions(actor: Actor, slug: string) {
  const refused = refuse(actor, "read", { kind: "article", slug });
  if (refused) return refused;
  const db = await getDb();
  const document = await getDocumentSummary(db, slug);
  if (!document) return notFound("Article");
  return listRevisions(db, document.id);
}

/**
 * Publishes a new text of an article and places every claim on it. `created`
 * is false for a retried publish (same client id, same text) that found it
 * published, with the answer its publisher got.
 */
export async function publishArticleRevision(
  actor: Actor,
  slug: string,
  { id, ...input }: NewRevisionInput,
): Promise<Outcome<PublishResult & { created: boolean }>> {
  const refused = refuse(actor, "publish_revision", { kind: "article", slug });
  if (refused) return refused;
  const db = await getDb();
  const document = await getDocumentBySlug(db, slug);
  if (!document) return notFound("Article");
  // Its headline stays when the new text starts with a paragraph, as an article's title does when it is added.
  const [first] = document.blocks;
  const article = await runOffThread("articleFromInput", input, first?.type === "heading" ? first.text : document.title);
  if (!article) return new Refusal("invalid", errorCode.emptyArticle, "The revision has no text.");
  // A retry of a publish that went through (its answer lost) gets that answer again.
  const publishedBefore = async () => {
    const published = id ? await getPublishedRevision(db, id) : undefined;
    if (!published) return undefined;
    const same = published.documentId === document.id && published.text === article.text && isDeepStrictEqual(published.blocks, article.blocks);
    if (!same) return new Refusal("conflict", errorCode.idTaken, "Another revision already has this id.");
    const { number, publishedBy, publishedAt, counts } = published;
    const summary = summariseClaimMoves(await listRevisionClaimMoves(db, document.id, number));
    return { created: false, revision: { number, publishedBy, publishedAt: publishedAt.toISOString() }, ...counts, ...summary };
  };
  const retried = await publishedBefore();
  if (retried) return retried;
  if (article.text === document.text && isDeepStrictEqual(article.blocks, document.blocks)) {
    return new Refusal("conflict", errorCode.unchanged, "This text is the same as the latest revision's; nothing to publish.");
  }
  try {
    return { created: true, ...(await publishRevision(db, document.id, article, actor, id)) };
  } catch (error) {
    // The same id sent twice at once: the other request published it (this one's insert broke the key, and rolled back).
    const raced = await publishedBefore();
    if (raced) return raced;
    throw error;
  }
}
