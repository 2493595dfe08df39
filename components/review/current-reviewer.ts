import "server-only";
import { cookies } from "next/headers";
import { reviewerName } from "@/lib/validation";

/** The name in the visitor's `reviewer` cookie, or null when there is none or it is not a valid name. */
export async function getCurrentReviewer(): Promise<string | null> {
  const cookie = (await cookies()).get("reviewer")?.value;
  if (cookie === undefined) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(cookie);
  } catch {
    return null;
  }
  const parsed = reviewerName.safeParse(decoded);
  return parsed.success ? parsed.data : null;
}
