-- Articles and claims stored before revisions existed become revision 1.
INSERT INTO "document_revisions" ("document_id", "number", "text", "blocks", "published_by", "published_at")
SELECT d."id", 1, d."text", d."blocks", 'content/', d."created_at"
FROM "documents" d
WHERE NOT EXISTS (SELECT 1 FROM "document_revisions" r WHERE r."document_id" = d."id");
--> statement-breakpoint
INSERT INTO "annotation_anchors" ("annotation_id", "revision", "status", "start_offset", "end_offset", "exact", "method", "actor", "at")
SELECT a."id", 1, 'anchored', a."start_offset", a."end_offset", a."exact", 'created', a."created_by", a."created_at"
FROM "annotations" a
WHERE NOT EXISTS (SELECT 1 FROM "annotation_anchors" x WHERE x."annotation_id" = a."id");
