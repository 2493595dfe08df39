/**
 * Who is acting. Today a reviewer identifies themself by name, in the
 * `reviewer` cookie (identified, not authenticated); accounts will put a
 * signed-in user here, and only this module and the policy will change.
 */
import "server-only";
import { HttpError, readCookie } from "@/lib/http";
import { maxReviewerLength } from "@/lib/limits";
import { reviewerCookie } from "@/lib/reviewer-cookie";
import { reviewerName } from "@/lib/validation";
import { errorCode } from "@/lib/error-codes";

/** The person a use case acts for. */
export interface Actor {
  /** Recorded on every claim they create or change, and on each event. */
  name: string;
}

/** The actor named by a cookie's raw (URI-encoded) value, or null when there is none or it is not a valid name. */
export function actorFromCookie(value: string | undefined): Actor | null {
  const parsed = reviewerName.safeParse(value === undefined ? undefined : safeDecode(value));
  return parsed.success ? { name: parsed.data } : null;
}

/** The actor of an API request, from its cookie; null for an anonymous one (who may still read). */
export function getActor(request: Request): Actor | null {
  const parsed = reviewerName.safeParse(readCookie(request, reviewerCookie));
  return parsed.success ? { name: parsed.data } : null;
}

/** The actor of a request that changes something: `401 reviewer_required` without one. */
export function requireActor(request: Request): Actor {
  const actor = getActor(request);
  if (actor) return actor;
  const cookie = readCookie(request, reviewerCookie);
  const message = cookie?.trim()
    ? `The \`reviewer\` cookie must be a name of 1 to ${maxReviewerLength} characters.`
    : "Say who you are first: set the `reviewer` cookie to your name.";
  throw new HttpError(401, errorCode.reviewerRequired, message);
}

/** The actor of the page being rendered (a server component), from the same cookie, through next/headers. */
export async function getPageActor(): Promise<Actor | null> {
  const { cookies } = await import("next/headers");
  return actorFromCookie((await cookies()).get(reviewerCookie)?.value);
}

function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
