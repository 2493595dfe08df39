/**
 * The same field changed by two reviewers at once: the later change wins,
 * the other version stays on the claim as an open conflict, listed with the
 * claim everywhere the API gives it out, until someone picks a version
 * (`POST /api/annotations/{id}/conflicts/{conflictId}`). People are made
 * through the API (test/accounts.ts). Runs on PGlite, and on PostgreSQL when
 * DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import type { ClaimConflict } from "@/lib/claim-conflicts";
import type { ChangeEntry, HistoryEntry } from "@/lib/claim-history";
import { describeChange } from "@/lib/history-words";
import { type TestPerson, person } from "@/test/accounts";
import { call, createTestDocument } from "@/test/api-client";
import * as pickRoute from "./annotations/[id]/conflicts/[conflictId]/route";
import * as historyRoute from "./annotations/[id]/history/route";
import * as annotationRoute from "./annotations/[id]/route";
import * as annotationsRoute from "./documents/[slug]/annotations/route";

const paragraph = "The mayor said the council approved the new harbour budget on Tuesday after a long debate.";

let rita: TestPerson;
let ed: TestPerson;
let otto: TestPerson;
let vic: TestPerson;
let slug: string;
let text: string;

const as = (who: TestPerson) => ({ token: who.token });
const at = (words: string) => {
  const start = [...text.slice(0, text.indexOf(words))].length;
  return { start, end: start + [...words].length };
};
const patch = (who: TestPerson, id: string, body: unknown) => call(annotationRoute.PATCH, { id }, { method: "PATCH", body, ...as(who) });
const pick = (who: TestPerson, id: string, conflictId: string, body: unknown) =>
  call(pickRoute.POST, { id, conflictId }, { method: "POST", body, ...as(who) });
const listed = async (id: string) =>
  (await call(annotationsRoute.GET, { slug }, as(vic))).json.annotations.find((claim: { id: string }) => claim.id === id);
const changes = async (id: string) =>
  ((await call(historyRoute.GET, { id }, as(vic))).json.history as HistoryEntry[]).filter((entry): entry is ChangeEntry => entry.kind === "change");

let words = 0;
/** A claim by Rita on words of its own (each test has a fresh one). */
async function newClaim(fields: Record<string, unknown> = {}) {
  const choices = ["The mayor said", "the council approved", "the new harbour budget", "on Tuesday", "after a long debate"];
  const created = await call(
    annotationsRoute.POST,
    { slug },
    { body: { ...at(choices[words++ % choices.length]), tag: "unverified", sameWords: "allow", ...fields }, ...as(rita) },
  );
  expect(created.status).toBe(201);
  return created.json.annotation as { id: string; version: number };
}

/** Rita and Ed both change the note of a claim from version 1: Ed first, then Rita (her save met his as a 409 and is sent again). */
async function sameNoteAtOnce() {
  const claim = await newClaim({ note: "first words" });
  expect((await patch(ed, claim.id, { version: 1, note: "Ed's note" })).status).toBe(200);
  expect((await patch(rita, claim.id, { version: 1, note: "Rita's note" })).status).toBe(409);
  const saved = await patch(rita, claim.id, { version: 2, baseVersion: 1, note: "Rita's note" });
  expect(saved.status).toBe(200);
  return { id: claim.id, saved: saved.json.annotation };
}

beforeAll(async () => {
  [rita, ed, otto, vic] = await Promise.all([
    person("Rita Reviewer", "reviewer"),
    person("Ed Stone", "editor"),
    person("Otto Other", "reviewer"),
    person("Vic Viewer", "viewer"),
  ]);
  const document = await createTestDocument([{ type: "paragraph", text: paragraph }]);
  slug = document.slug;
  text = document.text;
});
afterAll(closeDb);

