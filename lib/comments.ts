/**
 * A claim's discussion: comments in a thread under it, as the HTTP API
 * gives them out (`GET /api/annotations/{id}/comments`), and the shape a
 * `comment_*` claim event records. Plain data, for server and browser alike.
 */

import type { Provenance } from "./provenance";

/** Someone of the newsroom, as a comment names them: its author, or a person it mentions. */
export interface PersonRef {
  /** Null for an author recorded with no user (a comment imported from another tool). */
  id: string | null;
  name: string;
}

export interface Comment {
  id: string;
  annotationId: string;
  author: PersonRef;
  body: string;
  /** The people the body names with `@name` (lib/mentions.ts), as they were when it was written. */
  mentions: { id: string; name: string }[];
  createdAt: string;
  updatedAt: string;
  /** When its author last changed its words; null when never (the "edited" marker). */
  editedAt: string | null;
  /** Present on a comment imported from another tool: who wrote it there, where, when (lib/provenance.ts). */
  provenance?: Provenance;
}

/** A comment as a claim event records it: deleted ones too. */
export interface CommentState extends Comment {
  deletedAt: string | null;
}

/** Where a claim's thread is listed (GET) and added to (POST). */
export const claimCommentsUrl = (claimId: string) => `/api/annotations/${encodeURIComponent(claimId)}/comments`;

/** Where one comment is edited (PATCH) or deleted (DELETE). */
export const commentUrl = (id: string) => `/api/comments/${encodeURIComponent(id)}`;

/** Where the people one may mention are listed. */
export const peopleUrl = "/api/people";
