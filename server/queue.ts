/**
 * A person's review queue (lib/review.ts): claims waiting for their second
 * verdict, and their own claims sent back with changes requested. Claims
 * where they were mentioned are the comments' to add.
 */
import "server-only";
import { getDb } from "@/db/client";
import { getReviewClaim, type ReviewClaim } from "@/db/queries/review";
import { listQueueClaimIds } from "@/db/queries/verdicts";
import type { Actor } from "./actor";
import { type Outcome, refuse } from "./refusal";

export interface ReviewQueue {
  /** In review, made by others, with no verdict of theirs yet (none for a viewer, who gives none). */
  toVerify: ReviewClaim[];
  /** Their own drafts whose last review step was a request for changes. */
  returned: ReviewClaim[];
}

/** Most claims of each list in a queue. */
const queueLimit = 200;

export async function getReviewQueue(actor: Actor): Promise<Outcome<ReviewQueue>> {
  const refused = refuse(actor, "read", { kind: "article" });
  if (refused) return refused;
  const db = await getDb();
  const ids = await listQueueClaimIds(db, actor.id, queueLimit);
  const read = async (list: string[]) => (await Promise.all(list.map((id) => getReviewClaim(db, id)))).filter((claim) => claim !== undefined);
  const mayVerify = refuse(actor, "give_verdict", { kind: "article" }) === null;
  return { toVerify: mayVerify ? await read(ids.toVerify) : [], returned: await read(ids.returned) };
}
