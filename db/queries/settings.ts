import { eq, getTableName, sql } from "drizzle-orm";
import type { PublishingSettings } from "@/lib/settings";
import type { Database } from "../client";
import { appSettings } from "../schema";

/** The `app_settings` key of the publishing settings, kept as one JSON value. */
const publishingKey = "publishing";

const none: PublishingSettings = { publisher: null, publicBaseUrl: null };

/** The publishing settings; nothing set when an admin never set them. */
export async function getPublishingSettings(db: Database): Promise<PublishingSettings> {
  const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, publishingKey));
  return row ? { ...none, ...(JSON.parse(row.value) as Partial<PublishingSettings>) } : none;
}

/**
 * Sets the publishing settings that `change` names, each whole, keeping the
 * others; the settings as they now are. One statement that merges into the
 * stored value (`||` of jsonb), so that two admins changing different
 * settings at once both keep their change: read first and written back, the
 * later write put back the value the earlier one had replaced. `key` is for
 * tests, which must not touch the settings other test files read.
 */
export async function changePublishingSettings(
  db: Database,
  change: Partial<PublishingSettings>,
  key: string = publishingKey,
): Promise<PublishingSettings> {
  const [row] = await db
    .insert(appSettings)
    .values({ key, value: JSON.stringify({ ...none, ...change }) })
    .onConflictDoUpdate({
      target: appSettings.key,
      set: {
        value: sql`(${sql.identifier(getTableName(appSettings))}.${sql.identifier(appSettings.value.name)}::jsonb || ${JSON.stringify(change)}::jsonb)::text`,
      },
    })
    .returning({ value: appSettings.value });
  return { ...none, ...(JSON.parse(row!.value) as Partial<PublishingSettings>) };
}
