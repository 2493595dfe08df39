/**
 * Who a change is recorded as: the name shown (exports, history, "Tagged
 * by") and the user's id. A signed-in person (`Actor`) is one; the system
 * (articles loaded from `content/`) and anything recorded before accounts
 * have no user: `id` null.
 */
export interface Author {
  id: string | null;
  name: string;
}

/** The system's author: content loaded at start-up (shown as "Published by: loaded with the app"). */
export const contentLoader: Author = { id: null, name: "loaded with the app" };

/** An author with no user (the system, a script or test writing through `db/queries`). */
export const authorNamed = (name: string): Author => ({ id: null, name });
