/** The publishing settings (lib/settings.ts): read by anyone signed in, changed by admins. */
import "server-only";
import { getDb } from "@/db/client";
import { changePublishingSettings, getPublishingSettings } from "@/db/queries/settings";
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
  const change: Partial<PublishingSettings> = {};
  if (input.publisher) change.publisher = { ...input.publisher, logo: input.publisher.logo ?? null };
  if (input.publicBaseUrl !== undefined) change.publicBaseUrl = input.publicBaseUrl;
  return changePublishingSettings(await getDb(), change);
}
