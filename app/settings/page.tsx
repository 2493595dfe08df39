import type { Metadata } from "next";
import { whenDatabaseUp } from "@/components/DatabaseUnavailable";
import { PublishingSettingsForm } from "@/components/settings/PublishingSettingsForm";
import { requirePageActor } from "@/server/actor";
import { canForAnyone } from "@/server/policy";

export const metadata: Metadata = { title: "Settings" };

/** Admins set who publishes the fact-checks and where: what the ClaimReview export names. */
async function SettingsPage() {
  const actor = await requirePageActor();
  // The server refuses anyone else's PATCH /api/settings whatever this page shows.
  if (!canForAnyone(actor.role, "manage_settings")) {
    return (
      <section className="account-page">
        <h1>Settings</h1>
        <p role="note" data-testid="settings-refused">
          Only admins can change the settings.
        </p>
      </section>
    );
  }
  return (
    <section className="account-page settings-page">
      <h1>Settings</h1>
      <p className="review-lede">
        The ClaimReview export names this organisation as the author of every verdict it publishes, and gives each fact-check an address under the
        public base URL. Until they are set, the export says what is missing.
      </p>
      <PublishingSettingsForm />
    </section>
  );
}

export default whenDatabaseUp(SettingsPage);
