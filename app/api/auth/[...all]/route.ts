import { z } from "zod";
import { clientAddress } from "@/lib/client-address";
import { errorCode } from "@/lib/error-codes";
import { handle, HttpError } from "@/lib/http";
import { firstAccountOnly, getAuth, hasAccounts } from "@/server/auth";
import { beginSignIn, endSignIn } from "@/server/sign-in-limit";

/**
 * better-auth's routes (`/api/auth/sign-up/email`, `/sign-in/email`,
 * `/sign-out`, `/get-session`, …). A sign-in first passes the limit on
 * failures (server/sign-in-limit.ts); its errors keep better-auth's shape,
 * `{ code, message }`, inside the app's `{ error }`.
 */
/**
 * The routes of better-auth the app uses; the others (changing one's own
 * name or email, deleting one's account, linking accounts, …) are not the
 * app's and answer `404`: names are what claims and history record, and an
 * admin manages people.
 */
const offered = {
  GET: [/^get-session$/, /^callback\/[^/]+$/, /^error$/],
  POST: [/^sign-up\/email$/, /^sign-in\/email$/, /^sign-in\/social$/, /^sign-out$/, /^callback\/[^/]+$/],
};

function refuseUnoffered(request: Request, method: keyof typeof offered): void {
  const path = new URL(request.url).pathname.replace(/^\/api\/auth\/?/, "");
  if (!offered[method].some((route) => route.test(path))) throw new HttpError(404, errorCode.notFound, "There is no such sign-in route.");
}

export const GET = handle(async (request: Request) => {
  refuseUnoffered(request, "GET");
  return answer(await (await getAuth(request)).handler(request));
});

export const POST = handle(async (request: Request) => {
  refuseUnoffered(request, "POST");
  const fields = await readFields(request.clone());
  const unsafe = unsafeUrlField(fields);
  if (unsafe) throw new HttpError(400, errorCode.invalidBody, `${unsafe}: must be a URL of printable ASCII characters (percent-encode the others).`);
  const auth = await getAuth(request);
  const path = new URL(request.url).pathname;
  if (path.endsWith("/sign-in/email")) return signIn(request, auth.handler, emailOf(fields));
  // Only the first account signs up, and the refusal is the same whether the email has an account or not.
  if (path.endsWith("/sign-up/email") && (await hasAccounts())) throw new HttpError(403, errorCode.forbidden, firstAccountOnly);
  return answer(await auth.handler(request));
});

async function signIn(request: Request, handler: (request: Request) => Promise<Response>, email: string | null): Promise<Response> {
  if (email === null) return answer(await handler(request));
  const address = clientAddress(request.headers);
  const started = await beginSignIn(email, address);
  if ("wait" in started) {
    const minutes = Math.ceil(started.wait / 60);
    const message = `Too many failed sign-ins: try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
    return Response.json({ error: { code: errorCode.tooManyAttempts, message } }, { status: 429, headers: { "retry-after": String(started.wait) } });
  }
  let response: Response | undefined;
  try {
    response = await handler(request);
    return answer(response);
  } finally {
    // Only a refused password (401) stays a failure; a success, or an answer that never came, is none.
    await endSignIn(started.attempt, { failed: response?.status === 401, email, address });
  }
}

/**
 * The email a sign-in names, lower-cased, or null when the body names none
 * that is an email address (better-auth refuses it `400`, and no query is
 * made with what a database cannot hold, such as NUL).
 */
function emailOf(fields: Record<string, unknown> | null): string | null {
  const email = z.string().trim().pipe(z.email().max(254)).safeParse(fields?.email);
  return email.success ? email.data.toLowerCase() : null;
}

/**
 * The body's fields as better-auth reads them (better-call's `getBody`):
 * JSON, or a form, URL-encoded or multipart; null for any other body. A
 * sign-in sent as a form must be counted like one sent as JSON.
 */
async function readFields(request: Request): Promise<Record<string, unknown> | null> {
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  try {
    if (/^application\/([a-z0-9.+-]*\+)?json/.test(type)) {
      const body: unknown = await request.json();
      return body && typeof body === "object" ? (body as Record<string, unknown>) : null;
    }
    if (type.includes("application/x-www-form-urlencoded") || type.includes("multipart/form-data")) {
      return Object.fromEntries(await request.formData());
    }
  } catch {
    // Malformed: better-auth refuses it.
  }
  return null;
}

/** The body fields better-auth sends back as a `Location` or redirect URL. */
const urlFields = ["callbackURL", "errorCallbackURL", "newUserCallbackURL", "redirectTo"];

/**
 * The first of `urlFields` holding anything but printable ASCII (a control
 * character such as NUL, CR or LF, or a letter outside ASCII), or null:
 * better-auth puts it in a header as it is, where such a value throws (a
 * 500, found by the fuzz test). A URL sends the others percent-encoded.
 */
function unsafeUrlField(fields: Record<string, unknown> | null): string | null {
  const value = (field: string) => fields?.[field];
  return urlFields.find((field) => typeof value(field) === "string" && /[^\x20-\x7e]/.test(value(field) as string)) ?? null;
}

const codeOfStatus: Record<number, string> = { 401: errorCode.unauthenticated, 403: errorCode.forbidden, 404: errorCode.notFound };

/**
 * better-auth's error answers `{ code, message }` put in the app's shape,
 * `{ error: { code, message } }`, and so are those it gives no body (a path
 * it has no route for is an empty `404`); others as they are.
 */
async function answer(response: Response): Promise<Response> {
  if (response.status < 400) return response;
  const isJson = /json/i.test(response.headers.get("content-type") ?? "");
  const body = isJson
    ? ((await response
        .clone()
        .json()
        .catch(() => null)) as { code?: unknown; message?: unknown } | null)
    : null;
  if (isJson && (!body || typeof body !== "object" || "error" in body)) return response;
  const code =
    typeof body?.code === "string"
      ? body.code.toLowerCase()
      : (codeOfStatus[response.status] ?? (response.status >= 500 ? errorCode.internalError : errorCode.invalidBody));
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  headers.delete("content-type");
  return Response.json(
    {
      error: {
        code,
        message: typeof body?.message === "string" ? body.message : response.status === 404 ? "There is no such sign-in route." : "Sign-in failed.",
      },
    },
    { status: response.status, headers },
  );
}
