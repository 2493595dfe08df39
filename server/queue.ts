/**
 * "My queue": what waits for the signed-in person, one exported function per
 * section, each its first claims and how many there are. `GET /api/queue`
 * and the `/queue` page compose them (`getQueue`); the header shows the total.
 */
import "server-only";
import { getDb } from "@/db/client";
import { listMentionsOf, type MentionEntry } from "@/db/queries/comments";
import { countQueueOf, listAwaitingVerdict, listReturnedToAuthor, type QueueClaim, type QueueSection, type ReturnedClaim } from "@/db/queries/queue";
import type { Actor } from "./actor";
import { type Outcome, refuse } from "./refusal";

/** Most claims a section lists; its count counts them all. */
export const queueSectionLimit = 200;

/** A claim where someone named the person in a comment: its latest mention of them. */
export type MentionedClaim = MentionEntry;

/** The sections of a person's queue. */
export interface Queue {
  waiting: QueueSection<QueueClaim>;
  returned: QueueSection<ReturnedClaim>;
  mentioned: QueueSection<MentionedClaim>;
}

/** Claims in review, by others, waiting for `actor`'s own verdict (none for who may give none: viewers). */
export async function listWaitingForMyVerdict(actor: Actor): Promise<QueueSection<QueueClaim>> {
  if (refuse(actor, "give_verdict", { kind: "article" })) return { claims: [], count: 0 };
  return listAwaitingVerdict(await getDb(), actor.id, queueSectionLimit);
}

/** `actor`'s claims sent back to them with changes requested, with who asked and why. */
export async function listReturnedToMe(actor: Actor): Promise<QueueSection<ReturnedClaim>> {
  return listReturnedToAuthor(await getDb(), actor.id, queueSectionLimit);
}

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

/** Claims where `actor` was mentioned, newest first. */
export async function listMentionedSection(actor: Actor): Promise<QueueSection<MentionedClaim>> {
  const mentions = await listMentions(actor.id);
  return { claims: mentions.slice(0, queueSectionLimit), count: mentions.length };
}

/** Every section of `actor`'s queue. */
export async function getQueue(actor: Actor): Promise<Outcome<Queue>> {
  const refused = refuse(actor, "read", { kind: "article" });
  if (refused) return refused;
  const [waiting, returned, mentioned] = await Promise.all([listWaitingForMyVerdict(actor), listReturnedToMe(actor), listMentionedSection(actor)]);
  return { waiting, returned, mentioned };
}

/** The most the header counts: past it, it says "99+" (`queueCountText`). */
export const queueCountCap = 100;

/**
 * How many claims wait in `actor`'s queue, all sections together, up to
 * `queueCountCap` (the header's count, on every page): counted, not listed,
 * and each section's count stops at the cap, so that it stays cheap in an
 * archive of years of claims.
 */
export async function countQueue(actor: Actor): Promise<number> {
  if (refuse(actor, "read", { kind: "article" })) return 0;
  const mayGiveVerdict = !refuse(actor, "give_verdict", { kind: "article" });
  const { waiting, returned, mentioned } = await countQueueOf(await getDb(), actor.id, mayGiveVerdict, queueCountCap);
  return Math.min(waiting + returned + mentioned, queueCountCap);
}

/** The header's count as shown: "99+" once it reaches the cap. */
export const queueCountText = (count: number) => (count >= queueCountCap ? `${queueCountCap - 1}+` : String(count));