describe("the same field at once", () => {
  it("keeps the later change and records both versions, with their authors, as an open conflict", async () => {
    const { id, saved } = await sameNoteAtOnce();
    expect(saved.note).toBe("Rita's note");
    expect(saved.conflicts).toEqual([
      {
        id: expect.any(String),
        field: "note",
        values: [
          { value: "Ed's note", by: { id: ed.id, name: "Ed Stone" }, at: expect.any(String) },
          { value: "Rita's note", by: { id: rita.id, name: "Rita Reviewer" }, at: saved.updatedAt },
        ],
      },
    ]);
    // Every reader sees it: the list, the one claim, the editor's list.
    expect((await listed(id)).conflicts).toEqual(saved.conflicts);
    expect((await call(annotationRoute.GET, { id }, as(vic))).json.annotation.conflicts).toEqual(saved.conflicts);
    const editorList = await call(annotationsRoute.GET, { slug }, { ...as(vic), query: "fields=editor" });
    expect(editorList.json.annotations.find((claim: { id: string }) => claim.id === id).conflicts).toEqual(saved.conflicts);
    // Both versions are in the claim's history, the replacing change says so.
    const history = await changes(id);
    expect(history.map((entry) => entry.after.note)).toEqual(["first words", "Ed's note", "Rita's note"]);
    expect(describeChange(history[2])).toBe(
      "Rita Reviewer changed the note to “Rita's note”, replacing Ed Stone's note (both versions are kept until someone picks one)",
    );
  });

  it("records no conflict when the two changed different fields, or the same field to the same value", async () => {
    const claim = await newClaim();
    expect((await patch(ed, claim.id, { version: 1, note: "Ed's note" })).status).toBe(200);
    const merged = await patch(rita, claim.id, { version: 2, baseVersion: 1, claimant: "The mayor" });
    expect(merged.json.annotation).toMatchObject({ note: "Ed's note", claimant: "The mayor", conflicts: [] });
    expect((await patch(ed, claim.id, { version: 3, tag: "denied" })).status).toBe(200);
    const same = await patch(rita, claim.id, { version: 4, baseVersion: 3, tag: "denied", note: "Ed's note" });
    expect(same.json.annotation.conflicts).toEqual([]);
    expect((await listed(claim.id)).conflicts).toEqual([]);
  });

  it("records no conflict over a reviewer's own earlier change, nor without a baseVersion", async () => {
    const claim = await newClaim();
    expect((await patch(rita, claim.id, { version: 1, note: "one" })).status).toBe(200);
    const own = await patch(rita, claim.id, { version: 2, baseVersion: 1, note: "two" });
    expect(own.json.annotation.conflicts).toEqual([]);
    expect((await patch(ed, claim.id, { version: 3, note: "Ed's" })).status).toBe(200);
    const plain = await patch(rita, claim.id, { version: 4, note: "mine" });
    expect(plain.json.annotation.conflicts).toEqual([]);
  });

  it("adds a third version to the field's open conflict", async () => {
    const { id, saved } = await sameNoteAtOnce();
    const third = await patch(ed, id, { version: saved.version, baseVersion: saved.version - 1, note: "Ed's second note" });
    expect(third.status).toBe(200);
    const [conflict] = third.json.annotation.conflicts as ClaimConflict[];
    expect(conflict.id).toBe(saved.conflicts[0].id);
    expect(conflict.values.map((version) => [version.value, version.by.name])).toEqual([
      ["Ed's note", "Ed Stone"],
      ["Rita's note", "Rita Reviewer"],
      ["Ed's second note", "Ed Stone"],
    ]);
  });

  it("closes the conflict when someone picks a version: the field takes it, every reader sees it, history says who picked what", async () => {
    const { id, saved } = await sameNoteAtOnce();
    const [conflict] = saved.conflicts as ClaimConflict[];
    const picked = await pick(ed, id, conflict.id, { version: saved.version, pick: 0 });
    expect(picked.status).toBe(200);
    expect(picked.json.annotation).toMatchObject({ note: "Ed's note", conflicts: [], version: saved.version + 1, updatedBy: "Ed Stone" });
    expect(await listed(id)).toMatchObject({ note: "Ed's note", conflicts: [] });
    const last = (await changes(id)).at(-1)!;
    expect(last).toMatchObject({ action: "conflict_resolved", actor: "Ed Stone", actorId: ed.id });
    expect(describeChange(last)).toBe("Ed Stone kept Ed Stone's version of the note, “Ed's note”");

    // A second pick of the closed conflict says so, and changes nothing.
    const again = await pick(rita, id, conflict.id, { version: saved.version + 1, pick: 1 });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("conflict_resolved");
    expect(again.json.annotation).toMatchObject({ note: "Ed's note" });
    const stale = await pick(rita, id, conflict.id, { version: saved.version, pick: 1 });
    expect(stale.json.error.code).toBe("conflict_resolved");
    expect((await listed(id)).note).toBe("Ed's note");
  });

  it("picking the version the field holds closes the conflict and keeps the value", async () => {
    const { id, saved } = await sameNoteAtOnce();
    const picked = await pick(rita, id, saved.conflicts[0].id, { version: saved.version, pick: 1 });
    expect(picked.status).toBe(200);
    expect(picked.json.annotation).toMatchObject({ note: "Rita's note", conflicts: [] });
  });

  it("refuses a pick on a stale version (409 with the claim), bad input (400), an unknown conflict (404), and stores nothing", async () => {
    const { id, saved } = await sameNoteAtOnce();
    const conflictId = saved.conflicts[0].id;
    const stale = await pick(ed, id, conflictId, { version: saved.version - 1, pick: 0 });
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe("version_conflict");
    expect(stale.json.annotation.version).toBe(saved.version);
    for (const body of [
      { version: saved.version, pick: 2 },
      { version: saved.version, pick: -1 },
      { version: saved.version },
      { pick: 0 },
      { version: saved.version, pick: "Ed's note" },
    ]) {
      const bad = await pick(ed, id, conflictId, body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.json.error.code).toMatch(/^invalid_/);
    }
    expect((await pick(ed, id, crypto.randomUUID(), { version: saved.version, pick: 0 })).status).toBe(404);
    expect((await pick(ed, id, "not-a-uuid", { version: saved.version, pick: 0 })).status).toBe(404);
    expect((await pick(ed, crypto.randomUUID(), conflictId, { version: saved.version, pick: 0 })).status).toBe(404);
    expect(await listed(id)).toMatchObject({ note: "Rita's note", version: saved.version, conflicts: saved.conflicts });
  });

  it("refuses a baseVersion above the version (400)", async () => {
    const claim = await newClaim();
    const bad = await patch(rita, claim.id, { version: 1, baseVersion: 2, note: "x" });
    expect(bad.status).toBe(400);
    expect((await listed(claim.id)).version).toBe(1);
  });

  it("lets anyone who may edit the claim pick: a viewer, and a reviewer on another's claim, are refused (403)", async () => {
    const { id, saved } = await sameNoteAtOnce();
    const conflictId = saved.conflicts[0].id;
    for (const who of [vic, otto]) {
      const refused = await pick(who, id, conflictId, { version: saved.version, pick: 0 });
      expect(refused.status).toBe(403);
      expect(refused.json.error.code).toBe("forbidden");
    }
    expect(await listed(id)).toMatchObject({ note: "Rita's note", conflicts: saved.conflicts });
    // Rita's own claim: she may.
    expect((await pick(rita, id, conflictId, { version: saved.version, pick: 0 })).status).toBe(200);
  });

  it("a pick on a claim someone deleted is refused (409 deleted)", async () => {
    const { id, saved } = await sameNoteAtOnce();
    expect((await call(annotationRoute.DELETE, { id }, { method: "DELETE", ...as(ed) })).status).toBe(204);
    const refused = await pick(rita, id, saved.conflicts[0].id, { version: saved.version + 1, pick: 0 });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe("deleted");
  });
});
