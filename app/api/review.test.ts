/**
 * The review of a claim through the API: every step from every state by
 * every kind of person (table-driven), second verdicts given blind, an
 * editor settling verdicts that differ, approvals withdrawn by an edit or a
 * revision, and each step in the claim's history.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import type { Annotation } from "@/lib/annotation";
import type { ReviewAction, ReviewState } from "@/lib/review";
import { person } from "@/test/accounts";
import { call, createTestDocument } from "@/test/api-client";
import * as historyRoute from "./annotations/[id]/history/route";
import * as reattachRoute from "./annotations/[id]/reattach/route";
import * as restoreRoute from "./annotations/[id]/restore/route";
import * as reviewRoute from "./annotations/[id]/review/route";
import * as annotationRoute from "./annotations/[id]/route";
import * as verdictsRoute from "./annotations/[id]/verdicts/route";
import * as annotationsRoute from "./documents/[slug]/annotations/route";
import * as documentRoute from "./documents/[slug]/route";
import * as revisionsRoute from "./documents/[slug]/revisions/route";

const text = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima.";
const words = text.replace(".", "").split(" ");

// The people: the claims' author (a reviewer), another reviewer, an editor, a viewer.
const author = "Ada Author";
const other = "Rita Reviewer";
const editor = "Ed Editor";
const viewer = "Vic Viewer";
type Who = "author" | "other reviewer" | "editor" | "viewer" | "editor on own claim";

let slug: string;
let next = 0;

beforeAll(async () => {
  await getDb();
  await Promise.all([person(author, "reviewer"), person(other, "reviewer"), person(editor, "editor"), person(viewer, "viewer")]);
  slug = (await createTestDocument([{ type: "paragraph", text }])).slug;
});
afterAll(closeDb);

/** A new claim on the next word, made by `by`, with `tag`. */
async function newClaim(by = author, tag = "disputed"): Promise<Annotation> {
  const word = words[next++ % words.length];
  const start = text.indexOf(word);
  const created = await call(annotationsRoute.POST, { slug }, { body: { start, end: start + word.length, tag, sameWords: "allow" }, reviewer: by });
  expect(created.status).toBe(201);
  return created.json.annotation;
}

const review = (claim: Pick<Annotation, "id" | "version">, action: ReviewAction, by: string, extra: object = {}) =>
  call(reviewRoute.POST, { id: claim.id }, { body: { version: claim.version, action, ...extra }, reviewer: by });

const giveVerdict = (id: string, by: string, tag: string, note?: string) =>
  call(verdictsRoute.POST, { id }, { body: { tag, ...(note === undefined ? {} : { note }) }, reviewer: by });

async function ok(answer: Promise<{ status: number; json: { annotation: Annotation }; text: string }>): Promise<Annotation> {
  const { status, json, text } = await answer;
  expect(status, text).toBe(200);
  return json.annotation;
}

/** A claim brought to `state` by the usual people, made by `by`. */
async function claimIn(state: ReviewState, by = author): Promise<Annotation> {
  let claim = await newClaim(by);
  if (state === "draft") return claim;
  claim = await ok(review(claim, "submit", by));
  if (state === "in_review") return claim;
  expect((await giveVerdict(claim.id, other, claim.tag)).status).toBe(201);
  return ok(review({ ...claim, version: claim.version + 1 }, "approve", other));
}

