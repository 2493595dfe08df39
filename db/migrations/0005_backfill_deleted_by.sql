-- Claims deleted before `deleted_by` existed: a delete set `updated_by` to the reviewer who deleted, and a deleted claim cannot be changed.
UPDATE "annotations" SET "deleted_by" = "updated_by" WHERE "deleted_at" IS NOT NULL AND "deleted_by" IS NULL;
