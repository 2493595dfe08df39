import { type SQLWrapper, sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { ArticleBlock } from "@/lib/article";
import { claimActions, type ClaimState } from "@/lib/claim-events";
import type { CommentState } from "@/lib/comments";
import type { ClaimConflict } from "@/lib/claim-conflicts";
import type { HistoryMethod } from "@/lib/history-methods";
import type { Provenance } from "@/lib/provenance";
import { type ClaimEventDetail, reviewStates } from "@/lib/review";
import type { Role } from "@/lib/roles";
import { tags } from "@/lib/tags";

export const claimTag = pgEnum("claim_tag", tags);
export const anchorStatuses = ["anchored", "orphan"] as const;
export const anchorStatus = pgEnum("anchor_status", anchorStatuses);
export const claimAction = pgEnum("claim_action", claimActions);
export const reviewState = pgEnum("review_state", reviewStates);
export const verdictKinds = ["first", "second"] as const;
export const verdictKind = pgEnum("verdict_kind", verdictKinds);

type DocumentColumns = Record<"title" | "outlet" | "author" | "sourceUrl" | "text", SQLWrapper>;

// The expressions the home page searches and the duplicate check compares,
// each indexed as written here (the queries use the same functions, so the
// planner finds the index): kept as expressions, not columns, so that they
// never travel with an article's row.

/** Title, outlet, author and source URL in one string, for partial matches (pg_trgm, `ILIKE '%…%'`). */
export const searchMeta = (t: DocumentColumns) =>
  sql`(coalesce(${t.title}, '') || ' ' || coalesce(${t.outlet}, '') || ' ' || coalesce(${t.author}, '') || ' ' || coalesce(${t.sourceUrl}, ''))`;
/** A source URL as duplicates share it: without scheme, "www.", fragment, trailing slash or case. */
export const sourceUrlKey = (t: Pick<DocumentColumns, "sourceUrl">) =>
  sql`rtrim(regexp_replace(regexp_replace(lower(${t.sourceUrl}), '#.*$', ''), '^https?://(www\\.)?', ''), '/')`;
/** The text's MD5, for articles with the same text. */
export const textHash = (t: Pick<DocumentColumns, "text">) => sql`md5(${t.text})`;

/**
 * An article as reviewers read it now: its latest revision's blocks and the
 * plain text offsets count in (copied from `document_revisions`, so the
 * editor reads one row).
 */
export const documents = pgTable(
  "documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull().unique(),
    title: text("title").notNull(),
    outlet: text("outlet"),
    sourceUrl: text("source_url"),
    author: text("author"),
    publishedAt: date("published_at", { mode: "string" }),
    text: text("text").notNull(),
    blocks: jsonb("blocks").$type<ArticleBlock[]>().notNull(),
    revision: integer("revision").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    // Archived: off the home page's default list and "all claims", kept whole (null: not archived).
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    archivedBy: text("archived_by"),
    archivedById: text("archived_by_id").references(() => users.id),
  },
  (table) => [
    // The home page's sorts, each a keyset scan with the id as tiebreak (db/queries/document-list.ts).
    index("documents_created_idx").on(table.createdAt, table.id),
    index("documents_published_idx").on(sql`coalesce(${table.publishedAt}, '0001-01-01'::date)`, table.id),
    index("documents_outlet_idx").on(table.outlet),
    // The archived articles, few: what "all claims" leaves out, and the list of them.
    index("documents_archived_idx")
      .on(table.id)
      .where(sql`${table.archivedAt} is not null`),
    index("documents_source_url_key_idx").on(sourceUrlKey(table)),
    index("documents_text_hash_idx").on(textHash(table)),
    // documents_search_meta_idx (gin_trgm_ops) is made by hand in migration 0016, after `create extension pg_trgm`.
    // So is the column `search_words` (migrations 0019 and 0023), left out of this table on purpose: a
    // stored tsvector, generated as `strip(to_tsvector('english', immutable_unaccent(left(title || ' ' ||
    // outlet || ' ' || author || ' ' || text, 200000))))` (no accents, positions stripped, and at most 200,000 characters: a
    // tsvector holds at most 1 MB, which a 5 MB article of distinct words would pass), with its GIN
    // index `documents_search_words_idx`. Stored, so that a word in most articles is matched without
    // computing each article's words again (an expression index leaves PostgreSQL doing that on
    // every row of a sequential scan); unknown to Drizzle, so that no select of whole rows carries it.
  ],
);