describe("review steps, by state and by person", () => {
  // Who may take each step (from its own state): 200, else the status of the refusal.
  const who: Record<Who, string> = { author, "other reviewer": other, editor, viewer, "editor on own claim": editor };
  const allowed: Record<ReviewAction, Record<Who, number>> = {
    submit: { author: 200, "other reviewer": 403, editor: 200, viewer: 403, "editor on own claim": 200 },
    // The other reviewer approves after giving their verdict (below); an editor may without.
    approve: { author: 403, "other reviewer": 200, editor: 200, viewer: 403, "editor on own claim": 200 },
    request_changes: { author: 403, "other reviewer": 200, editor: 200, viewer: 403, "editor on own claim": 200 },
    reopen: { author: 403, "other reviewer": 403, editor: 200, viewer: 403, "editor on own claim": 200 },
  };
  const from: Record<ReviewAction, ReviewState> = { submit: "draft", approve: "in_review", request_changes: "in_review", reopen: "approved" };
  const to: Record<ReviewAction, ReviewState> = { submit: "in_review", approve: "approved", request_changes: "draft", reopen: "in_review" };
  const states: ReviewState[] = ["draft", "in_review", "approved"];

  for (const action of Object.keys(allowed) as ReviewAction[]) {
    for (const [whoName, status] of Object.entries(allowed[action]) as [Who, number][]) {
      it(`${action} by the ${whoName}: ${status}`, async () => {
        const madeBy = whoName === "editor on own claim" ? editor : author;
        let claim = await claimIn(from[action], madeBy);
        if (action === "approve" && whoName === "other reviewer") {
          expect((await giveVerdict(claim.id, other, claim.tag)).status).toBe(201);
          claim = { ...claim, version: claim.version + 1 };
        }
        const answer = await review(claim, action, who[whoName]);
        expect(answer.status, answer.text).toBe(status);
        if (status === 200) {
          expect(answer.json.annotation.reviewState).toBe(to[action]);
          expect(answer.json.annotation.version).toBe(claim.version + 1);
        } else {
          expect(answer.json.error.code).toBe("forbidden");
          expect(answer.json.error.message).toMatch(/cannot/);
        }
      });
    }
    for (const state of states.filter((state) => state !== from[action])) {
      it(`${action} from ${state}: 409 naming the state, nothing changed`, async () => {
        const claim = await claimIn(state);
        const answer = await review(claim, action, editor, action === "approve" ? { comment: "because" } : {});
        expect(answer.status).toBe(409);
        expect(answer.json.error.code).toBe("review_state");
        expect(answer.json.error.message).toContain(`The claim is ${state.replace("_", " ")}`);
        const now = await call(annotationRoute.GET, { id: claim.id });
        expect(now.json.annotation).toMatchObject({ reviewState: state, version: claim.version });
      });
    }
  }

  it("answers a stale version with the project's 409 and the claim as it is", async () => {
    const claim = await newClaim();
    const answer = await review({ ...claim, version: claim.version + 5 }, "submit", author);
    expect(answer.status).toBe(409);
    expect(answer.json.error.code).toBe("version_conflict");
    expect(answer.json.annotation).toMatchObject({ id: claim.id, reviewState: "draft" });
  });

  it("refuses bad bodies with 400 and changes nothing", async () => {
    const claim = await newClaim();
    for (const body of [
      {},
      { version: claim.version },
      { version: claim.version, action: "publish" },
      { version: claim.version, action: "submit", tag: "denied" },
      { version: claim.version, action: "submit", extra: 1 },
      { version: claim.version, action: "submit", comment: 5 },
    ]) {
      const answer = await call(reviewRoute.POST, { id: claim.id }, { body, reviewer: author });
      expect(answer.status, JSON.stringify(body)).toBe(400);
    }
    expect((await call(annotationRoute.GET, { id: claim.id })).json.annotation.version).toBe(claim.version);
  });

  it("records who approved and when, and clears it when the claim leaves approved", async () => {
    const approved = await claimIn("approved");
    const { id: otherId } = await person(other);
    expect(approved).toMatchObject({ reviewState: "approved", approvedBy: other, approvedById: otherId });
    expect(Date.parse(approved.approvedAt!)).toBeGreaterThan(Date.now() - 60_000);
    const reopened = await ok(review(approved, "reopen", editor, { comment: "A reader wrote in." }));
    expect(reopened).toMatchObject({ reviewState: "in_review", approvedBy: null, approvedById: null, approvedAt: null });
  });
});

