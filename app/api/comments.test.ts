/**
 * A claim's discussion through the API: who may list, write, edit and
 * delete comments, the body's limits, mentions (stored, listed in the
 * queue), the claim's `commentCount`, and each change in the claim's
 * history and live feed. Runs on PGlite, and on PostgreSQL when
 * DATABASE_URL is set.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import type { HistoryEntry } from "@/lib/claim-history";
import { maxCommentLength } from "@/lib/limits";
import { type TestPerson, person } from "@/test/accounts";
import { call, createTestDocument } from "@/test/api-client";
import * as commentsRoute from "./annotations/[id]/comments/route";
import * as historyRoute from "./annotations/[id]/history/route";
import * as annotationRoute from "./annotations/[id]/route";
import * as commentRoute from "./comments/[id]/route";
import * as annotationsRoute from "./documents/[slug]/annotations/route";
import * as eventsRoute from "./documents/[slug]/events/route";
import * as exportRoute from "./documents/[slug]/export/route";
import * as peopleRoute from "./people/route";
import * as queueMentionsRoute from "./queue/mentions/route";
import * as queueRoute from "./queue/route";

// Names of this run: on a PostgreSQL other test files share, a mention of "@Maya Chen" would name every Maya Chen they made.
const run = randomUUID().slice(0, 8);
const mayaName = `Maya Chen ${run}`;
const robName = `Rob Reviewer ${run}`;
const edName = `Ed Stone ${run}`;
const vicName = `Vic Viewer ${run}`;

const text = "The minister said unemployment fell to its lowest level in forty years last spring.";
let slug: string;
let claimId: string;
let maya: TestPerson;
let rob: TestPerson;
let ed: TestPerson;
let vic: TestPerson;

const as = (who: TestPerson) => ({ token: who.token });
const list = (who: TestPerson, id = claimId) => call(commentsRoute.GET, { id }, as(who));
const post = (who: TestPerson, body: unknown, id = claimId) => call(commentsRoute.POST, { id }, { body, ...as(who) });
const patch = (who: TestPerson, id: string, body: unknown) => call(commentRoute.PATCH, { id }, { method: "PATCH", body, ...as(who) });
const remove = (who: TestPerson, id: string) => call(commentRoute.DELETE, { id }, { method: "DELETE", ...as(who) });
const claim = async (id = claimId) => (await call(annotationRoute.GET, { id }, as(vic))).json.annotation;

beforeAll(async () => {
  [maya, rob, ed, vic] = await Promise.all([
    person(mayaName, "reviewer"),
    person(robName, "reviewer"),
    person(edName, "editor"),
    person(vicName, "viewer"),
  ]);
  slug = (await createTestDocument([{ type: "paragraph", text }])).slug;
  const start = text.indexOf("unemployment");
  const created = await call(annotationsRoute.POST, { slug }, { body: { start, end: start + 40, tag: "disputed" }, ...as(maya) });
  expect(created.status).toBe(201);
  claimId = created.json.annotation.id;
});
afterAll(closeDb);

describe("a claim's comments", () => {
  it("starts with none, and a claim says so", async () => {
    expect((await list(vic)).json).toEqual({ comments: [] });
    expect((await claim()).commentCount).toBe(0);
  });

  it("lets a reviewer comment, 201 { comment } with author and times, and counts it on the claim", async () => {
    const before = await claim();
    const answer = await post(rob, { body: "The statistics office says 45 years." });
    expect(answer.status).toBe(201);
    expect(answer.json.comment).toMatchObject({
      annotationId: claimId,
      author: { id: rob.id, name: robName },
      body: "The statistics office says 45 years.",
      mentions: [],
      editedAt: null,
    });
    expect(answer.json.comment.createdAt).toBe(answer.json.comment.updatedAt);
    const after = await claim();
    expect(after.commentCount).toBe(1);
    // A comment is no change to the claim's verdict: its version stays, so an open form does not conflict.
    expect(after.version).toBe(before.version);
    expect((await list(vic)).json.comments.map((c: { body: string }) => c.body)).toEqual(["The statistics office says 45 years."]);
  });

  it("lets a viewer read the thread but not write in it", async () => {
    const answer = await post(vic, { body: "Viewers have opinions too." });
    expect(answer.status).toBe(403);
    expect(answer.json.error).toEqual({ code: "forbidden", message: "Viewers cannot comment on claims: reviewers, editors and admins can." });
    expect((await list(vic)).json.comments).toHaveLength(1);
  });

  it("refuses an empty, blank, too long or malformed body with 400 and stores nothing", async () => {
    for (const body of [{ body: "" }, { body: "  \n " }, { body: "x".repeat(maxCommentLength + 1) }, { body: 5 }, {}, { body: "ok", extra: 1 }]) {
      const answer = await post(rob, body);
      expect(answer.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect(answer.json.error.code).toBe("invalid_body");
      expect(answer.json.error.message).toMatch(/body|unknown/);
    }
    expect((await post(rob, { body: "y".repeat(maxCommentLength) })).status).toBe(201);
    const comments = (await list(vic)).json.comments;
    expect(comments).toHaveLength(2);
    expect((await remove(rob, comments[1].id)).status).toBe(204);
  });

  it("answers 404 for a claim that does not exist or is deleted", async () => {
    expect((await list(vic, "00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await post(rob, { body: "hello" }, "00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await list(vic, "not-a-uuid")).status).toBe(404);
  });

  it("lets only the author edit a comment, marking it edited", async () => {
    const { comment } = (await post(maya, { body: "I will ask the ministry." })).json;
    for (const other of [rob, ed, vic]) {
      const refused = await patch(other, comment.id, { body: "Rewritten by someone else" });
      expect(refused.status, other.name).toBe(403);
      expect(refused.json.error.code).toBe("forbidden");
    }
    expect((await patch(ed, comment.id, { body: "x" })).json.error.message).toBe("Editors cannot edit comments other than their own.");
    const edited = await patch(maya, comment.id, { body: "I asked the ministry: no answer yet." });
    expect(edited.status).toBe(200);
    expect(edited.json.comment).toMatchObject({ id: comment.id, body: "I asked the ministry: no answer yet.", createdAt: comment.createdAt });
    expect(edited.json.comment.editedAt).not.toBeNull();
    expect((await patch(maya, comment.id, { body: "   " })).status).toBe(400);
    const bodies = (await list(vic)).json.comments.map((c: { body: string }) => c.body);
    expect(bodies).toEqual(["The statistics office says 45 years.", "I asked the ministry: no answer yet."]);
  });

  it("lets the author delete their comment, and editors any, but not another reviewer", async () => {
    const mine = (await post(maya, { body: "Delete me." })).json.comment;
    const robs = (await post(rob, { body: "An editor will delete this." })).json.comment;
    expect((await claim()).commentCount).toBe(4);
    const refused = await remove(maya, robs.id);
    expect(refused.status).toBe(403);
    expect(refused.json.error.message).toBe("Reviewers cannot delete comments other than their own: editors and admins can.");
    expect((await remove(vic, mine.id)).status).toBe(403);
    expect((await remove(maya, mine.id)).status).toBe(204);
    expect((await remove(ed, robs.id)).status).toBe(204);
    expect((await remove(ed, robs.id)).status).toBe(404);
    expect((await patch(rob, robs.id, { body: "back?" })).status).toBe(404);
    expect((await claim()).commentCount).toBe(2);
    expect((await list(vic)).json.comments.map((c: { id: string }) => c.id)).not.toContain(robs.id);
  });

  it("records each comment change in the claim's history, in words a reader can follow, without a deleted comment's words", async () => {
    const history = (await call(historyRoute.GET, { id: claimId }, as(vic))).json.history as HistoryEntry[];
    const changes = history.filter((entry) => entry.kind === "change");
    expect(changes.map((entry) => entry.action)).toEqual([
      "created",
      "comment_created",
      "comment_created",
      "comment_deleted",
      "comment_created",
      "comment_updated",
      "comment_created",
      "comment_created",
      "comment_deleted",
      "comment_deleted",
    ]);
    const edit = changes[5];
    expect(edit).toMatchObject({ actor: mayaName, actorId: maya.id, comment: { body: "I asked the ministry: no answer yet." } });
    const moderated = changes[9];
    // A deleted comment's words leave the history with it (moderation): who wrote, edited and deleted it stays.
    expect(moderated).toMatchObject({ actor: edName, comment: { author: { name: robName }, body: "" } });
    expect(JSON.stringify(history)).not.toContain("An editor will delete this.");
    expect(moderated.kind === "change" && moderated.comment?.deletedAt).toBeTruthy();
    expect(moderated.kind === "change" && [moderated.before?.commentCount, moderated.after.commentCount]).toEqual([3, 2]);
  });
});

describe("mentions", () => {
  it("lists the newsroom's active people to any signed-in person, and nobody else", async () => {
    const answer = await call(peopleRoute.GET, {}, as(vic));
    expect(answer.status).toBe(200);
    const names = answer.json.people.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining([mayaName, robName, edName, vicName]));
    expect(Object.keys(answer.json.people[0]).sort()).toEqual(["id", "name"]);
    expect((await call(peopleRoute.GET, {}, { reviewer: null })).status).toBe(401);
  });

  it("stores whom a comment mentions by @name and lists the claim in their queue, newest first", async () => {
    const start = text.indexOf("last spring");
    const other = (await call(annotationsRoute.POST, { slug }, { body: { start, end: start + 11, tag: "unverified" }, ...as(rob) })).json.annotation;
    const first = await post(rob, { body: `@${mayaName} can you check the date? cc @${vicName}` });
    expect(first.status).toBe(201);
    expect(first.json.comment.mentions).toEqual([
      { id: maya.id, name: mayaName },
      { id: vic.id, name: vicName },
    ]);
    expect((await post(ed, { body: `@${mayaName.toLowerCase()} this one too` }, other.id)).json.comment.mentions).toEqual([
      { id: maya.id, name: mayaName },
    ]);
    // An address is no mention.
    expect((await post(ed, { body: `Mail press@${mayaName}.example` }, other.id)).json.comment.mentions).toEqual([]);

    const queue = await call(queueMentionsRoute.GET, {}, as(maya));
    expect(queue.status).toBe(200);
    expect(queue.json.mentions).toMatchObject([
      {
        annotationId: other.id,
        quote: "last spring",
        by: { id: ed.id, name: edName },
        document: { slug },
        body: `@${mayaName.toLowerCase()} this one too`,
      },
      { annotationId: claimId, by: { id: rob.id, name: robName }, document: { slug } },
    ]);
    expect((await call(queueRoute.GET, {}, as(maya))).json.mentioned.claims).toEqual(queue.json.mentions);
    expect((await call(queueMentionsRoute.GET, {}, as(ed))).json.mentions).toEqual([]);

    // Edited to name someone else, the comment leaves Vic's queue and enters Ed's.
    expect((await call(queueMentionsRoute.GET, {}, as(vic))).json.mentions.map((m: { annotationId: string }) => m.annotationId)).toEqual([claimId]);
    const edited = await patch(rob, first.json.comment.id, { body: `@${mayaName} can you check the date? cc @${edName}` });
    // Listed by name.
    expect(edited.json.comment.mentions.map((m: { name: string }) => m.name)).toEqual([edName, mayaName]);
    expect((await call(queueMentionsRoute.GET, {}, as(vic))).json.mentions).toEqual([]);
    expect((await call(queueMentionsRoute.GET, {}, as(ed))).json.mentions.map((m: { annotationId: string }) => m.annotationId)).toEqual([claimId]);

    // A deleted claim leaves the queue.
    expect((await call(annotationRoute.DELETE, { id: other.id }, { method: "DELETE", ...as(rob) })).status).toBe(204);
    expect((await call(queueMentionsRoute.GET, {}, as(maya))).json.mentions.map((m: { annotationId: string }) => m.annotationId)).toEqual([claimId]);
  });
});

describe("the live feed", () => {
  it("sends comment.created, comment.updated and comment.deleted with the comment and the claim's count", async () => {
    const abort = new AbortController();
    const headers = new Headers({ authorization: `Bearer ${vic.token}` });
    const response = await eventsRoute.GET(new Request("http://localhost/api/events", { headers, signal: abort.signal }), {
      params: Promise.resolve({ slug }),
    });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    try {
      const { comment } = (await post(maya, { body: "Live one" })).json;
      await patch(maya, comment.id, { body: "Live one, edited" });
      await remove(maya, comment.id);
      const events: {
        event: string;
        data: { comment: { id: string; body: string; deletedAt: string | null }; annotation: { commentCount: number } };
      }[] = [];
      let buffer = "";
      while (events.length < 3) {
        const chunk = await reader.read();
        if (chunk.done) throw new Error("the stream ended");
        buffer += chunk.value;
        for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
          const fields = Object.fromEntries(
            buffer
              .slice(0, end)
              .split("\n")
              .filter((line) => !line.startsWith(":"))
              .map((line) => [line.slice(0, line.indexOf(":")), line.slice(line.indexOf(":") + 2)]),
          );
          buffer = buffer.slice(end + 2);
          if (fields.event?.startsWith("comment.")) events.push({ event: fields.event, data: JSON.parse(fields.data) });
        }
      }
      expect(events.map((e) => e.event)).toEqual(["comment.created", "comment.updated", "comment.deleted"]);
      expect(events.map((e) => e.data.comment.id)).toEqual([comment.id, comment.id, comment.id]);
      expect(events[1].data.comment.body).toBe("Live one, edited");
      expect(events[2].data.comment.deletedAt).not.toBeNull();
      const count = events[0].data.annotation.commentCount;
      expect([events[1].data.annotation.commentCount, events[2].data.annotation.commentCount]).toEqual([count, count - 1]);
    } finally {
      abort.abort();
    }
  });
});

describe("search", () => {
  it("finds a claim by the words of a live comment in its thread, as the review pages search (q)", async () => {
    const word = `w${randomUUID().replaceAll("-", "")}`;
    const found = async () => {
      const answer = await call(
        exportRoute.GET,
        { slug },
        { ...as(vic), path: `/api/documents/${slug}/export`, query: `format=csv&q=${word}%20report` },
      );
      expect(answer.status).toBe(200);
      return answer.text.includes(claimId);
    };
    expect(await found()).toBe(false);
    const comment = (await post(rob, { body: `The ${word} reported otherwise.` })).json.comment;
    expect(await found()).toBe(true);
    expect((await remove(rob, comment.id)).status).toBe(204);
    expect(await found()).toBe(false);
  });
});