/**
 * An article's live claims counted, kept by triggers on `annotations`
 * (migration 0010: one statement-level trigger per insert, update and
 * delete, adding what each statement changed), so that the home page sorts
 * and filters by them from an index instead of counting every claim. A row
 * per article, made by a trigger on `documents`.
 */
export const documentCounts = pgTable(
  "document_counts",
  {
    documentId: uuid("document_id")
      .primaryKey()
      .references(() => documents.id, { onDelete: "cascade" }),
    disputed: integer("disputed").notNull().default(0),
    denied: integer("denied").notNull().default(0),
    unverified: integer("unverified").notNull().default(0),
    orphans: integer("orphans").notNull().default(0),
    // Placed claims whose words a revision changed, not yet checked (previous_quote set).
    wordsChanged: integer("words_changed").notNull().default(0),
    // Live claims in review (review_state 'in_review').
    inReview: integer("in_review").notNull().default(0),
    claims: integer("claims").generatedAlwaysAs(sql`disputed + denied + unverified`),
    // What "most needing review" sorts by: orphans, words changed and claims in review.
    needsReview: integer("needs_review").generatedAlwaysAs(sql`orphans + words_changed + in_review`),
  },
  (table) => [
    index("document_counts_claims_idx").on(table.claims, table.documentId),
    index("document_counts_review_idx").on(table.needsReview, table.documentId),
  ],
);

/**
 * Every name that a claim has had as reviewer (`created_by`, `updated_by`)
 * or as claimant, kept by a trigger on `annotations` (migration 0018), never
 * removed. The review filters match part of a name here first, in a few
 * hundred rows rather than a million claims, and then find the claims by
 * exact name in their btree indexes. A name no live claim has any more
 * matches no claim, so the set may be larger than the live names.
 */
export const claimNames = pgTable(
  "claim_names",
  {
    kind: text("kind").$type<ClaimNameKind>().notNull(),
    name: text("name").notNull(),
  },
  // claim_names_trgm_idx (gin_trgm_ops on the unaccented name) is made by hand in migration 0018.
  (table) => [primaryKey({ columns: [table.kind, table.name] })],
);
export const claimNameKinds = ["reviewer", "claimant"] as const;
export type ClaimNameKind = (typeof claimNameKinds)[number];

/**
 * What was done to articles as a whole (archived, unarchived, deleted), by
 * whom and when. No foreign key to the article: a deletion outlives it.
 */
export const articleEvents = pgTable(
  "article_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    documentId: uuid("document_id").notNull(),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    action: text("action").$type<ArticleAction>().notNull(),
    // The live claims it had then (what a deletion took with it).
    claimCount: integer("claim_count").notNull(),
    actor: text("actor").notNull(),
    actorId: text("actor_id").references(() => users.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("article_events_document_idx").on(table.documentId, table.id)],
);
export const articleActions = ["archived", "unarchived", "deleted"] as const;
export type ArticleAction = (typeof articleActions)[number];

/** Every published text of an article, numbered from 1. */
export const documentRevisions = pgTable(
  "document_revisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    documentId: uuid("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    text: text("text").notNull(),
    blocks: jsonb("blocks").$type<ArticleBlock[]>().notNull(),
    publishedBy: text("published_by").notNull(),
    // The user who published it; null for the system (content loading) and before accounts.
    publishedById: text("published_by_id").references(() => users.id),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [unique("document_revisions_number_unique").on(table.documentId, table.number)],
);

/**
 * A tagged claim. Its anchor is kept as both W3C selectors: the position
 * (code points, end exclusive) and the quote with its context. Deletes are
 * soft (`deletedAt`, `deletedBy`) so that undo and restore bring back the
 * same row, and an editor can list what was deleted, by whom and when.
 */
