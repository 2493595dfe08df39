import { describe, expect, it } from "vitest";
import { testAnnotation } from "@/test/annotation";
import type { ClaimAction, ClaimState } from "./claim-events";
import type { ChangeEntry } from "./claim-history";
import { describeChange, describeChangeAt, formatChangeTime } from "./history-words";

const claim: ClaimState = {
  ...testAnnotation({
    start: 10,
    end: 19,
    quote: "spy chips",
    tag: "unverified",
    createdBy: "Maya Chen",
    updatedBy: "Maya Chen",
    createdById: "u-maya",
    updatedById: "u-maya",
    createdAt: "2026-12-04T18:00:00.000Z",
    updatedAt: "2026-12-04T18:00:00.000Z",
  }),
  deletedAt: null,
  deletedBy: null,
};

function change(action: ClaimAction, after: Partial<ClaimState>, before: Partial<ClaimState> | null = {}, actor = "Maya Chen"): ChangeEntry {
  return {
    kind: "change",
    id: 1,
    action,
    actor,
    actorId: "u-maya",
    at: "2026-12-04T18:10:00.000Z",
    before: before && { ...claim, ...before },
    after: { ...claim, ...after },
    detail: null,
  };
}

const words = (action: ClaimAction, after: Partial<ClaimState>, before?: Partial<ClaimState> | null) => describeChange(change(action, after, before));

