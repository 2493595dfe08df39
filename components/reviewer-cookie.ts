import { reviewerCookie } from "@/lib/reviewer-cookie";

/** A year, in seconds: the name is asked for once, not every visit. */
const rememberedSeconds = 31_536_000;

/**
 * Keeps the reviewer's name in the cookie the server reads it from (every
 * page of the app, same site only). The one place in the browser that writes
 * it: the name form, the import form and whatever asks next call this.
 */
export function saveReviewerName(name: string): void {
  document.cookie = `${reviewerCookie}=${encodeURIComponent(name)}; path=/; max-age=${rememberedSeconds}; samesite=lax`;
}