export const annotations = pgTable(
  "annotations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    documentId: uuid("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    start: integer("start_offset").notNull(),
    end: integer("end_offset").notNull(),
    exact: text("exact").notNull(),
    prefix: text("prefix").notNull(),
    suffix: text("suffix").notNull(),
    tag: claimTag("tag").notNull(),
    note: text("note").notNull().default(""),
    claimant: text("claimant").notNull().default(""),
    evidence: jsonb("evidence")
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    // The revision the claim was made on, and the one its position belongs to.
    createdRevision: integer("created_revision").notNull().default(1),
    anchoredRevision: integer("anchored_revision").notNull().default(1),
    // On the article's latest revision: placed, or an orphan that keeps its last position.
    status: anchorStatus("status").notNull().default("anchored"),
    // The words the claim's verdict was given on, when a revision changed them
    // (placed by a fuzzy match); kept through later revisions until a reviewer
    // checks the verdict (PATCH previousQuote: null) or re-attaches the claim.
    previousQuote: text("previous_quote"),
    // Fields two reviewers changed at once, with both versions, until someone
    // picks one (lib/claim-conflicts.ts); resolved ones leave, kept in claim_events.
    conflicts: jsonb("conflicts")
      .$type<ClaimConflict[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    version: integer("version").notNull().default(1),
    // The live comments of its thread (table `comments`), kept in the transaction that adds or deletes one.
    commentCount: integer("comment_count").notNull().default(0),
    // Names as shown; the ids name the user (null: recorded before accounts).
    createdBy: text("created_by").notNull(),
    updatedBy: text("updated_by").notNull(),
    createdById: text("created_by_id").references(() => users.id),
    updatedById: text("updated_by_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    deletedBy: text("deleted_by"),
    deletedById: text("deleted_by_id").references(() => users.id),
    // Its review (lib/review.ts): existing claims start as drafts, so that
    // nothing is published that no second person has approved.
    reviewState: reviewState("review_state").notNull().default("draft"),
    // Who approved it and when, while it is approved (cleared when it leaves `approved`).
    approvedBy: text("approved_by"),
    approvedById: text("approved_by_id").references(() => users.id),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    // Kept with the claim (written with each verdict) so that lists read no other table.
    verdictCount: integer("verdict_count").notNull().default(0),
    verdictsDiffer: boolean("verdicts_differ").notNull().default(false),
    // For an imported claim, who wrote the original annotation, in which tool
    // and when (lib/provenance.ts); null for a claim made here.
    provenance: jsonb("provenance").$type<Provenance>(),
  },
  (table) => [
    index("annotations_document_start_idx").on(table.documentId, table.start, table.end, table.id),
    index("annotations_updated_idx").on(table.updatedAt, table.id),
    // The review list sorted by a column across articles, read in index order a page at a time (keyset),
    // the reviewers and claimants the filters suggest, and the claims of the names a filter matched.
    // Full-text search reads the column `search_words` (migration 0021), left out of this table on
    // purpose like the articles' own: a stored tsvector of quote, note and claimant without accents,
    // with its GIN index `annotations_live_search_words_idx`; partial names are matched in
    // `claim_names` (migration 0018).
    index("annotations_live_tag_idx")
      .on(table.tag, table.id)
      .where(sql`${table.deletedAt} is null`),
    index("annotations_live_claimant_idx")
      .on(table.claimant, table.id)
      .where(sql`${table.deletedAt} is null`),
    index("annotations_live_created_by_idx")
      .on(table.createdBy, table.id)
      .where(sql`${table.deletedAt} is null`),
    index("annotations_live_updated_by_idx")
      .on(table.updatedBy, table.id)
      .where(sql`${table.deletedAt} is null`),
    // The review list sorted by review state (the enum's workflow order) or by comment count.
    index("annotations_live_review_state_idx")
      .on(table.reviewState, table.id)
      .where(sql`${table.deletedAt} is null`),
    index("annotations_live_comment_count_idx")
      .on(table.commentCount, table.id)
      .where(sql`${table.deletedAt} is null`),
    // A person's own claims by id: "My queue"'s claims sent back to their author, counted on every page.
    index("annotations_live_created_by_id_idx")
      .on(table.createdById, table.reviewState)
      .where(sql`${table.deletedAt} is null`),
    // The home page's "with claims in review" (db/queries/article-list.ts): an article's claims in review.
    index("annotations_in_review_idx")
      .on(table.documentId)
      .where(sql`${table.reviewState} = 'in_review' and ${table.deletedAt} is null`),
    // The review pages' state and "verdicts differ" filters: the rows of a rare one, and any one's
    // counts by tag (an index-only scan, the article for leaving archived ones out).
    index("annotations_live_state_idx")
      .on(table.reviewState, table.tag, table.documentId)
      .where(sql`${table.deletedAt} is null`),
    index("annotations_verdicts_differ_idx")
      .on(table.tag, table.documentId)
      .where(sql`${table.verdictsDiffer} and ${table.deletedAt} is null`),
    // The Deleted view: an article's deleted claims, the latest deletion first.
    index("annotations_deleted_idx")
      .on(table.documentId, table.deletedAt.desc(), table.id)
      .where(sql`${table.deletedAt} is not null`),
  ],
);

/**
 * Where a claim stood on each revision: written when it is made, when a
 * revision is published (re-anchored or orphaned) and when a reviewer
 * re-attaches it. It is the claim's anchoring history, and what an earlier
 * revision shows.
 */
export const annotationAnchors = pgTable(
  "annotation_anchors",
  {
    annotationId: uuid("annotation_id")
      .notNull()
      .references(() => annotations.id, { onDelete: "cascade" }),
    revision: integer("revision").notNull(),
    status: anchorStatus("status").notNull(),
    start: integer("start_offset").notNull(),
    end: integer("end_offset").notNull(),
    exact: text("exact").notNull(),
    // How it was placed, or why not: lib/history-methods.ts.
    method: text("method").$type<HistoryMethod>().notNull(),
    score: real("score"),
    actor: text("actor").notNull(),
    // The user who placed it (made, imported, re-attached it, or published the revision); null before accounts.
    actorId: text("actor_id").references(() => users.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.annotationId, table.revision] })],
);

