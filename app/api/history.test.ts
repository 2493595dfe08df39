/**
 * Who did what: every change to a claim, by whom (name and user id), when,
 * and what it was before and after, through `GET /api/annotations/{id}/history`;
 * the ids on claims; the W3C export's creator; a reviewer's bulk restore.
 * People are made through the API (test/accounts.ts). Runs on PGlite, and on
 * PostgreSQL when DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { authorNamed } from "@/lib/author";
import { claimActions, reviewClaimActions } from "@/lib/claim-events";
import type { ChangeEntry, HistoryEntry, PlacementEntry } from "@/lib/claim-history";
import { createClaimFromSelection } from "@/server/create-claim";
import { type TestPerson, person } from "@/test/accounts";
import { call, createTestDocument } from "@/test/api-client";
import { annoContext, w3cMustChecker } from "@/test/w3c-validator";
import * as pickRoute from "./annotations/[id]/conflicts/[conflictId]/route";
import * as historyRoute from "./annotations/[id]/history/route";
import * as reattachRoute from "./annotations/[id]/reattach/route";
import * as restoreRoute from "./annotations/[id]/restore/route";
import * as annotationRoute from "./annotations/[id]/route";
import * as annotationsRoute from "./documents/[slug]/annotations/route";
import * as restoreDeletedRoute from "./documents/[slug]/deleted/restore/route";
import * as deletedRoute from "./documents/[slug]/deleted/route";
import * as exportRoute from "./documents/[slug]/export/route";
import * as importRoute from "./documents/[slug]/import/route";
import * as revisionsRoute from "./documents/[slug]/revisions/route";

const first = "The mayor said the council approved the new harbour budget on Tuesday after a long debate.";
const second = "Officials also claimed that the bridge repairs would finish by spring.";
// The revision fixes the day inside one claim's words and drops the paragraph of the other.
const revised = `Harbour budget\n${first.replace("Tuesday", "Wednesday")}`;

let maya: TestPerson;
let ed: TestPerson;
let vic: TestPerson;
let slug: string;
let text: string;
const ids: Record<string, string> = {};

const at = (words: string, within = text) => {
  const start = [...within.slice(0, within.indexOf(words))].length;
  return { start, end: start + [...words].length };
};
const as = (who: TestPerson) => ({ token: who.token });
const patch = (who: TestPerson, id: string, body: unknown) => call(annotationRoute.PATCH, { id }, { method: "PATCH", body, ...as(who) });
const current = async (id: string) => (await call(annotationRoute.GET, { id })).json.annotation;
const history = async (id: string) => (await call(historyRoute.GET, { id }, as(vic))).json.history as HistoryEntry[];
const changes = async (id: string) => (await history(id)).filter((entry): entry is ChangeEntry => entry.kind === "change");
const placements = async (id: string) => (await history(id)).filter((entry): entry is PlacementEntry => entry.kind === "placement");

beforeAll(async () => {
  [maya, ed, vic] = await Promise.all([person("Maya Chen", "reviewer"), person("Ed Stone", "editor"), person("Vic Viewer", "viewer")]);
  const document = await createTestDocument([
    { type: "heading", level: 1, text: "Harbour budget" },
    { type: "paragraph", text: first },
    { type: "paragraph", text: second },
  ]);
  slug = document.slug;
  text = document.text;
});
afterAll(closeDb);

describe("who did what", () => {
  it("records the user who made a claim and who changed it last, by id", async () => {
    const created = await call(
      annotationsRoute.POST,
      { slug },
      { body: { ...at("council approved the new harbour budget on Tuesday"), tag: "unverified" }, ...as(maya) },
    );
    expect(created.status).toBe(201);
    ids.alpha = created.json.annotation.id;
    expect(created.json.annotation).toMatchObject({ createdBy: "Maya Chen", createdById: maya.id, updatedBy: "Maya Chen", updatedById: maya.id });
    ids.bravo = (
      await call(annotationsRoute.POST, { slug }, { body: { ...at("bridge repairs would finish by spring"), tag: "denied" }, ...as(maya) })
    ).json.annotation.id;

    const retagged = await patch(maya, ids.alpha, { version: 1, tag: "disputed" });
    expect(retagged.status).toBe(200);
    const edited = await patch(ed, ids.alpha, { version: 2, note: "The minutes say otherwise." });
    expect(edited.json.annotation).toMatchObject({ createdById: maya.id, updatedBy: "Ed Stone", updatedById: ed.id });
    expect((await patch(ed, ids.alpha, { version: 3, claimant: "The mayor" })).status).toBe(200);
    expect((await patch(ed, ids.alpha, { version: 4, evidence: ["https://example.org/minutes"] })).status).toBe(200);
    const listed = (await call(annotationsRoute.GET, { slug }, as(vic))).json.annotations.find((claim: { id: string }) => claim.id === ids.alpha);
    expect(listed).toMatchObject({ createdById: maya.id, updatedById: ed.id });
  });

  it("records a revision's moves, a verdict confirmed, a delete, a restore, a re-attach and an import", async () => {
    const published = await call(revisionsRoute.POST, { slug }, { body: { text: revised }, ...as(ed) });
    expect(published.status).toBe(201);
    expect(published.json).toMatchObject({ anchored: 1, orphaned: 1 });
    expect((await current(ids.alpha)).previousQuote).toBe("council approved the new harbour budget on Tuesday");

    const alpha = await current(ids.alpha);
    expect((await patch(maya, ids.alpha, { version: alpha.version, previousQuote: null })).status).toBe(200);
    expect((await call(annotationRoute.DELETE, { id: ids.alpha }, { method: "DELETE", ...as(ed) })).status).toBe(204);
    expect((await call(restoreRoute.POST, { id: ids.alpha }, { method: "POST", ...as(maya) })).status).toBe(200);

    const bravo = await current(ids.bravo);
    expect(bravo.status).toBe("orphan");
    const reattached = await call(
      reattachRoute.POST,
      { id: ids.bravo },
      { body: { version: bravo.version, ...at("after a long debate", revised) }, ...as(ed) },
    );
    expect(reattached.status).toBe(200);

    const imported = await call(
      importRoute.POST,
      { slug },
      {
        body: [
          {
            "@context": annoContext,
            type: "Annotation",
            body: [{ type: "TextualBody", purpose: "tagging", value: "disputed" }],
            target: { selector: [{ type: "TextQuoteSelector", exact: "The mayor said" }] },
          },
        ],
        ...as(ed),
      },
    );
    expect(imported.status).toBe(201);
    ids.charlie = imported.json.created[0].id;

    // The same note at once: Ed's, then Maya's on the version before it; Ed keeps his.
    const placed = await current(ids.bravo);
    expect((await patch(ed, ids.bravo, { version: placed.version, note: "Ed's note" })).status).toBe(200);
    const replaced = await patch(maya, ids.bravo, { version: placed.version + 1, baseVersion: placed.version, note: "Maya's note" });
    expect(replaced.json.annotation.conflicts).toHaveLength(1);
    const picked = await call(
      pickRoute.POST,
      { id: ids.bravo, conflictId: replaced.json.annotation.conflicts[0].id },
      { body: { version: placed.version + 2, pick: 0 }, ...as(ed) },
    );
    expect(picked.status).toBe(200);
  });

  it("lists every change once, oldest first, with who (name and id), when, and the claim before and after", async () => {
    const alpha = await changes(ids.alpha);
    expect(alpha.map((entry) => [entry.action, entry.actor, entry.actorId])).toEqual([
      ["created", "Maya Chen", maya.id],
      ["updated", "Maya Chen", maya.id],
      ["updated", "Ed Stone", ed.id],
      ["updated", "Ed Stone", ed.id],
      ["updated", "Ed Stone", ed.id],
      ["moved_by_revision", "Ed Stone", ed.id],
      ["verdict_confirmed", "Maya Chen", maya.id],
      ["deleted", "Ed Stone", ed.id],
      ["restored", "Maya Chen", maya.id],
    ]);
    const [created, retag, note, claimant, evidence, moved, confirmed, deleted, restored] = alpha;
    expect(created.before).toBeNull();
    expect(created.after).toMatchObject({ tag: "unverified", createdById: maya.id });
    expect([retag.before?.tag, retag.after.tag]).toEqual(["unverified", "disputed"]);
    expect([note.before?.note, note.after.note]).toEqual(["", "The minutes say otherwise."]);
    expect([claimant.before?.claimant, claimant.after.claimant]).toEqual(["", "The mayor"]);
    expect([evidence.before?.evidence, evidence.after.evidence]).toEqual([[], ["https://example.org/minutes"]]);
    expect([moved.before?.quote, moved.after.quote]).toEqual([
      "council approved the new harbour budget on Tuesday",
      "council approved the new harbour budget on Wednesday",
    ]);
    expect([confirmed.before?.previousQuote, confirmed.after.previousQuote]).toEqual(["council approved the new harbour budget on Tuesday", null]);
    expect([deleted.before?.deletedAt, deleted.after.deletedBy]).toEqual([null, "Ed Stone"]);
    expect([restored.before?.deletedBy, restored.after.deletedAt]).toEqual(["Ed Stone", null]);
    const times = alpha.map((entry) => Date.parse(entry.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));

    const bravo = await changes(ids.bravo);
    expect(bravo.map((entry) => [entry.action, entry.actorId])).toEqual([
      ["created", maya.id],
      ["moved_by_revision", ed.id],
      ["reattached", ed.id],
      ["updated", ed.id],
      ["updated", maya.id],
      ["conflict_resolved", ed.id],
    ]);
    expect([bravo[1].before?.status, bravo[1].after.status, bravo[2].after.status]).toEqual(["anchored", "orphan", "anchored"]);
    expect(bravo[4].after).toMatchObject({ note: "Maya's note", conflicts: [{ field: "note" }] });
    expect(bravo[5].after).toMatchObject({ note: "Ed's note", conflicts: [] });
    const charlie = await changes(ids.charlie);
    expect(charlie.map((entry) => [entry.action, entry.actor, entry.actorId, entry.before])).toEqual([["imported", "Ed Stone", ed.id, null]]);

    // Every kind of change, each on the claim it happened to (the review steps: app/api/review.test.ts; a thread's: app/api/comments.test.ts).
    const seen = [...alpha, ...bravo, ...charlie].map((entry) => entry.action);
    expect(new Set(seen)).toEqual(
      new Set(claimActions.filter((action) => !action.startsWith("comment_") && !(reviewClaimActions as readonly string[]).includes(action))),
    );
  });

  it("keeps the revision placements in the same list, with who placed the claim, after the change that placed it", async () => {
    const entries = await history(ids.alpha);
    expect(entries[0]).toMatchObject({ kind: "change", action: "created" });
    expect(entries[1]).toMatchObject({ kind: "placement", revision: 1, method: "created", actor: "Maya Chen", actorId: maya.id });
    const times = entries.map((entry) => Date.parse(entry.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(await placements(ids.alpha)).toMatchObject([
      { revision: 1, status: "anchored", method: "created", actorId: maya.id },
      {
        revision: 2,
        status: "anchored",
        method: "fuzzy",
        exact: "council approved the new harbour budget on Wednesday",
        actor: "Ed Stone",
        actorId: ed.id,
      },
    ]);
    expect((await placements(ids.bravo)).at(-1)).toMatchObject({ revision: 2, status: "anchored", method: "reattached", actorId: ed.id });
    expect(await placements(ids.charlie)).toMatchObject([{ revision: 2, method: "imported", actor: "Ed Stone", actorId: ed.id }]);
  });

  it("changes and deletes no history through its route", async () => {
    const before = await history(ids.alpha);
    for (const method of ["POST", "PUT", "PATCH", "DELETE"] as const) {
      const answer = await call(historyRoute[method], { id: ids.alpha }, { method, body: method === "DELETE" ? undefined : [], ...as(ed) });
      expect(answer.status, method).toBe(405);
    }
    expect(await history(ids.alpha)).toEqual(before);
    expect((await call(historyRoute.GET, { id: ids.alpha }, { reviewer: null })).status).toBe(401);
  });

  it("names the user in the W3C export by a stable id URL, and a claim recorded before accounts by its name alone", async () => {
    // A claim as the app stored it before accounts: a typed name, no user.
    const old = await createClaimFromSelection(await getDb(), slug, { ...at("Harbour budget", revised), tag: "denied" }, authorNamed("Rita"));
    if (old.kind !== "created") throw new Error(old.kind);
    ids.rita = old.annotation.id;
    expect(await current(ids.rita)).toMatchObject({ createdBy: "Rita", createdById: null, updatedById: null });
    expect((await changes(ids.rita))[0]).toMatchObject({ action: "created", actor: "Rita", actorId: null });
    // Recorded before accounts, it is no reviewer's own claim.
    expect((await patch(maya, ids.rita, { version: 1, tag: "disputed" })).status).toBe(403);

    const { status, json } = await call(exportRoute.GET, { slug }, { query: "format=w3c", ...as(vic) });
    expect(status).toBe(200);
    const creators = Object.fromEntries(json.first.items.map((item: { id: string; creator: unknown }) => [item.id.split("/").at(-1), item.creator]));
    expect(creators[ids.alpha]).toEqual({ id: `http://localhost/people/${maya.id}`, type: "Person", name: "Maya Chen" });
    expect(creators[ids.charlie]).toEqual({ id: `http://localhost/people/${ed.id}`, type: "Person", name: "Ed Stone" });
    expect(creators[ids.rita]).toEqual({ type: "Person", name: "Rita" });
    const check = w3cMustChecker();
    expect(check("collection", json)).toEqual([]);
    for (const item of json.first.items) expect(check("annotation", { "@context": json["@context"], ...item }), item.id).toEqual([]);
  });
});

describe("restoring everything one person deleted", () => {
  let article: string;
  const window = { deletedBy: "Ed Stone", from: "2000-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z" };
  const restoreWindow = (who: TestPerson) => call(restoreDeletedRoute.POST, { slug: article }, { body: window, ...as(who) });
  const deletedIds = async () =>
    ((await call(deletedRoute.GET, { slug: article }, as(vic))).json.deleted as { id: string }[]).map((claim) => claim.id).sort();

  it("restores for a reviewer only the claims they created, and for an editor all of them", async () => {
    const document = await createTestDocument([{ type: "paragraph", text: "one two three four" }]);
    article = document.slug;
    const make = async (who: TestPerson, word: string) => {
      const start = document.text.indexOf(word);
      const { json } = await call(
        annotationsRoute.POST,
        { slug: article },
        { body: { start, end: start + word.length, tag: "disputed" }, ...as(who) },
      );
      return json.annotation.id as string;
    };
    const mine = [await make(maya, "one"), await make(maya, "two")];
    const theirs = await make(ed, "three");
    for (const id of [...mine, theirs]) expect((await call(annotationRoute.DELETE, { id }, { method: "DELETE", ...as(ed) })).status).toBe(204);

    expect((await restoreWindow(vic)).status).toBe(403);
    expect(await deletedIds()).toEqual([...mine, theirs].sort());

    const byReviewer = await restoreWindow(maya);
    expect(byReviewer.status).toBe(200);
    expect(byReviewer.json.restored.map((claim: { id: string }) => claim.id)).toEqual(mine);
    expect(byReviewer.json.restored[0]).toMatchObject({ updatedBy: "Maya Chen", updatedById: maya.id });
    expect(await deletedIds()).toEqual([theirs]);

    const byEditor = await restoreWindow(ed);
    expect(byEditor.json.restored.map((claim: { id: string }) => claim.id)).toEqual([theirs]);
    expect(await deletedIds()).toEqual([]);
    expect((await changes(theirs)).map((entry) => [entry.action, entry.actorId])).toEqual([
      ["created", ed.id],
      ["deleted", ed.id],
      ["restored", ed.id],
    ]);
  });
});