describe("a change in words", () => {
  it("words a comment added, edited or deleted, with its words", () => {
    const comment = {
      id: "c1",
      annotationId: claim.id,
      author: { id: "u-rob", name: "Rob Reviewer" },
      body: "The statistics office says 45 years.",
      mentions: [],
      createdAt: "2026-12-04T18:10:00.000Z",
      updatedAt: "2026-12-04T18:10:00.000Z",
      editedAt: null,
      deletedAt: null,
    };
    expect(describeChange({ ...change("comment_created", { commentCount: 1 }), comment })).toBe(
      "Maya Chen commented “The statistics office says 45 years.”",
    );
    expect(describeChange({ ...change("comment_updated", {}), comment })).toBe(
      "Maya Chen edited a comment to “The statistics office says 45 years.”",
    );
    expect(describeChange({ ...change("comment_deleted", {}, {}, "Ed Stone"), comment })).toBe("Ed Stone deleted a comment by Rob Reviewer");
    // A comment deleted since: the history keeps no words of it.
    const gone = { ...comment, body: "" };
    expect(describeChange({ ...change("comment_created", { commentCount: 1 }), comment: gone })).toBe(
      "Maya Chen commented (a comment deleted since)",
    );
    expect(describeChange({ ...change("comment_updated", {}), comment: gone })).toBe("Maya Chen edited a comment (deleted since)");
  });

  it("says who changed the tag, from what to what, and when, in the reader's time zone", () => {
    const entry = change("updated", { tag: "disputed" });
    expect(describeChangeAt(entry, { locale: "en-GB", timeZone: "Europe/London" }, new Date("2026-12-05T00:00:00Z"))).toBe(
      "Maya Chen changed the tag from unverified to disputed, 4 Dec, 18:10",
    );
    expect(describeChangeAt(entry, { locale: "en-GB", timeZone: "Europe/Paris" }, new Date("2026-12-05T00:00:00Z"))).toBe(
      "Maya Chen changed the tag from unverified to disputed, 4 Dec, 19:10",
    );
  });

  it("words each field of an edit, together when one save changed several", () => {
    expect(words("updated", { claimant: "Andy Jassy" })).toBe("Maya Chen set the claimant to “Andy Jassy”");
    expect(words("updated", { claimant: "Jassy" }, { claimant: "Andy Jassy" })).toBe("Maya Chen changed the claimant from “Andy Jassy” to “Jassy”");
    expect(words("updated", { claimant: "" }, { claimant: "Jassy" })).toBe("Maya Chen removed the claimant “Jassy”");
    expect(words("updated", { note: "No source." })).toBe("Maya Chen added the note “No source.”");
    expect(words("updated", { note: "Two sources." }, { note: "No source." })).toBe("Maya Chen changed the note to “Two sources.”");
    expect(words("updated", { note: "" }, { note: "No source." })).toBe("Maya Chen removed the note");
    expect(words("updated", { evidence: ["https://a.example"] })).toBe("Maya Chen added the evidence link https://a.example");
    expect(words("updated", { evidence: [] }, { evidence: ["https://a.example", "https://b.example"] })).toBe("Maya Chen removed 2 evidence links");
    expect(words("updated", { evidence: ["https://b.example", "https://a.example"] }, { evidence: ["https://a.example", "https://b.example"] })).toBe(
      "Maya Chen reordered the evidence links",
    );
    expect(words("updated", { tag: "denied", note: "See the letter.", claimant: "Apple" })).toBe(
      "Maya Chen changed the tag from unverified to denied, set the claimant to “Apple” and added the note “See the letter.”",
    );
  });

  it("cuts a long note short", () => {
    const note = "word ".repeat(40).trim();
    const said = words("updated", { note });
    expect(said.length).toBeLessThan(note.length);
    expect(said).toMatch(/^Maya Chen added the note “word word .*…”$/);
  });

  it("words every other kind of change", () => {
    expect(words("created", { tag: "disputed" }, null)).toBe("Maya Chen tagged the claim disputed");
    expect(words("imported", { tag: "denied" }, null)).toBe("Maya Chen imported the claim, tagged denied");
    expect(words("deleted", { deletedAt: "2026-12-04T18:10:00.000Z", deletedBy: "Maya Chen" })).toBe("Maya Chen deleted the claim");
    expect(words("restored", {}, { deletedAt: "2026-12-04T18:00:00.000Z" })).toBe("Maya Chen restored the claim");
    expect(words("restored", { status: "orphan" }, { deletedAt: "2026-12-04T18:00:00.000Z" })).toBe(
      "Maya Chen restored the claim, as an orphan to re-attach",
    );
    expect(words("reattached", { quote: "server chips" }, { status: "orphan" })).toBe("Maya Chen re-attached the claim to “server chips”");
    expect(words("verdict_confirmed", {}, { previousQuote: "spy chip" })).toBe(
      "Maya Chen confirmed that the verdict still holds on the changed words",
    );
    expect(words("moved_by_revision", { status: "orphan" })).toBe(
      "Maya Chen published a revision that made the claim an orphan (its words were not found)",
    );
    expect(words("moved_by_revision", { quote: "spy chip", previousQuote: "spy chips" })).toBe(
      "Maya Chen published a revision that changed the claim's words from “spy chips” to “spy chip”",
    );
    expect(words("moved_by_revision", { start: 40, end: 49 })).toBe("Maya Chen published a revision that moved the claim");
  });

  it("words each review step, with its comment and an editor's decision", () => {
    const step = (action: ClaimAction, detail: ChangeEntry["detail"], after: Partial<ClaimState> = {}) =>
      describeChange({ ...change(action, after), detail });
    expect(step("submitted", null, { reviewState: "in_review" })).toBe("Maya Chen submitted the claim for review, tagged unverified");
    expect(step("changes_requested", { comment: "Cite the filing." })).toBe("Maya Chen requested changes: “Cite the filing.”");
    expect(step("approved", { ownClaim: true, settledTag: "denied", comment: "The filing is a denial." }, { tag: "denied" })).toBe(
      "Maya Chen approved the claim (their own claim, as an editor), settling the differing verdicts as denied: “The filing is a denial.”",
    );
    expect(step("reopened", null)).toBe("Maya Chen reopened the approved claim for review");
    expect(step("verdict_given", null)).toBe("Maya Chen gave their own verdict");
    expect(step("verdicts_seen", null)).toBe("Maya Chen read the verdicts");
  });

  it("says when a change took an approved claim back to review", () => {
    expect(words("updated", { note: "More.", reviewState: "in_review" }, { reviewState: "approved" })).toBe(
      "Maya Chen added the note “More.”; the claim went back to review",
    );
  });

  it("marks a change recorded before accounts", () => {
    expect(describeChange({ ...change("deleted", {}), actor: "Rita", actorId: null })).toBe("Rita (before accounts) deleted the claim");
  });
});

describe("the time of a change", () => {
  const now = new Date("2026-12-05T12:00:00Z");
  it("is the day, month and time in the reader's locale, with the year only when it is not this year's", () => {
    expect(formatChangeTime("2026-12-04T18:10:00Z", { locale: "en-GB", timeZone: "UTC" }, now)).toBe("4 Dec, 18:10");
    expect(formatChangeTime("2025-12-04T18:10:00Z", { locale: "en-GB", timeZone: "UTC" }, now)).toBe("4 Dec 2025, 18:10");
    expect(formatChangeTime("2026-12-05T01:04:00Z", { locale: "en-GB", timeZone: "UTC" }, now)).toBe("5 Dec, 01:04");
    // ICU versions differ on the space before "PM" (a narrow no-break space in newer ones).
    expect(formatChangeTime("2026-12-04T18:10:00Z", { locale: "en-US", timeZone: "America/New_York" }, now).replace(/\s/g, " ")).toBe(
      "Dec 4, 1:10 PM",
    );
  });
});