/**
 * Every change to a claim, append-only: one row per change, written in the
 * transaction that makes it, with the claim as it was before and after (its
 * API shape). Ids increase with each change, so a reader that remembers the
 * last id it saw can ask for what came after: the feed of the claim history
 * and of live updates.
 */
export const claimEvents = pgTable(
  "claim_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    annotationId: uuid("annotation_id")
      .notNull()
      .references(() => annotations.id, { onDelete: "cascade" }),
    documentId: uuid("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    action: claimAction("action").notNull(),
    actor: text("actor").notNull(),
    actorId: text("actor_id").references(() => users.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    before: jsonb("before").$type<ClaimState>(),
    after: jsonb("after").$type<ClaimState>().notNull(),
    // The comment a `comment_*` event is about, as it is after the change (null for the claim's own changes).
    comment: jsonb("comment").$type<CommentState>(),
    // What a review step said beside the claim's state: its comment, an editor's final tag (lib/review.ts).
    detail: jsonb("detail").$type<ClaimEventDetail>(),
  },
  (table) => [
    index("claim_events_document_idx").on(table.documentId, table.id),
    index("claim_events_annotation_idx").on(table.annotationId, table.id),
  ],
);

/**
 * A published revision, as the live feed tells it (`revision.published`):
 * its id comes from the claim events' own sequence, so that one increasing
 * id orders an article's claim changes and revisions alike.
 */
export const revisionEvents = pgTable(
  "revision_events",
  {
    id: bigint("id", { mode: "number" })
      .primaryKey()
      .default(sql`nextval(pg_get_serial_sequence('claim_events', 'id'))`),
    documentId: uuid("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    revision: integer("revision").notNull(),
    actor: text("actor").notNull(),
    actorId: text("actor_id").references(() => users.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("revision_events_document_idx").on(table.documentId, table.id)],
);

/**
 * One comment in a claim's thread. Edits keep the row (`editedAt` marks
 * one); deletes are soft (`deletedAt`), so that the claim's history still
 * names what was said. The author's name is kept as shown, with the user's
 * id (null for a comment imported from a file whose creator is no user).
 */
export const comments = pgTable(
  "comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    annotationId: uuid("annotation_id")
      .notNull()
      .references(() => annotations.id, { onDelete: "cascade" }),
    author: text("author").notNull(),
    authorId: text("author_id").references(() => users.id),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp("edited_at", { withTimezone: true }),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    deletedById: text("deleted_by_id").references(() => users.id),
    // For an imported comment, the original's author, tool and time (lib/provenance.ts); null for one written here.
    provenance: jsonb("provenance").$type<Provenance>(),
  },
  // Search reads `search_words` too (migration 0021, not in this table): the body's words stored, GIN-indexed.
  (table) => [index("comments_annotation_idx").on(table.annotationId, table.createdAt, table.id)],
);

/** Who a comment mentions (`@name`): the people whose queue lists the claim. */
export const commentMentions = pgTable(
  "comment_mentions",
  {
    commentId: uuid("comment_id")
      .notNull()
      .references(() => comments.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (table) => [primaryKey({ columns: [table.commentId, table.userId] }), index("comment_mentions_user_idx").on(table.userId, table.commentId)],
);

/**
 * The verdicts given on a claim: the author's (`first`, the claim's tag when
 * first submitted) and each other reviewer's (`second`), one per person.
 * They stay when the claim goes back to review, and count for agreement.
 */
export const claimVerdicts = pgTable(
  "claim_verdicts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    annotationId: uuid("annotation_id")
      .notNull()
      .references(() => annotations.id, { onDelete: "cascade" }),
    kind: verdictKind("kind").notNull(),
    tag: claimTag("tag").notNull(),
    note: text("note").notNull().default(""),
    by: text("by_name").notNull(),
    // Null only for the first verdict of a claim recorded before accounts.
    byId: text("by_id").references(() => users.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique("claim_verdicts_person_unique").on(table.annotationId, table.byId),
    uniqueIndex("claim_verdicts_first_unique")
      .on(table.annotationId)
      .where(sql`${table.kind} = 'first'`),
  ],
);

export type ClaimVerdictRow = typeof claimVerdicts.$inferSelect;

export type DocumentRow = typeof documents.$inferSelect;
export type DocumentRevisionRow = typeof documentRevisions.$inferSelect;
export type AnnotationAnchorRow = typeof annotationAnchors.$inferSelect;
export type NewDocumentRow = typeof documents.$inferInsert;
export type AnnotationRow = typeof annotations.$inferSelect;
export type NewAnnotationRow = typeof annotations.$inferInsert;
export type ClaimEventRow = typeof claimEvents.$inferSelect;
export type NewClaimEventRow = typeof claimEvents.$inferInsert;
export type CommentRow = typeof comments.$inferSelect;

/**
 * Accounts (better-auth's tables: `users`, `sessions`, `accounts`,
 * `verifications`, named in the plural; server/auth.ts maps them). A user
 * has a role (lib/roles.ts) and can be deactivated; rows are never deleted,
 * so claims and history keep their names.
 */
export const users = pgTable("users", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  emailVerified: boolean("email_verified").notNull().default(false),
  image: text("image"),
  role: text("role").$type<Role>().notNull().default("viewer"),
  active: boolean("active").notNull().default(true),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    token: text("token").notNull().unique(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("sessions_user_idx").on(table.userId)],
);

/** How a user signs in: `credential` (a password hash) or an OpenID Connect provider. */
export const accounts = pgTable(
  "accounts",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: timestamp("access_token_expires_at", { withTimezone: true }),
    refreshTokenExpiresAt: timestamp("refresh_token_expires_at", { withTimezone: true }),
    scope: text("scope"),
    password: text("password"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("accounts_user_idx").on(table.userId)],
);

export const verifications = pgTable("verifications", {
  id: text("id").primaryKey(),
  identifier: text("identifier").notNull(),
  value: text("value").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A one-time link an admin hands to a person they added; only its hash is kept. */
export const invitations = pgTable("invitations", {
  id: uuid("id").primaryKey().defaultRandom(),
  userId: text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  tokenHash: text("token_hash").notNull().unique(),
  createdBy: text("created_by")
    .notNull()
    .references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
});

/** A personal API token for scripts (`Authorization: Bearer`); only its hash is kept. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (table) => [index("api_tokens_user_idx").on(table.userId)],
);

/**
 * Failed sign-ins, counted by email and by address over a window
 * (server/sign-in-limit.ts); in the database so every app instance sees them.
 */
export const signInFailures = pgTable(
  "sign_in_failures",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    email: text("email").notNull(),
    address: text("address").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("sign_in_failures_email_idx").on(table.email, table.at), index("sign_in_failures_address_idx").on(table.address, table.at)],
);

/** Settings the app makes for itself once, shared by every instance on the database (the auth secret). */
export const appSettings = pgTable("app_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

export type UserRow = typeof users.$inferSelect;