describe("second verdicts", () => {
  it("are given blind: the verdicts are hidden from a reviewer until they give theirs, and each gives one", async () => {
    const claim = await claimIn("in_review");
    const hidden = await call(verdictsRoute.GET, { id: claim.id }, { reviewer: other });
    expect(hidden.status).toBe(403);
    expect(hidden.json.error.message).toMatch(/Give your own verdict/);
    // Its author, editors and viewers may read them.
    for (const who of [author, editor, viewer]) expect((await call(verdictsRoute.GET, { id: claim.id }, { reviewer: who })).status).toBe(200);

    const given = await giveVerdict(claim.id, other, "denied", "The filing says otherwise.");
    expect(given.status).toBe(201);
    expect(given.json.verdict).toMatchObject({ kind: "second", tag: "denied", note: "The filing says otherwise.", by: other });
    expect(given.json.annotation).toMatchObject({ verdictCount: 2, verdictsDiffer: true });
    const again = await giveVerdict(claim.id, other, "disputed");
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("verdict_given");

    const listed = await call(verdictsRoute.GET, { id: claim.id }, { reviewer: other });
    expect(listed.status).toBe(200);
    expect(listed.json.verdicts.map((verdict: { kind: string; tag: string; by: string }) => [verdict.kind, verdict.tag, verdict.by])).toEqual([
      ["first", "disputed", author],
      ["second", "denied", other],
    ]);
  });

  it("are refused to the author (their tag is their verdict), to viewers, and outside review", async () => {
    const claim = await claimIn("in_review");
    const own = await giveVerdict(claim.id, author, "denied");
    expect(own.status).toBe(403);
    expect(own.json.error.message).toMatch(/their verdict/);
    expect((await giveVerdict(claim.id, viewer, "denied")).status).toBe(403);
    const draft = await newClaim();
    const early = await giveVerdict(draft.id, other, "denied");
    expect(early.status).toBe(409);
    expect(early.json.error).toMatchObject({ code: "review_state", message: expect.stringContaining("draft") });
    expect((await giveVerdict(claim.id, other, "nonsense")).status).toBe(400);
  });

  it("let a reviewer approve in one step when they agree, never before giving theirs, never when they differ", async () => {
    const claim = await claimIn("in_review");
    const early = await review(claim, "approve", other);
    expect(early.status).toBe(409);
    expect(early.json.error.code).toBe("verdict_needed");
    expect((await giveVerdict(claim.id, other, "denied")).status).toBe(201);
    const differ = await review({ ...claim, version: claim.version + 1 }, "approve", other);
    expect(differ.status).toBe(409);
    expect(differ.json.error.code).toBe("verdicts_differ");
  });

  it("approve only a tag the verdicts gave: a claim its author retagged after submitting needs an editor and a reason", async () => {
    const claim = await claimIn("in_review");
    expect((await giveVerdict(claim.id, other, claim.tag)).status).toBe(201);
    const retagged = await call(
      annotationRoute.PATCH,
      { id: claim.id },
      { method: "PATCH", body: { version: claim.version + 1, tag: "unverified" }, reviewer: author },
    );
    expect(retagged.status, retagged.text).toBe(200);
    const current = retagged.json.annotation as Annotation;
    expect(current).toMatchObject({ reviewState: "in_review", verdictsDiffer: false });
    const refused = await review(current, "approve", other);
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({
      code: "verdicts_differ",
      message: "The claim is tagged unverified now, and the verdicts say disputed: an editor decides its final tag.",
    });
    expect((await review(current, "approve", editor)).json.error.code).toBe("comment_required");
    const settled = await ok(review(current, "approve", editor, { comment: "The minister's own figures leave it open." }));
    expect(settled).toMatchObject({ reviewState: "approved", tag: "unverified" });
  });

  it("need an editor's final tag and reason when they differ", async () => {
    const claim = await claimIn("in_review");
    expect((await giveVerdict(claim.id, other, "denied")).status).toBe(201);
    const current = { ...claim, version: claim.version + 1 };
    const silent = await review(current, "approve", editor, { tag: "denied" });
    expect(silent.status).toBe(400);
    expect(silent.json.error.code).toBe("comment_required");
    const settled = await ok(review(current, "approve", editor, { tag: "denied", comment: "The company's filing is a denial." }));
    expect(settled).toMatchObject({ reviewState: "approved", tag: "denied", approvedBy: editor });

    const history = (await call(historyRoute.GET, { id: claim.id })).json.history.filter((entry: { kind: string }) => entry.kind === "change");
    expect(history.map((entry: { action: string; actor: string }) => [entry.action, entry.actor])).toEqual([
      ["created", author],
      ["submitted", author],
      ["verdict_given", other],
      ["approved", editor],
    ]);
    expect(history.at(-1).detail).toEqual({ comment: "The company's filing is a denial.", settledTag: "denied" });
    // The verdict event names no tag: the history is open to reviewers who have not given theirs.
    expect(history[2].detail).toBeNull();
  });

  it("records in the history who read the verdicts, once, and before or after giving theirs", async () => {
    const claim = await claimIn("in_review");
    await call(verdictsRoute.GET, { id: claim.id }, { reviewer: editor });
    await call(verdictsRoute.GET, { id: claim.id }, { reviewer: editor });
    expect((await giveVerdict(claim.id, other, "disputed")).status).toBe(201);
    await call(verdictsRoute.GET, { id: claim.id }, { reviewer: other });
    const history = (await call(historyRoute.GET, { id: claim.id })).json.history.filter((entry: { kind: string }) => entry.kind === "change");
    expect(history.map((entry: { action: string; actor: string }) => [entry.action, entry.actor])).toEqual([
      ["created", author],
      ["submitted", author],
      ["verdicts_seen", editor],
      ["verdict_given", other],
      ["verdicts_seen", other],
    ]);
  });
});

