import { describe, expect, it } from "vitest";
import type { Tag } from "@/lib/tags";
import { reviewOffers } from "./review-offers";

const author = { id: "a", role: "reviewer" as const };
const reviewer = { id: "b", role: "reviewer" as const };
const editor = { id: "e", role: "editor" as const };
const viewer = { id: "v", role: "viewer" as const };
const claim = (reviewState: "draft" | "in_review" | "approved", tag: Tag = "disputed") => ({ id: "c", tag, reviewState, createdById: "a" });
/** The verdicts read, by their tags. */
const shown = (...tags: Tag[]) => ({ kind: "shown" as const, tags });

describe("reviewOffers", () => {
  it("offers the author of a draft to submit it, and an editor any draft, not another reviewer", () => {
    expect(reviewOffers(author, claim("draft"), shown("disputed")).submit).toBe(true);
    expect(reviewOffers(reviewer, claim("draft"), shown("disputed")).submit).toBe(false);
    expect(reviewOffers(editor, claim("draft"), shown("disputed")).submit).toBe(true);
  });

  it("keeps a second reviewer blind until their verdict is given, and offers them the verdict form", () => {
    expect(reviewOffers(reviewer, claim("in_review"), { kind: "hidden" })).toMatchObject({ blind: true, giveVerdict: true, approve: false });
    // Hidden while the verdicts are read, so that the first tag never flashes by.
    expect(reviewOffers(reviewer, claim("in_review"), { kind: "loading" })).toMatchObject({ blind: true, giveVerdict: false });
  });

  it("never hides the claim from its author, an editor or a viewer", () => {
    expect(reviewOffers(editor, claim("in_review"), { kind: "loading" }).blind).toBe(false);
    expect(reviewOffers(author, claim("in_review"), { kind: "loading" }).blind).toBe(false);
    expect(reviewOffers(viewer, claim("in_review"), { kind: "loading" }).blind).toBe(false);
  });

  it("approves in one click when the verdicts agree", () => {
    expect(reviewOffers(reviewer, claim("in_review"), shown("disputed"))).toMatchObject({
      blind: false,
      approve: true,
      settle: false,
      requestChanges: true,
    });
  });

  it("leaves differing verdicts to an editor, who settles them", () => {
    expect(reviewOffers(reviewer, claim("in_review"), shown("disputed", "denied"))).toMatchObject({
      approve: false,
      settle: false,
      awaitEditor: true,
    });
    expect(reviewOffers(editor, claim("in_review"), shown("disputed", "denied"))).toMatchObject({ approve: false, settle: true, awaitEditor: false });
  });

  it("leaves to an editor a claim retagged after verdicts that agree: no verdict gave its tag", () => {
    const retagged = claim("in_review", "denied");
    expect(reviewOffers(reviewer, retagged, shown("disputed", "disputed"))).toMatchObject({
      approve: false,
      settle: false,
      awaitEditor: true,
      editorDecides: "tag_changed",
    });
    expect(reviewOffers(editor, retagged, shown("disputed", "disputed"))).toMatchObject({
      approve: false,
      settle: true,
      editorDecides: "tag_changed",
    });
    expect(reviewOffers(editor, claim("in_review", "disputed"), shown("disputed", "disputed"))).toMatchObject({ approve: true, editorDecides: null });
  });

  it("lets only an editor approve their own claim, and reopen an approved one", () => {
    expect(reviewOffers(author, claim("in_review"), shown("disputed")).approve).toBe(false);
    expect(reviewOffers({ id: "a", role: "editor" }, claim("in_review"), shown("disputed")).approve).toBe(true);
    expect(reviewOffers(reviewer, claim("approved"), shown("disputed")).reopen).toBe(false);
    expect(reviewOffers(editor, claim("approved"), shown("disputed")).reopen).toBe(true);
  });

  it("offers a viewer nothing", () => {
    expect(Object.values(reviewOffers(viewer, claim("in_review"), shown("disputed"))).some(Boolean)).toBe(false);
  });
});
