import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as reviewRoute from "@/app/api/annotations/[id]/review/route";
import * as verdictsRoute from "@/app/api/annotations/[id]/verdicts/route";
import * as commentsRoute from "@/app/api/annotations/[id]/comments/route";
import * as annotationsRoute from "@/app/api/documents/[slug]/annotations/route";
import { closeDb, getDb } from "@/db/client";
import type { Annotation } from "@/lib/annotation";
import { person, type TestPerson } from "@/test/accounts";
import { call, createTestDocument } from "@/test/api-client";
import { submittedLongAgo } from "@/test/queue";
import { countQueueOf } from "@/db/queries/queue";
import { countQueue, getQueue, type Queue, queueCountCap, queueCountText } from "./queue";

const text = "First words here. Second words there. Third words at last.";
let slug: string;
const people = {} as Record<"ada" | "rita" | "vic", TestPerson>;

beforeAll(async () => {
  await getDb();
  people.ada = await person("Ada Author", "reviewer");
  people.rita = await person("Rita Reviewer", "reviewer");
  people.vic = await person("Vic Viewer", "viewer");
  slug = (await createTestDocument([{ type: "paragraph", text }])).slug;
});
afterAll(closeDb);

async function claimBy(words: string): Promise<Annotation> {
  const start = text.indexOf(words);
  const made = await call(annotationsRoute.POST, { slug }, { body: { start, end: start + words.length, tag: "disputed" }, reviewer: "Ada Author" });
  return made.json.annotation;
}
const step = async (claim: Annotation, action: string, reviewer: string): Promise<Annotation> => {
  const answer = await call(reviewRoute.POST, { id: claim.id }, { body: { version: claim.version, action }, reviewer });
  expect(answer.status, answer.text).toBe(200);
  if (action === "submit") await submittedLongAgo(claim.id);
  return answer.json.annotation;
};
const queueOf = async (who: TestPerson) => {
  const queue = (await getQueue({ id: who.id, name: who.name, email: who.email, role: who.role })) as Queue;
  // Other files' claims may wait too, on a shared PostgreSQL: only this article's count here.
  const mine = (section: Queue["waiting"]) =>
    section.claims
      .filter((claim) => claim.document.slug === slug)
      .map((claim) => claim.quote)
      .sort();
  return { toVerify: mine(queue.waiting), returned: mine(queue.returned) };
};

describe("a review queue", () => {
  it("lists claims waiting for my verdict, and my claims sent back with changes requested", async () => {
    const first = await step(await claimBy("First words"), "submit", "Ada Author");
    const second = await step(await claimBy("Second words"), "submit", "Ada Author");
    await claimBy("Third words"); // A draft never submitted: in no one's queue.

    expect(await queueOf(people.rita)).toEqual({ toVerify: ["First words", "Second words"], returned: [] });
    // Not the author's own, and nothing for a viewer to verify.
    expect(await queueOf(people.ada)).toEqual({ toVerify: [], returned: [] });
    expect((await queueOf(people.vic)).toVerify).toEqual([]);

    // Once Rita gave her verdict, the claim leaves her queue.
    expect((await call(verdictsRoute.POST, { id: first.id }, { body: { tag: "disputed" }, reviewer: "Rita Reviewer" })).status).toBe(201);
    await step(second, "request_changes", "Rita Reviewer");
    expect(await queueOf(people.rita)).toEqual({ toVerify: [], returned: [] });
    expect(await queueOf(people.ada)).toEqual({ toVerify: [], returned: ["Second words"] });

    // Submitted again, it leaves Ada's queue and is back in Rita's.
    await step({ ...second, version: second.version + 1 }, "submit", "Ada Author");
    expect(await queueOf(people.ada)).toEqual({ toVerify: [], returned: [] });
    expect(await queueOf(people.rita)).toEqual({ toVerify: ["Second words"], returned: [] });
  });

  it("counts in the header what the queue lists, for each person", async () => {
    const actorOf = (who: TestPerson) => ({ id: who.id, name: who.name, email: who.email, role: who.role });
    const sectionsTotal = async (who: TestPerson) => {
      const queue = (await getQueue(actorOf(who))) as Queue;
      return queue.waiting.count + queue.returned.count + queue.mentioned.count;
    };
    // Other files' claims may come into review meanwhile on a shared PostgreSQL:
    // a count read between two equal listings is compared, else read again.
    const expectHeaderCount = async (who: TestPerson, least: number) => {
      for (let attempt = 0; ; attempt++) {
        const before = await sectionsTotal(who);
        const counted = await countQueue(actorOf(who));
        if (before === (await sectionsTotal(who)) || attempt === 4) {
          // The header stops at the cap: on a shared PostgreSQL, other files' claims in review may pass it.
          expect(counted).toBe(Math.min(before, queueCountCap));
          expect(counted).toBeGreaterThanOrEqual(least);
          return;
        }
      }
    };
    const waiting = await step(await claimBy("Third words"), "submit", "Ada Author");
    await step(waiting, "request_changes", "Rita Reviewer");
    const mentioning = await call(
      commentsRoute.POST,
      { id: waiting.id },
      { body: { body: "@Vic Viewer, @Ada Author: see the filing." }, reviewer: "Rita Reviewer" },
    );
    expect(mentioning.status, mentioning.text).toBe(201);

    // Ada: her claim sent back (returned) and the mention, on the same claim: two entries.
    await expectHeaderCount(people.ada, 2);
    await expectHeaderCount(people.rita, 0);
    // A viewer verifies nothing, but is mentioned.
    expect(await countQueue(actorOf(people.vic))).toBe(1);
    await expectHeaderCount(people.vic, 1);

    // Each section's count stops at the cap; the header then says "99+".
    const other = await claimBy("First words here");
    expect((await call(commentsRoute.POST, { id: other.id }, { body: { body: "@Vic Viewer again" }, reviewer: "Rita Reviewer" })).status).toBe(201);
    const db = await getDb();
    expect((await countQueueOf(db, people.vic.id, false, 100)).mentioned).toBe(2);
    expect(await countQueueOf(db, people.vic.id, false, 1)).toEqual({ waiting: 0, returned: 0, mentioned: 1 });
    expect([queueCountText(2), queueCountText(99), queueCountText(100)]).toEqual(["2", "99", "99+"]);
  });
});
