/**
 * Telling a database that cannot be reached from one that refused a request.
 * postgres.js reports a lost or refused connection with Node's socket codes
 * (`ECONNREFUSED`, `ECONNRESET`…) or its own (`CONNECT_TIMEOUT`,
 * `CONNECTION_CLOSED`…), and PostgreSQL with SQLSTATEs: class 08 (connection
 * exception), 57P01–57P03 (shut down, crashed, starting), 53300 (too many
 * connections), 57014 (a statement cut by `statement_timeout`). Drizzle wraps
 * the driver's error in its own, with the driver's as `cause`.
 */

/** Seconds a client should wait before trying again, sent as `Retry-After`. */
export const retryAfterSeconds = 5;

/** The message users and clients see while the database is away. */
export const databaseUnavailableMessage = "The database cannot be reached; your changes are kept and will be saved. Try again in a few seconds.";

const socketCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "EHOSTDOWN",
  "ENETUNREACH",
  "ENETDOWN",
  "ENOTFOUND",
  "EAI_AGAIN",
]);
const driverCodes = new Set(["CONNECT_TIMEOUT", "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED"]);
const sqlStates = new Set(["57P01", "57P02", "57P03", "53300", "57014"]);

/**
 * The error, or one of its causes, that says the database cannot be reached
 * (or did not answer in time); null when the error is something else.
 */
export function databaseUnavailableCause(error: unknown): { code: string; message: string } | null {
  const seen = new Set<unknown>();
  const pending = [error];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item !== "object" || item === null || seen.has(item)) continue;
    seen.add(item);
    const { code, message, cause, errors } = item as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === "string" && (socketCodes.has(code) || driverCodes.has(code) || sqlStates.has(code) || /^08[0-9A-Z]{3}$/.test(code))) {
      return { code, message: typeof message === "string" ? message : "" };
    }
    pending.push(cause);
    // Node reports a refused connection to a name with several addresses as an AggregateError.
    if (Array.isArray(errors)) pending.push(...errors);
  }
  return null;
}
