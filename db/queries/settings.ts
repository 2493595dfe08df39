import { eq } from "drizzle-orm";
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

/** Replaces the publishing settings with `settings`. */
export async function putPublishingSettings(db: Database, settings: PublishingSettings): Promise<void> {
  const value = JSON.stringify(settings);
  await db.insert(appSettings).values({ key: publishingKey, value }).onConflictDoUpdate({ target: appSettings.key, set: { value } });
}
