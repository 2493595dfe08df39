import { describe, expect, it } from "vitest";
import type { ClaimState } from "@/lib/claim-events";
import type { CommentState } from "@/lib/comments";
import type { ClaimEventData } from "@/lib/live-events";
import { CommentFeed } from "./comment-feed";

const event = (claimId: string, commentCount: number, body: string): ClaimEventData => ({
  action: "comment_created",
  annotation: { id: claimId, commentCount } as ClaimState,
  actor: "Rob",
  actorId: "rob",
  at: "2026-12-05T03:00:00.000Z",
  detail: null,
  comment: { id: `c-${body}`, annotationId: claimId, body } as CommentState,
});

describe("CommentFeed", () => {
  it("keeps each claim's count as the feed says, as a new map only when it changes", () => {
    const feed = new CommentFeed([
      { id: "a", commentCount: 2 },
      { id: "b", commentCount: 0 },
    ]);
    const first = feed.getCounts();
    let notified = 0;
    feed.subscribe(() => notified++);
    feed.receive(event("a", 2, "same"));
    expect(feed.getCounts()).toBe(first);
    feed.receive(event("b", 1, "new"));
    expect(feed.getCounts()).not.toBe(first);
    expect([feed.getCounts().get("a"), feed.getCounts().get("b"), notified]).toEqual([2, 1, 1]);
  });

  it("hands a claim's comment events to those following its thread, until they stop", () => {
    const feed = new CommentFeed([]);
    const seen: string[] = [];
    const stop = feed.follow("a", (data) => seen.push(data.comment!.body));
    feed.receive(event("a", 1, "one"));
    feed.receive(event("b", 1, "elsewhere"));
    stop();
    feed.receive(event("a", 2, "two"));
    expect(seen).toEqual(["one"]);
  });
});
