/**
 * "My queue" through `GET /api/queue`: claims in review waiting for the
 * person's own verdict, their claims sent back with changes requested, and
 * each section's count. People are made through the API (test/accounts.ts);
 * on a shared PostgreSQL other files' claims may be in review too, so the
 * waiting section is checked for this file's claims only.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { type TestPerson, person } from "@/test/accounts";
import { call, createTestDocument } from "@/test/api-client";
import { submittedLongAgo } from "@/test/queue";
import * as reviewRoute from "./annotations/[id]/review/route";
import * as verdictsRoute from "./annotations/[id]/verdicts/route";
import * as annotationsRoute from "./documents/[slug]/annotations/route";
import * as queueRoute from "./queue/route";

const text = "The mayor said the council approved the new harbour budget on Tuesday after a long debate.";

let maya: TestPerson;
let rhea: TestPerson;
let ed: TestPerson;
let vic: TestPerson;
let slug: string;

interface Section {
  claims: {
    id: string;
    quote: string;
    createdBy: string;
    document: { slug: string };
    since: string;
    requestedBy?: string;
    comment?: string | null;
  }[];
  count: number;
}
interface QueueAnswer {
  waiting: Section;
  returned: Section;
  mentioned: Section;
}

const queueOf = async (who: TestPerson) => {
  const answer = await call(queueRoute.GET, {}, { token: who.token });
  expect(answer.status).toBe(200);
  return answer.json as QueueAnswer;
};
const ids = (section: Section) => section.claims.map((claim) => claim.id);

async function claim(words: string, who: TestPerson) {
  const start = [...text.slice(0, text.indexOf(words))].length;
  const created = await call(annotationsRoute.POST, { slug }, { body: { start, end: start + [...words].length, tag: "disputed" }, token: who.token });
  expect(created.status).toBe(201);
  return created.json.annotation as { id: string; version: number };
}

async function review(id: string, who: TestPerson, version: number, action: string, comment?: string) {
  const answer = await call(reviewRoute.POST, { id }, { body: { version, action, ...(comment ? { comment } : {}) }, token: who.token });
  expect(answer.status, answer.text).toBe(200);
  if (action === "submit") await submittedLongAgo(id);
  return answer.json.annotation as { id: string; version: number };
}

beforeAll(async () => {
  [maya, rhea, ed, vic] = await Promise.all([
    person("Maya Chen", "reviewer"),
    person("Rhea Ross", "reviewer"),
    person("Ed Stone", "editor"),
    person("Vic Viewer", "viewer"),
  ]);
  slug = (await createTestDocument([{ type: "paragraph", text }])).slug;
});

describe("GET /api/queue", () => {
  it("lists a claim in review for others' second verdict until they give it, never for its author", async () => {
    const made = await claim("the council approved", maya);
    const submitted = await review(made.id, maya, made.version, "submit");

    const rheas = await queueOf(rhea);
    expect(ids(rheas.waiting)).toContain(made.id);
    expect(rheas.waiting.count).toBeGreaterThanOrEqual(1);
    const listed = rheas.waiting.claims.find((c) => c.id === made.id)!;
    expect(listed).toMatchObject({ quote: "the council approved", createdBy: "Maya Chen", document: { slug } });
    expect(Date.parse(listed.since)).not.toBeNaN();
    expect(ids((await queueOf(maya)).waiting)).not.toContain(made.id);
    // A viewer gives no verdicts: nothing waits for them.
    expect((await queueOf(vic)).waiting).toEqual({ claims: [], count: 0 });

    const given = await call(verdictsRoute.POST, { id: made.id }, { body: { tag: "denied" }, token: rhea.token });
    expect(given.status).toBe(201);
    expect(ids((await queueOf(rhea)).waiting)).not.toContain(made.id);
    // Ed has given none: it still waits for him.
    expect(ids((await queueOf(ed)).waiting)).toContain(submitted.id);
  });

  it("lists a claim sent back with changes requested to its author, with who asked and why, until it is submitted again", async () => {
    const made = await claim("harbour budget", maya);
    const submitted = await review(made.id, maya, made.version, "submit");
    expect((await queueOf(maya)).returned.claims.map((c) => c.id)).not.toContain(made.id);

    const returned = await review(made.id, ed, submitted.version, "request_changes", "Name the source of the budget figure.");
    const mayas = await queueOf(maya);
    expect(mayas.returned.claims.find((c) => c.id === made.id)).toMatchObject({
      quote: "harbour budget",
      requestedBy: "Ed Stone",
      comment: "Name the source of the budget figure.",
    });
    expect(mayas.returned.count).toBe(mayas.returned.claims.length);
    // A draft is in nobody's waiting section.
    expect(ids((await queueOf(rhea)).waiting)).not.toContain(made.id);
    // Not Ed's claim: not returned to him.
    expect(ids((await queueOf(ed)).returned)).not.toContain(made.id);

    await review(made.id, maya, returned.version, "submit");
    expect(ids((await queueOf(maya)).returned)).not.toContain(made.id);
    expect(ids((await queueOf(rhea)).waiting)).toContain(made.id);
  });

  it("answers 401 without a session, and 405 to other methods", async () => {
    expect((await call(queueRoute.GET, {}, { reviewer: null })).status).toBe(401);
    expect((await call(queueRoute.POST, {}, { body: {}, token: maya.token })).status).toBe(405);
  });
});
