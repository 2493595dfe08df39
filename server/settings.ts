/** The publishing settings (lib/settings.ts): read by anyone signed in, changed by admins. */
import "server-only";
import { getDb } from "@/db/client";
import { getPublishingSettings, putPublishingSettings } from "@/db/queries/settings";
import type { SettingsInput } from "@/lib/review-input";
import type { PublishingSettings } from "@/lib/settings";
import type { Actor } from "./actor";
import { type Outcome, refuse } from "./refusal";

export async function getSettings(actor: Actor): Promise<Outcome<PublishingSettings>> {
  const refused = refuse(actor, "read", { kind: "article" });
  if (refused) return refused;
  return getPublishingSettings(await getDb());
}

/** Sets what `input` names (the publisher whole, the base URL), keeping the rest; the settings as they now are. */
export async function changeSettings(actor: Actor, input: SettingsInput): Promise<Outcome<PublishingSettings>> {
  const refused = refuse(actor, "manage_settings", { kind: "article" });
  if (refused) return refused;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const current = await getPublishingSettings(tx);
    const next: PublishingSettings = {
      publisher: input.publisher ? { ...input.publisher, logo: input.publisher.logo ?? null } : current.publisher,
      publicBaseUrl: input.publicBaseUrl ?? current.publicBaseUrl,
    };
    await putPublishingSettings(tx, next);
    return next;
  });
}
