/**
 * The cookie that carries the reviewer's name: written in the browser
 * (components/reviewer-cookie.ts), read on the server (server/actor.ts).
 */
export const reviewerCookie = "reviewer";