describe("an approval holds for the version approved", () => {
  it("is withdrawn when the tag, note, claimant or evidence changes, and the verdicts stay", async () => {
    for (const change of [{ tag: "unverified" }, { note: "more" }, { claimant: "The mayor" }, { evidence: ["https://example.org/a"] }]) {
      const approved = await claimIn("approved");
      const edited = await call(
        annotationRoute.PATCH,
        { id: approved.id },
        { method: "PATCH", body: { version: approved.version, ...change }, reviewer: author },
      );
      expect(edited.status).toBe(200);
      expect(edited.json.annotation).toMatchObject({ reviewState: "in_review", approvedBy: null, approvedAt: null, verdictCount: 2 });
    }
  });

  it("holds through a change to nothing, and through a revision that leaves its words", async () => {
    const approved = await claimIn("approved");
    const same = await call(
      annotationRoute.PATCH,
      { id: approved.id },
      { method: "PATCH", body: { version: approved.version, tag: approved.tag }, reviewer: author },
    );
    expect(same.json.annotation.reviewState).toBe("approved");
  });

  it("is withdrawn when a claim deleted before a revision comes back an orphan, and kept when it comes back in place", async () => {
    const before = "Alpha words stay here. Bravo words go away.";
    const document = await createTestDocument([{ type: "paragraph", text: before }]);
    const approved: Annotation[] = [];
    for (const words of ["Alpha words stay here", "Bravo words go away"]) {
      const start = before.indexOf(words);
      const made = await call(
        annotationsRoute.POST,
        { slug: document.slug },
        { body: { start, end: start + words.length, tag: "denied" }, reviewer: author },
      );
      const claim = await ok(review(made.json.annotation, "submit", author));
      approved.push(await ok(review(claim, "approve", editor)));
    }
    expect((await call(annotationRoute.DELETE, { id: approved[1].id }, { method: "DELETE", reviewer: author })).status).toBe(204);
    const deletedNow = await call(annotationRoute.DELETE, { id: approved[0].id }, { method: "DELETE", reviewer: author });
    expect(deletedNow.status).toBe(204);
    // The first comes back before any revision: in place, still approved.
    expect(await ok(call(restoreRoute.POST, { id: approved[0].id }, { reviewer: author }))).toMatchObject({ reviewState: "approved" });
    const published = await call(
      revisionsRoute.POST,
      { slug: document.slug },
      { body: { text: "Alpha words stay here. Something else." }, reviewer: editor },
    );
    expect(published.status, published.text).toBe(201);
    const back = await ok(call(restoreRoute.POST, { id: approved[1].id }, { reviewer: author }));
    expect(back).toMatchObject({ status: "orphan", reviewState: "in_review", approvedBy: null, approvedAt: null });
  });

  it("is withdrawn by a revision that changes its words or orphans it, not by one that moves them", async () => {
    const before = "The council approved the new harbour budget on Tuesday. Budget grew. The mayor resigned after a long debate in the hall.";
    const document = await createTestDocument([{ type: "paragraph", text: before }]);
    const claims: Record<string, Annotation> = {};
    for (const words of ["council approved the new harbour budget on Tuesday", "The mayor resigned", "Budget grew"]) {
      const start = before.indexOf(words);
      const created = await call(
        annotationsRoute.POST,
        { slug: document.slug },
        { body: { start, end: start + words.length, tag: "disputed" }, reviewer: author },
      );
      let claim = await ok(review(created.json.annotation, "submit", author));
      expect((await giveVerdict(claim.id, other, "disputed")).status).toBe(201);
      claim = await ok(review({ ...claim, version: claim.version + 1 }, "approve", other));
      claims[words] = claim;
    }
    const published = await call(
      revisionsRoute.POST,
      { slug: document.slug },
      {
        body: {
          text: "The council approved the new harbour budget on Wednesday. Something else. The mayor resigned after a long debate in the hall.",
        },
        reviewer: editor,
      },
    );
    expect(published.status, published.text).toBe(201);
    const now = async (id: string) => (await call(annotationRoute.GET, { id })).json.annotation as Annotation;
    expect(await now(claims["council approved the new harbour budget on Tuesday"].id)).toMatchObject({
      quote: "council approved the new harbour budget on Wednesday",
      status: "anchored",
      reviewState: "in_review",
      approvedAt: null,
    });
    expect(await now(claims["The mayor resigned"].id)).toMatchObject({ status: "anchored", reviewState: "approved" });
    expect(await now(claims["Budget grew"].id)).toMatchObject({ status: "orphan", reviewState: "in_review" });

    // An orphan is not approved until it is on words again; re-attached, it waits for an approval of those words.
    const orphan = await now(claims["Budget grew"].id);
    const early = await review(orphan, "approve", editor);
    expect(early.status).toBe(409);
    expect(early.json.error.code).toBe("review_state");
    const latest: string = (await call(documentRoute.GET, { slug: document.slug })).json.document.text;
    const start = [...latest.slice(0, latest.indexOf("Something else"))].length;
    const reattached = await call(
      reattachRoute.POST,
      { id: orphan.id },
      { body: { version: orphan.version, start, end: start + "Something else".length }, reviewer: editor },
    );
    expect(reattached.status, reattached.text).toBe(200);
    expect(reattached.json.annotation).toMatchObject({ quote: "Something else", status: "anchored", reviewState: "in_review" });
    expect(await ok(review(reattached.json.annotation, "approve", editor))).toMatchObject({ reviewState: "approved" });
  });
});
