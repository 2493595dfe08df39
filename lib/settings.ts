/**
 * The publishing settings an admin edits in the app and the ClaimReview
 * export is built on: who publishes the reviews (their name, site and
 * logo), and the public base URL under which each article's fact-check is
 * published (`{publicBaseUrl}/{slug}`; a claim's review at
 * `{publicBaseUrl}/{slug}#claim-{id}`). Kept in the database
 * (`app_settings`), so every instance shares them.
 */

export interface Publisher {
  name: string;
  url: string;
  logo: string | null;
}

export interface PublishingSettings {
  /** Null until an admin sets it. */
  publisher: Publisher | null;
  publicBaseUrl: string | null;
}

/** The settings a ClaimReview export cannot be made without, by name, that are not set. */
export function missingForClaimReview(settings: PublishingSettings): ("publisher" | "publicBaseUrl")[] {
  return [...(settings.publisher ? [] : (["publisher"] as const)), ...(settings.publicBaseUrl ? [] : (["publicBaseUrl"] as const))];
}

/** The public page of an article's fact-check. */
export const factCheckUrl = (publicBaseUrl: string, slug: string) => `${publicBaseUrl}/${encodeURIComponent(slug)}`;
