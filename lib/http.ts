/**
 * The edge of the HTTP API, on web-standard Request and Response only: one
 * error shape, `{ "error": { "code", "message" } }`, and body reading that
 * refuses what it should not store before anything reaches the data layer.
 */
import type { z } from "zod";
import { describeIssues, hasLoneSurrogate } from "./validation";
import { type ErrorCode, errorCode } from "./error-codes";
import { databaseUnavailableCause, databaseUnavailableMessage, retryAfterSeconds } from "./database-unavailable";

/** An error meant for the client: thrown anywhere in a handler, answered by `handle`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function errorResponse(error: HttpError): Response {
  return Response.json({ error: { code: error.code, message: error.message }, ...error.extra }, { status: error.status });
}

/**
 * Wraps a route handler: an HttpError becomes its JSON answer; a database
 * that cannot be reached a `503 database_unavailable` with `Retry-After`
 * (its cause logged); anything else is logged and answered as a bare 500
 * that reveals nothing of its cause.
 */
export function handle<Args extends unknown[]>(handler: (...args: Args) => Promise<Response>) {
  return async (...args: Args): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (error) {
      if (error instanceof HttpError) return errorResponse(error);
      const unavailable = databaseUnavailableCause(error);
      if (unavailable) {
        console.error(`database unavailable: ${unavailable.code} ${unavailable.message}`);
        return databaseUnavailableResponse();
      }
      console.error(error);
      return errorResponse(new HttpError(500, errorCode.internalError, "Something went wrong on the server."));
    }
  };
}

/** The answer to a request that needs the database while it cannot be reached. */
export function databaseUnavailableResponse(): Response {
  return Response.json(
    { error: { code: errorCode.databaseUnavailable, message: databaseUnavailableMessage } },
    { status: 503, headers: { "retry-after": String(retryAfterSeconds) } },
  );
}

/**
 * Whether an `If-None-Match` header names `tag` (or is `*`), compared weakly
 * as RFC 9110 has it for GET: \`W/\` prefixes aside, the quoted values equal.
 */
export function entityTagMatches(ifNoneMatch: string | null, tag: string): boolean {
  if (ifNoneMatch === null) return false;
  if (ifNoneMatch.trim() === "*") return true;
  const opaque = (value: string) => value.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((candidate) => opaque(candidate) === opaque(tag));
}

/**
 * Reads, size-checks and validates a JSON body. Text in it must be valid
 * Unicode (see `unpairedSurrogate`) unless `wellFormed` is false: an import
 * keeps other tools' fields it never stores (Hypothesis cuts a quote's
 * context in UTF-16 units, which can halve an emoji), and checks the ones it
 * stores itself.
 */
export async function readJson<T>(request: Request, schema: z.ZodType<T>, maxBytes: number, { wellFormed = true } = {}): Promise<T> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type)) {
    throw new HttpError(415, errorCode.unsupportedMediaType, "Send the body as application/json.");
  }
  const declared = Number(request.headers.get("content-length"));
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const text = await readTextUpTo(request, maxBytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError(400, errorCode.malformedJson, "The body is not valid JSON.");
  }
  const broken = wellFormed ? unpairedSurrogate(text, value) : null;
  if (broken !== null) {
    throw new HttpError(
      400,
      errorCode.invalidText,
      `${broken ? `${broken}: ` : ""}text must be valid Unicode: it has half of a surrogate pair (a \\uD800–\\uDFFF escape without its other half).`,
    );
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    // A value over its size limit (`params: { tooLarge: true }` on the schema) is a 413, as a body over the limit is.
    const tooBig = parsed.error.issues.some((issue) => issue.code === "custom" && issue.params?.tooLarge === true);
    throw new HttpError(tooBig ? 413 : 400, tooBig ? errorCode.bodyTooLarge : errorCode.invalidBody, describeIssues(parsed.error));
  }
  return parsed.data;
}

async function readTextUpTo(request: Request, maxBytes: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new HttpError(400, errorCode.malformedJson, "The body is not valid UTF-8.");
  }
}

/**
 * Where a JSON value holds a string (or key) with half of a UTF-16 surrogate
 * pair: as a path like `evidence.0` ("" for the value itself), or null when
 * there is none. PostgreSQL refuses such text in jsonb and replaces it in
 * text columns, so what was stored would not be what was sent. Read as UTF-8
 * (which cannot encode a surrogate), JSON can only hold one through a
 * `\uD800`-style escape: without one in the text, nothing is walked.
 */
function unpairedSurrogate(text: string, value: unknown): string | null {
  if (!surrogateEscape.test(text)) return null;
  // Depth first, in the text's order, with a stack: a body may nest deeper
  // than the call stack goes. Numbers and the like are not pushed, and a
  // path is only spelled out for what is found.
  interface Frame {
    value: unknown;
    key: string;
    parent: Frame | null;
  }
  const pathOf = (frame: Frame) => {
    const keys: string[] = [];
    for (let at: Frame | null = frame; at?.parent; at = at.parent) keys.push(at.key);
    return keys.reverse().join(".");
  };
  const stack: Frame[] = [{ value, key: "", parent: null }];
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    if (hasLoneSurrogate(frame.key) || (typeof frame.value === "string" && hasLoneSurrogate(frame.value))) return pathOf(frame);
    const item = frame.value;
    if (typeof item !== "object" || item === null) continue;
    const isArray = Array.isArray(item);
    const keys = isArray ? null : Object.keys(item);
    const size = keys ? keys.length : (item as unknown[]).length;
    for (let i = size - 1; i >= 0; i--) {
      const key = keys ? keys[i] : String(i);
      const child = (item as Record<string, unknown>)[key];
      if (keys || typeof child === "string" || (typeof child === "object" && child !== null)) stack.push({ value: child, key, parent: frame });
    }
  }
  return null;
}

/** A `\u` escape of a surrogate (D800–DFFF) in JSON text, not an escaped backslash followed by "u". */
const surrogateEscape = /(?<!\\)(?:\\\\)*\\u[dD][89a-fA-F]/;

function tooLarge(maxBytes: number) {
  return new HttpError(413, errorCode.bodyTooLarge, `The body is over ${Math.round(maxBytes / 1024)} KiB.`);
}

/** The value of one cookie of the request, or undefined. */
export function readCookie(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function notFound(what: string): HttpError {
  return new HttpError(404, errorCode.notFound, `${what} was not found.`);
}

const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof methods)[number];
type Handler = () => Promise<Response>;

/**
 * Handlers for the methods a route does not take, answering 405 with `Allow`
 * and the API's error body (Next's own 405 has none), and an OPTIONS that
 * names only the methods taken. A route exports the ones it lacks:
 * `export const { PUT, DELETE, OPTIONS } = otherMethods("GET", "POST")`.
 */
export function otherMethods(...allowed: Method[]): Record<Method | "OPTIONS", Handler> {
  const allow = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const refuse = async () =>
    Response.json(
      { error: { code: errorCode.methodNotAllowed, message: `This address takes ${allowed.join(" or ")}.` } },
      { status: 405, headers: { allow } },
    );
  const options = async () => new Response(null, { status: 204, headers: { allow } });
  return { ...(Object.fromEntries(methods.map((method) => [method, refuse])) as Record<Method, Handler>), OPTIONS: options };
}
