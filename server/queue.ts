/**
 * "My queue": what waits for the signed-in person, one exported function
 * per section, each a list newest first. `GET /api/queue` composes them;
 * each section also has its own route (`/api/queue/mentions`).
 */
import "server-only";
import { getDb } from "@/db/client";
import { listMentionsOf, type MentionEntry } from "@/db/queries/comments";
import type { Actor } from "./actor";
import { type Outcome, refuse } from "./refusal";

/**
 * The live claims where `actorId` was mentioned in a live comment, newest
 * mention first, one entry per claim (its latest mention of them): the
 * article's slug and title, the claim's words, who mentioned them and when.
 */
export async function listMentions(actorId: string): Promise<MentionEntry[]> {
  const mentions = await listMentionsOf(await getDb(), actorId);
  const seen = new Set<string>();
  return mentions.filter((mention) => !seen.has(mention.annotationId) && seen.add(mention.annotationId));
}

/** The sections of `actor`'s queue. */
export async function getQueue(actor: Actor): Promise<Outcome<{ mentions: MentionEntry[] }>> {
  const refused = refuse(actor, "read", { kind: "article" });
  if (refused) return refused;
  const [mentions] = await Promise.all([listMentions(actor.id)]);
  return { mentions };
}
