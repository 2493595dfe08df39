import { notFound } from "@/lib/http";
import { annotationId } from "@/lib/validation";

export type Context = { params: Promise<{ id: string }> };

/** The claim id from the path, or 404: an id that is not a UUID names no claim. */
export async function claimIdFrom({ params }: Context): Promise<string> {
  const parsed = annotationId.safeParse((await params).id);
  if (!parsed.success) throw notFound("Claim");
  return parsed.data;
}
