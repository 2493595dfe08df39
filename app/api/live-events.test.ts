import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { call, createTestDocument } from "@/test/api-client";
import { admin, person } from "@/test/accounts";
import * as tokenRoute from "./tokens/[id]/route";
import * as tokensRoute from "./tokens/route";
import * as userRoute from "./users/[id]/route";
import * as annotationRoute from "./annotations/[id]/route";
import * as annotationsRoute from "./documents/[slug]/annotations/route";
import * as eventsRoute from "./documents/[slug]/events/route";
import * as presenceRoute from "./documents/[slug]/presence/route";
import * as revisionsRoute from "./documents/[slug]/revisions/route";
import type { PresenceData } from "@/server/presence";

interface ReceivedEvent {
  id: number;
  event: string;
  data: {
    action: string;
    annotation: { id: string; tag: string; note: string; deletedAt: string | null };
    actor: string;
    revision?: number;
    moved?: { id: string; start: number; quote: string }[];
  };
}

/** An open event stream, as a browser's EventSource reads it. */
async function openStream(slug: string, { lastEventId, token, view = true }: { lastEventId?: number; token?: string; view?: boolean } = {}) {
  const abort = new AbortController();
  const headers = new Headers({ authorization: `Bearer ${token ?? (await person("Test Reviewer")).token}` });
  if (lastEventId !== undefined) headers.set("last-event-id", String(lastEventId));
  const request = new Request(`http://localhost/api/events${view ? "" : "?presence=off"}`, { headers, signal: abort.signal });
  const response = await eventsRoute.GET(request, { params: Promise.resolve({ slug }) });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const received: ReceivedEvent[] = [];
  const presence: PresenceData[] = [];
  let buffer = "";
  /** Reads until `done()`, or fails after `ms`. */
  const read = async (done: () => boolean, what: () => string, ms = 5_000) => {
    const deadline = Date.now() + ms;
    while (!done()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${what()} within ${ms} ms`);
      const chunk = await Promise.race([reader.read(), new Promise<null>((resolve) => setTimeout(() => resolve(null), left))]);
      if (chunk === null) continue;
      if (chunk.done) throw new Error("the stream ended");
      buffer += chunk.value;
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = Object.fromEntries(
          block.split("\n").flatMap((line) => (line.startsWith(":") ? [] : [[line.slice(0, line.indexOf(":")), line.slice(line.indexOf(":") + 2)]])),
        );
        if (fields.event === "presence") presence.push(JSON.parse(fields.data));
        else if (fields.event) received.push({ id: Number(fields.id), event: fields.event, data: JSON.parse(fields.data) });
      }
    }
  };
  /** Reads until `count` claim events in all have come. */
  const until = async (count: number) => {
    await read(
      () => received.length >= count,
      () => `${received.length} of ${count} events came`,
    );
    return received;
  };
  /** Reads until a presence event says the article's views are `names` (with their claims). */
  const untilPresent = async (expected: { name: string; claimId?: string | null }[]) => {
    const matches = () => {
      const last = presence.at(-1);
      if (!last || last.present.length !== expected.length) return false;
      return expected.every(
        (want, i) => last.present[i].name === want.name && (want.claimId === undefined || last.present[i].claimId === want.claimId),
      );
    };
    await read(matches, () => `presence was ${JSON.stringify(presence.at(-1)?.present ?? [])}, not ${JSON.stringify(expected)},`);
    return presence.at(-1)!;
  };
  /** Reads until one more presence event than `seen` has come. */
  const nextPresence = async (seen: number) => {
    await read(
      () => presence.length > seen,
      () => "no new presence event came",
    );
    return presence.at(-1)!;
  };
  /** Reads until the server ends the stream, or fails after `ms`. */
  const untilEnded = async (ms = 5_000) => {
    const deadline = Date.now() + ms;
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`the stream was still open after ${ms} ms`);
      const chunk = await Promise.race([reader.read(), new Promise<null>((resolve) => setTimeout(() => resolve(null), left))]);
      if (chunk?.done) return;
    }
  };
  return { response, received, presence, until, untilPresent, nextPresence, untilEnded, close: () => abort.abort() };
}

const text = "Jassy said Bloomberg should retract its story about spy chips in Super Micro servers.";
let slug: string;
beforeAll(async () => {
  slug = (await createTestDocument([{ type: "paragraph", text }])).slug;
});
afterAll(closeDb);

const create = async (start: number, end: number, tag = "disputed") => {
  const { status, json } = await call(annotationsRoute.POST, { slug }, { body: { start, end, tag } });
  expect(status).toBe(201);
  return json.annotation as { id: string; version: number };
};

describe("GET /api/documents/{slug}/events", () => {
  it("streams each change to the article's claims as it is committed, with increasing ids", async () => {
    const stream = await openStream(slug);
    expect(stream.response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(stream.response.headers.get("cache-control")).toBe("no-cache, no-transform");
    try {
      const claim = await create(0, 5);
      const retagged = await call(annotationRoute.PATCH, { id: claim.id }, { method: "PATCH", body: { version: claim.version, tag: "denied" } });
      await call(
        annotationRoute.PATCH,
        { id: claim.id },
        { method: "PATCH", body: { version: retagged.json.annotation.version, note: "Apple said so too." } },
      );
      await call(annotationRoute.DELETE, { id: claim.id }, { method: "DELETE" });
      const events = await stream.until(4);
      expect(events.map((e) => e.event)).toEqual(["claim.created", "claim.updated", "claim.updated", "claim.deleted"]);
      expect(events.map((e) => e.data.annotation.id)).toEqual([claim.id, claim.id, claim.id, claim.id]);
      expect(events[1].data.annotation.tag).toBe("denied");
      expect(events[2].data.annotation.note).toBe("Apple said so too.");
      expect(events[3].data.annotation.deletedAt).not.toBeNull();
      expect(events[0].data.actor).toBe("Test Reviewer");
      const ids = events.map((e) => e.id);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(4);
    } finally {
      stream.close();
    }
  });

  it("resumed with Last-Event-ID, sends exactly the 20 changes made while it was closed, in order, then live ones", async () => {
    const first = await openStream(slug);
    const marker = await create(6, 10);
    const [seen] = await first.until(1);
    first.close();
    expect(seen.data.annotation.id).toBe(marker.id);

    const made: string[] = [];
    for (let i = 0; i < 20; i++) made.push((await create(11 + (i % 5), 20 + (i % 7), i % 2 ? "denied" : "unverified")).id);
    const resumed = await openStream(slug, { lastEventId: seen.id });
    try {
      const missed = await resumed.until(20);
      expect(missed.map((e) => e.data.annotation.id)).toEqual(made);
      const live = await create(30, 35);
      const all = await resumed.until(21);
      expect(all).toHaveLength(21);
      expect(all[20].data.annotation.id).toBe(live.id);
      expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort((a, b) => a - b));
    } finally {
      resumed.close();
    }
  });

  it("needs the same sign-in as reading, and refuses an id that is not one", async () => {
    const anonymous = await eventsRoute.GET(new Request("http://localhost/api/events"), { params: Promise.resolve({ slug }) });
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error.code).toBe("unauthenticated");
    const viewer = await person("Vera Viewer", "viewer");
    const stream = await openStream(slug, { token: viewer.token });
    expect(stream.response.status).toBe(200);
    stream.close();
    const bad = await call(eventsRoute.GET, { slug }, { headers: { "last-event-id": "soon" } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe("invalid_query");
    expect((await call(eventsRoute.GET, { slug: "no-such-article" })).status).toBe(404);
  });

  it("tells each stream who else has the article open, which claim they have open, and when they leave", async () => {
    const ada = await person("Ada Lovelace", "reviewer");
    const grace = await person("Grace Hopper", "viewer");
    const { slug: room } = await createTestDocument([{ type: "paragraph", text }]);
    const claim = await create(0, 5);
    const adaStream = await openStream(room, { token: ada.token });
    try {
      const alone = await adaStream.untilPresent([{ name: "Ada Lovelace", claimId: null }]);
      const graceStream = await openStream(room, { token: grace.token });
      const both = await adaStream.untilPresent([{ name: "Ada Lovelace" }, { name: "Grace Hopper" }]);
      expect(both.view).toBe(alone.view);
      const graceView = (await graceStream.untilPresent([{ name: "Ada Lovelace" }, { name: "Grace Hopper" }])).view;

      const focus = (token: string, view: string, claimId: string | null) =>
        call(presenceRoute.PUT, { slug: room }, { method: "PUT", token, body: { view, claimId } });
      expect((await focus(grace.token, graceView, claim.id)).status).toBe(204);
      await adaStream.untilPresent([
        { name: "Ada Lovelace", claimId: null },
        { name: "Grace Hopper", claimId: claim.id },
      ]);
      // Nobody else can say what Grace has open.
      const seen = adaStream.presence.length;
      expect((await focus(ada.token, graceView, null)).status).toBe(204);
      const after = await adaStream.nextPresence(seen);
      expect(after.present.find((view) => view.name === "Grace Hopper")?.claimId).toBe(claim.id);
      expect((await focus(ada.token, "not-a-view", null)).status).toBe(400);

      graceStream.close();
      await adaStream.untilPresent([{ name: "Ada Lovelace" }]);
      expect(adaStream.received).toEqual([]);
    } finally {
      adaStream.close();
    }
  });

  it("leaves a stream opened with presence=off (a review page) out of presence, and gives it the claim changes all the same", async () => {
    const ada = await person("Ada Lovelace", "reviewer");
    const grace = await person("Grace Hopper", "viewer");
    const { slug: room } = await createTestDocument([{ type: "paragraph", text }]);
    const adaStream = await openStream(room, { token: ada.token });
    const graceStream = await openStream(room, { token: grace.token, view: false });
    try {
      await adaStream.untilPresent([{ name: "Ada Lovelace" }]);
      const made = await call(annotationsRoute.POST, { slug: room }, { body: { start: 0, end: 5, tag: "denied" }, token: ada.token });
      expect(made.status).toBe(201);
      const [created] = await graceStream.until(1);
      expect(created).toMatchObject({ event: "claim.created", data: { annotation: { id: made.json.annotation.id } } });
      await adaStream.until(1);
      // Grace's stream was open before the claim was made, and never joined: Ada is the only one here.
      expect(adaStream.presence.every((event) => event.present.every((view) => view.name === "Ada Lovelace"))).toBe(true);
      expect(graceStream.presence).toEqual([]);
    } finally {
      adaStream.close();
      graceStream.close();
    }
  });

  it("gives one revision.published event for a revision, listing the claims it moved, and none apart for them", async () => {
    const { slug: article } = await createTestDocument([{ type: "paragraph", text }]);
    const created = await call(annotationsRoute.POST, { slug: article }, { body: { start: 0, end: 5, tag: "denied" } });
    const kept = await call(annotationsRoute.POST, { slug: article }, { body: { start: 67, end: 77, tag: "disputed" } });
    const stream = await openStream(article);
    try {
      // New words in front move the first claim's offsets; "Super Micro" stays where the text after it is unchanged.
      const published = await call(revisionsRoute.POST, { slug: article }, { body: { text: `Update: ${text}` } });
      expect(published.status).toBe(201);
      // Words added at the end leave the first claim where it was.
      const appended = await call(revisionsRoute.POST, { slug: article }, { body: { text: `Update: ${text} Amazon agreed.` } });
      expect(appended.status).toBe(201);
      const events = await stream.until(2);
      expect(events.map((e) => e.event)).toEqual(["revision.published", "revision.published"]);
      expect(events.map((e) => e.data.revision)).toEqual([2, 3]);
      expect(events[0].data.moved!.map((claim) => claim.id).sort()).toEqual([created.json.annotation.id, kept.json.annotation.id].sort());
      const moved = events[0].data.moved!.find((claim) => claim.id === created.json.annotation.id)!;
      expect(moved.quote).toBe("Jassy");
      expect(moved.start).toBeGreaterThan(0);
      expect(events[1].data.moved!.map((claim) => claim.id)).not.toContain(created.json.annotation.id);
      expect(events[0].data.actor).toBe("Test Reviewer");
    } finally {
      stream.close();
    }
  });

  it("ends the stream of a person deactivated, or of a token revoked, at once", async () => {
    const { token: adminToken } = await admin();
    const leaving = await person("Leaving Viewer", "viewer");
    const stream = await openStream(slug, { token: leaving.token });
    expect((await call(userRoute.PATCH, { id: leaving.id }, { method: "PATCH", token: adminToken, body: { active: false } })).status).toBe(200);
    await stream.untilEnded();

    const staying = await person("Staying Reviewer", "reviewer");
    const created = await call(tokensRoute.POST, {}, { token: staying.token, body: { name: "a script" } });
    const scripted = await openStream(slug, { token: created.json.token });
    const kept = await openStream(slug, { token: staying.token });
    expect((await call(tokenRoute.DELETE, { id: created.json.id }, { method: "DELETE", token: staying.token })).status).toBe(204);
    await scripted.untilEnded();
    // Their other token still works, and its stream goes on.
    const claim = await create(40, 45);
    expect((await kept.until(1))[0].data.annotation.id).toBe(claim.id);
    kept.close();
  });
});
