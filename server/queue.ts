/**
 * "My queue": what waits for the signed-in person, one exported function per
 * section, each its first claims and how many there are. `GET /api/queue`
 * and the `/queue` page compose them (`getQueue`); the header shows the total.
 */
import "server-only";
import { getDb } from "@/db/client";
import { listAwaitingVerdict, listReturnedToAuthor, type QueueClaim, type QueueSection, type ReturnedClaim } from "@/db/queries/queue";
import type { Actor } from "./actor";
import { type Outcome, refuse } from "./refusal";

/** Most claims a section lists; its count counts them all. */
export const queueSectionLimit = 200;

/** A claim where someone named the person in a comment (the comments work's `listMentions`). */
export interface MentionedClaim {
  annotationId: string;
  quote: string;
  document: { slug: string; title: string };
  by: { id: string | null; name: string };
  at: string;
  body: string;
}

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
 * Claims where `actor` was mentioned. The comments work (wip/comments) adds
 * `listMentions(actorId)` to this module: at merge, this section is
 * `{ claims: mentions.slice(0, queueSectionLimit), count: mentions.length }` of it.
 */
export async function listMentionedSection(_actor: Actor): Promise<QueueSection<MentionedClaim>> {
  return { claims: [], count: 0 };
}

/** Every section of `actor`'s queue. */
export async function getQueue(actor: Actor): Promise<Outcome<Queue>> {
  const refused = refuse(actor, "read", { kind: "article" });
  if (refused) return refused;
  const [waiting, returned, mentioned] = await Promise.all([listWaitingForMyVerdict(actor), listReturnedToMe(actor), listMentionedSection(actor)]);
  return { waiting, returned, mentioned };
}

/** How many claims wait in `actor`'s queue, all sections together (the header's count). */
export async function countQueue(actor: Actor): Promise<number> {
  const queue = await getQueue(actor);
  if (!("waiting" in queue)) return 0;
  return queue.waiting.count + queue.returned.count + queue.mentioned.count;
}
