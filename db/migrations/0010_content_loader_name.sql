-- Revision 1 of an article loaded from the app's `content/` folder says so in words, not with the folder's name.
UPDATE "document_revisions" SET "published_by" = 'loaded with the app' WHERE "published_by" = 'content/' AND "published_by_id" IS NULL;
