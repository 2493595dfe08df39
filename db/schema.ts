import { sql } from "drizzle-orm";
import { date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { ArticleBlock } from "@/lib/article";
import { tags } from "@/lib/tags";

export const claimTag = pgEnum("claim_tag", tags);

/** An article as reviewers read it: its blocks and the plain text offsets count in. */
export const documents = pgTable("documents", {
  id: uuid("id").primaryKey().defaultRandom(),
  slug: text("slug").notNull().unique(),
  title: text("title").notNull(),
  outlet: text("outlet"),
  sourceUrl: text("source_url"),
  author: text("author"),
  publishedAt: date("published_at", { mode: "string" }),
  text: text("text").notNull(),
  blocks: jsonb("blocks").$type<ArticleBlock[]>().notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A tagged claim. Its anchor is kept as both W3C selectors: the position
 * (code points, end exclusive) and the quote with its context. Deletes are
 * soft (`deletedAt`) so that undo and restore bring back the same row.
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
    evidence: jsonb("evidence").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    version: integer("version").notNull().default(1),
    createdBy: text("created_by").notNull(),
    updatedBy: text("updated_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (table) => [
    index("annotations_document_start_idx").on(table.documentId, table.start, table.end, table.id),
    index("annotations_updated_idx").on(table.updatedAt, table.id),
  ],
);

export type DocumentRow = typeof documents.$inferSelect;
export type NewDocumentRow = typeof documents.$inferInsert;
export type AnnotationRow = typeof annotations.$inferSelect;
export type NewAnnotationRow = typeof annotations.$inferInsert;
