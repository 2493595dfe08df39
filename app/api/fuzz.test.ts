/**
 * Random requests to every route handler, every method each file exports:
 * whatever a client sends (JSON of any shape, depth and width, wrong types,
 * huge numbers, lone surrogates and NUL; bytes that are not JSON or not
 * UTF-8; wrong or missing content types; odd query strings, path segments,
 * cookies, credentials and headers), the answer is never a 5xx, never
 * slower than 5 s (the bound issue 13 names), and every refusal is the API's
 * JSON error and leaves what is stored about the article, and about the
 * people this file made, as it was.
 *
 * Besides noise, each route gets bodies of the shape it takes with fields
 * mutated, so that requests get past the first check and reach the data
 * layer, sent by people of every role, by nobody, and with credentials that
 * no longer work. Articles stay small: slow parsing of huge hostile HTML is
 * bounded elsewhere (workers and limits) and tested there. Nothing here signs
 * in as, changes or revokes a person other files use (on PostgreSQL they
 * share the database): every person, token and address it touches is its own.
 *
 * Runs on PGlite by default and on PostgreSQL when DATABASE_URL is set.
 */
import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { asc, eq, inArray, or } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import {
  accounts,
  annotationAnchors,
  annotations,
  apiTokens,
  comments,
  appSettings,
  claimVerdicts,
  documentRevisions,
  documents,
  invitations,
  sessions,
  users,
} from "@/db/schema";
import { clientAddressHeader } from "@/lib/client-address";
import { isHttpUrl } from "@/lib/http-url";
import { roles } from "@/lib/roles";
import { tags } from "@/lib/tags";
import { admin, person, type TestPerson, testPassword } from "@/test/accounts";
import { call, createTestDocument } from "@/test/api-client";
import * as claimCommentsRoute from "./annotations/[id]/comments/route";
import * as commentRoute from "./comments/[id]/route";
import * as historyRoute from "./annotations/[id]/history/route";
import * as conflictRoute from "./annotations/[id]/conflicts/[conflictId]/route";
import * as reattachRoute from "./annotations/[id]/reattach/route";
import * as restoreRoute from "./annotations/[id]/restore/route";
import * as annotationRoute from "./annotations/[id]/route";
import * as annotationsRoute from "./documents/[slug]/annotations/route";
import * as deletedRestoreRoute from "./documents/[slug]/deleted/restore/route";
import * as deletedRoute from "./documents/[slug]/deleted/route";
import * as eventsRoute from "./documents/[slug]/events/route";
import * as documentExportRoute from "./documents/[slug]/export/route";
import * as importRoute from "./documents/[slug]/import/route";
import * as presenceRoute from "./documents/[slug]/presence/route";
import * as revisionsRoute from "./documents/[slug]/revisions/route";
import * as documentRoute from "./documents/[slug]/route";
import * as archiveRoute from "./documents/[slug]/archive/route";
import * as unarchiveRoute from "./documents/[slug]/unarchive/route";
import * as documentsRoute from "./documents/route";
import * as articlePreviewRoute from "./article-preview/route";
import * as exportRoute from "./export/route";
import * as healthRoute from "./health/route";
import * as authRoute from "./auth/[...all]/route";
import * as invitationRoute from "./invitations/[token]/route";
import * as meRoute from "./me/route";
import * as peopleRoute from "./people/route";
import * as queueMentionsRoute from "./queue/mentions/route";
import * as queueRoute from "./queue/route";
import * as tokenRoute from "./tokens/[id]/route";
import * as tokensRoute from "./tokens/route";
import * as userRoute from "./users/[id]/route";
import * as usersRoute from "./users/route";
import * as reviewRoute from "./annotations/[id]/review/route";
import * as verdictsRoute from "./annotations/[id]/verdicts/route";
import * as agreementRoute from "./agreement/route";
import * as settingsRoute from "./settings/route";
import { reviewActions } from "@/lib/review";
import { testPublishing } from "@/test/review";

/** Requests per route: 250 keeps the file near 15 s; FUZZ_RUNS=5000 hunts longer. */
const runsPerRoute = Number(process.env.FUZZ_RUNS) || 250;
/** The bound the issue names for any answer. */
const maxAnswerMs = 5_000;

const httpMethods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
// Each route names its own parameters; `never` lets one table hold them all.
type Handler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;

// ---- Values -------------------------------------------------------------

/** Text with what breaks parsers and databases: NUL, lone surrogates, astral and combining characters, markup, escapes. */
const evilUnit = fc.oneof(
  fc.constantFrom(
    "\u0000",
    "\ud800",
    "\udfff",
    "😀",
    "e\u0301",
    "\u202e",
    "\ufeff",
    "<b>",
    "</p>",
    "%",
    "%00",
    "'",
    '"',
    "\\",
    "\n",
    "\r",
    " ",
    "\t",
    "*",
    "#",
    "[",
  ),
  fc.string({ unit: "binary", maxLength: 2 }),
);
const evilString = fc.string({ unit: evilUnit, maxLength: 40 });
const edgeNumber = fc.constantFrom(
  0,
  -0,
  -1,
  0.5,
  1,
  2,
  7,
  2 ** 31 - 1,
  2 ** 31,
  2 ** 32,
  2 ** 53,
  2 ** 53 + 2,
  2 ** 63,
  1e21,
  1e308,
  -1e308,
  5e-324,
);
const anyNumber = fc.oneof(edgeNumber, fc.integer({ min: -5, max: 80 }), fc.double({ noNaN: true, noDefaultInfinity: true }));

/** Any JSON value, deep or wide, with the strings and numbers above. */
const wildJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom(null, true, false),
    anyNumber,
    evilString,
    fc.array(tie("value"), { maxLength: 6 }),
    fc.dictionary(fc.oneof(evilString, fc.constantFrom("start", "end", "tag", "note", "version", "__proto__", "constructor")), tie("value"), {
      maxKeys: 6,
    }),
  ),
})).value;

/** Lists and objects nested far deeper than any real body, as raw JSON text. */
const deepJson = fc
  .tuple(fc.integer({ min: 100, max: 5_000 }), fc.constantFrom("array", "object"))
  .map(([depth, kind]) => (kind === "array" ? "[".repeat(depth) + "]".repeat(depth) : '{"a":'.repeat(depth) + "1" + "}".repeat(depth)));

/** Bodies that are not JSON, or JSON a parser may choke on. */
const rawBody: fc.Arbitrary<string | Uint8Array<ArrayBuffer>> = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    "null",
    "0",
    '"x"',
    "[]",
    "{",
    '{"start":',
    "{'a':1}",
    '{"start":1e999,"end":2,"tag":"disputed"}',
    "\ufeff{}",
    '{"a":1}{"a":2}',
    "NaN",
    "undefined",
  ),
  evilString,
  deepJson,
  fc.uint8Array({ maxLength: 64 }).map((bytes) => new Uint8Array(bytes)),
  fc.constantFrom(new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]), new Uint8Array([0x7b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x3a, 0x31, 0x7d])),
);

// Header values must be bytes (Latin-1), as on the wire; no CR, LF or NUL.
const headerValue = fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((code) => String.fromCharCode(code)), maxLength: 40 });

const contentType = rarely(
  fc.oneof(
    fc.constantFrom(
      "application/json",
      "application/json; charset=utf-8",
      "application/json; charset=utf-16",
      "application/ld+json",
      'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
      "APPLICATION/JSON",
      "application/jsonx",
      "text/plain",
      "text/html",
      "text/csv",
      "multipart/form-data; boundary=x",
      "application/x-www-form-urlencoded",
      "",
    ),
    headerValue,
  ),
  5,
);

/**
 * Who sends a request (see `credentials`): mostly an editor, who may do
 * nearly everything, so that requests reach the data layer; often another
 * role; now and then nobody, or a credential that no longer works or never
 * did.
 */
const identity = fc.oneof(
  { arbitrary: fc.constant("editor" as const), weight: 10 },
  { arbitrary: fc.constantFrom("viewer" as const, "reviewer" as const, "admin" as const, "editor's session" as const), weight: 4 },
  {
    arbitrary: fc.constantFrom("nobody" as const, "revoked token" as const, "deactivated token" as const, "deactivated session" as const),
    weight: 2,
  },
  { arbitrary: headerValue.map((value) => ({ authorization: value })), weight: 1 },
);
type Identity = typeof identity extends fc.Arbitrary<infer T> ? T : never;
const rawCookie = fc.oneof(
  headerValue,
  fc.constantFrom(
    "reviewer=%ED%A0%80",
    "reviewer=%",
    "reviewer=%00",
    "reviewer=a; reviewer=b",
    "reviewer",
    "=; ;;",
    "reviewer=Ada",
    "better-auth.session_token=forged.signature",
    "__Secure-better-auth.session_token=forged",
    "better-auth.session_token=%",
  ),
  headerValue.map((value) => `better-auth.session_token=${value}`),
);

// Each header only now and then, so most requests get past the checks they fail.
const extraHeaders = fc
  .record({
    accept: rarely(fc.oneof(fc.constantFrom("application/ld+json", "application/json", "text/csv", "*/*", "text/html", ""), headerValue), 2),
    "content-length": rarely(fc.oneof(fc.constantFrom("0", "-1", "1", "99999999999", "abc", "1e3"), headerValue)),
    host: rarely(fc.oneof(fc.constantFrom("example.org", "localhost:99999", "[::1]:3000", "a..b", "x:y:z"), headerValue)),
    origin: rarely(fc.oneof(fc.constantFrom("http://localhost", "https://evil.example", "null"), headerValue)),
    referer: rarely(headerValue),
    "if-none-match": rarely(headerValue),
    "x-forwarded-host": rarely(headerValue),
    cookie: rarely(rawCookie, 8),
  })
  .map((headers) => Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== undefined)) as Record<string, string>);

/** This run's sign-in failures come from addresses of its own, a few so that the per-address limit is reached too. */
const runId = randomUUID().slice(0, 8);
const address = fc.integer({ min: 0, max: 3 }).map((n) => `fuzz-${runId}-${n}`);

const queryKey = fc.oneof(
  fc.constantFrom("revision", "fields", "format", "tag", "reviewer", "claimant", "q", "sort", "skip", "ready", "id", "limit", "cursor", "deleted"),
  fc.constantFrom("dir", "after"),
  evilString,
);
const queryValue = fc.oneof(
  fc.constantFrom(
    "1",
    "0",
    "-1",
    "2",
    "1.5",
    "1e3",
    "99999999999999999999",
    "editor",
    "all",
    "w3c",
    "csv",
    "claimreview",
    "disputed",
    "DENIED",
    "updated",
    "position",
    "claimant",
    "desc",
    "unplaceable",
    "",
  ),
  evilString,
);
/** A query string: known and unknown keys, repeated, encoded or raw, and broken %-escapes. */
const queryString = fc.oneof(
  fc
    .array(fc.tuple(queryKey, queryValue, fc.boolean()), { maxLength: 6 })
    .map((pairs) =>
      pairs
        .map(([key, value, encode]) => (encode ? `${encodeURIComponent(safe(key))}=${encodeURIComponent(safe(value))}` : `${key}=${value}`))
        .join("&"),
    ),
  fc.constantFrom(
    "%",
    "%zz",
    "%ED%A0%80",
    "%00=%00",
    "=",
    "&&&",
    "revision",
    "revision=1&revision=2",
    "tag=disputed&tag=nope",
    "format=w3c&format=csv",
    "q=%25%5F",
  ),
);

/** The query of an export: a format most of the time, filters and noise after it. */
const exportQuery = fc
  .tuple(
    fc.oneof(
      { arbitrary: fc.constantFrom("w3c", "csv", "claimreview"), weight: 4 },
      { arbitrary: fc.constantFrom(undefined, "CSV", "json", ""), weight: 1 },
    ),
    rarely(queryString, 1),
  )
  .map(([format, rest]) => [format ? `format=${format}` : "", rest ?? ""].filter(Boolean).join("&") || undefined);

/** A time as the deleted-claims filters take it (ISO 8601 with a zone), or something that is not one. */
const instant = fc.oneof(
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  fc.constantFrom(
    "",
    "2026-13-01T00:00:00Z",
    "2026-01-01",
    "2026-01-01T00:00:00",
    "yesterday",
    "0000-01-01T00:00:00Z",
    "+275760-09-13T00:00:00.001Z",
  ),
  evilString,
);
/** The query of the deleted-claims list: its filters, with noise. */
const deletedQuery = fc
  .record({ deletedBy: rarely(fc.oneof(fc.constant("Test Reviewer"), evilString), 1), from: rarely(instant, 1), to: rarely(instant, 1) })
  .map(
    (filters) =>
      new URLSearchParams(
        Object.entries(filters)
          .filter((entry): entry is [string, string] => entry[1] !== undefined)
          .map(([key, value]) => [key, safe(value)]),
      ).toString() || undefined,
  );

/** Undefined `odds` times out of `odds + 1`, else a value of `arbitrary`. */
function rarely<T>(arbitrary: fc.Arbitrary<T>, odds = 4): fc.Arbitrary<T | undefined> {
  return fc.oneof({ arbitrary: fc.constant(undefined), weight: odds }, { arbitrary, weight: 1 });
}

/** encodeURIComponent throws on a lone surrogate; a browser would send U+FFFD. */
function safe(value: string): string {
  return value.replace(/\p{Cs}/gu, "\ufffd");
}

// ---- Valid-shaped bodies, mutated -----------------------------------------

/** Replaces, drops or adds fields of a valid body, so some requests get far in and some fail late. */
function mutated(base: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<unknown> {
  const mutation = fc.oneof(
    fc.tuple(fc.constant("set" as const), fc.oneof(evilString, fc.constantFrom("start", "end", "tag", "note", "version")), wildJson),
    fc.tuple(fc.constant("drop" as const), fc.nat(), fc.constant(null)),
    fc.tuple(fc.constant("replace" as const), fc.nat(), wildJson),
  );
  const mutations = fc.oneof(fc.constant([]), fc.array(mutation, { minLength: 1, maxLength: 2 }));
  return fc.tuple(base, mutations).map(([body, mutations]) => {
    const result: Record<string, unknown> = { ...body };
    for (const [kind, key, value] of mutations) {
      const keys = Object.keys(result);
      if (kind === "set") result[key as string] = value;
      else if (keys.length > 0) {
        const name = keys[(key as number) % keys.length];
        if (kind === "drop") delete result[name];
        else result[name] = value;
      }
    }
    return result;
  });
}

// Values of each field that the API takes; the mutations above, and the
// other kinds of body, supply what it refuses.
const offset = fc.integer({ min: 0, max: 70 });
/** A range of the test article (about 65 code points), start before end. */
const range = fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 20 })).map(([start, length]) => ({ start, end: start + length }));
const tag = fc.constantFrom(...tags);
const note = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: "grapheme", maxLength: 20 }));
const evidence = fc.array(fc.webUrl({ validSchemes: ["http", "https"] }).filter(isHttpUrl), { maxLength: 3 });
// Each claim is put back at version 1 before every request (see resetClaims).
const version = fc.oneof({ arbitrary: fc.constant(1), weight: 3 }, { arbitrary: fc.integer({ min: 2, max: 4 }), weight: 1 });
const smallArticle = fc.oneof(
  fc.string({ maxLength: 200 }),
  evilString,
  fc
    .array(
      fc.constantFrom(
        "<p>",
        "</p>",
        "<ul><li>",
        "<h1>",
        "<script>x</script>",
        "<a href='javascript:1'>",
        "*",
        "# ",
        "> ",
        "- ",
        "1. ",
        "`",
        "\n",
        "word ",
        "😀",
      ),
      { maxLength: 40 },
    )
    .map((parts) => parts.join("")),
);
const articleFormat = fc.constantFrom("text", "html", "markdown");

/** A W3C annotation as an import reads it, with fields of any type. */
const w3cAnnotation = fc.record(
  {
    id: fc.oneof(fc.webUrl(), evilString),
    type: fc.constantFrom("Annotation", ["Annotation"], "Note"),
    body: fc.array(
      fc.oneof(
        fc.record({ type: fc.constant("TextualBody"), purpose: fc.constantFrom("tagging", "commenting", "describing"), value: fc.oneof(tag, note) }),
        fc.record({ type: fc.constant("SpecificResource"), purpose: fc.constant("linking"), source: fc.oneof(fc.webUrl(), evilString) }),
        wildJson,
      ),
      { maxLength: 4 },
    ),
    target: fc.record({
      source: fc.webUrl(),
      selector: fc.array(
        fc.oneof(
          fc.record(
            {
              type: fc.constant("TextQuoteSelector"),
              exact: fc.oneof(fc.constantFrom("spy chips", "claim", "😀"), evilString),
              prefix: evilString,
              suffix: evilString,
            },
            { requiredKeys: ["type", "exact"] },
          ),
          fc.record({ type: fc.constant("TextPositionSelector"), start: offset, end: offset }),
          wildJson,
        ),
        { maxLength: 3 },
      ),
    }),
  },
  { requiredKeys: ["type"] },
);

// ---- Routes ---------------------------------------------------------------

interface Route {
  name: string;
  module: Partial<Record<(typeof httpMethods)[number], Handler>>;
  /** The methods the route takes (the others answer 405); picked more often. */
  takes: (typeof httpMethods)[number][];
  params: () => fc.Arbitrary<Record<string, unknown>>;
  /** The request's path, for a handler that reads it (better-auth's). */
  path?: (params: Record<string, unknown>) => string;
  /** The query strings the route is sent; any by default. */
  query?: fc.Arbitrary<string | undefined>;
  /** A body of the shape the route takes, for the methods that read one. */
  body?: () => fc.Arbitrary<unknown>;
  /** Who sends the requests, when not anyone (`identity`). */
  identity?: fc.Arbitrary<Identity>;
}

let slug: string;
const claimIds: string[] = [];
/** Comments on the first claim, by the editor (made in beforeAll). */
const commentIds: string[] = [];

/**
 * This file's own people and credentials (made in beforeAll): those it acts
 * as, one whose role and activity the admin's PATCHes change (put back
 * before each request), one who is invited (the invitation made unused
 * again before each request), and one deactivated.
 */
const fuzzPeople = {} as Record<"editor" | "viewer" | "reviewer" | "session" | "target" | "deactivated", TestPerson>;
let adminToken: string;
let revokedToken: string;
/** A token of the editor's that DELETE /api/tokens/{id} may revoke (made usable again before each request). */
let spareTokenId: string;
let invitee: { id: string; email: string; token: string };

// Only this file's own article and slugs no article has: on PostgreSQL the
// test files share one database, and a revision published on an article of
// content/ would change what the others read.
const slugParam = () =>
  fc.record({
    slug: fc.oneof(
      { arbitrary: fc.constant(slug), weight: 6 },
      { arbitrary: fc.constantFrom("", "..", "%00", "a".repeat(3000)), weight: 1 },
      { arbitrary: evilString, weight: 1 },
    ),
  });
/** An id of a person: the one the fuzz may change, or none. */
const personIdParam = () =>
  fc.record({
    id: fc.oneof(
      { arbitrary: fc.constant(fuzzPeople.target.id), weight: 6 },
      { arbitrary: fc.constant(fuzzPeople.deactivated.id), weight: 1 },
      { arbitrary: fc.oneof(fc.uuid(), evilString, fc.constantFrom("", "a".repeat(3000))), weight: 1 },
    ),
  });
const invitationParam = () =>
  fc.record({
    token: fc.oneof(
      { arbitrary: fc.constant(invitee.token), weight: 4 },
      { arbitrary: fc.oneof(evilString, fc.constantFrom("", "inv_", "a".repeat(3000))), weight: 1 },
    ),
  });
const tokenIdParam = () =>
  fc.record({
    id: fc.oneof(
      { arbitrary: fc.constant(spareTokenId), weight: 4 },
      { arbitrary: fc.oneof(fc.uuid(), evilString, fc.constantFrom("", "null")), weight: 1 },
    ),
  });
/** better-auth's routes the app uses, and paths it has no route for. */
const authParams = () =>
  fc.record({
    all: fc.oneof(
      { arbitrary: fc.constantFrom(["sign-in", "email"], ["sign-up", "email"], ["sign-out"], ["get-session"]), weight: 6 },
      { arbitrary: fc.array(fc.oneof(evilString, fc.constantFrom("sign-in", "email", "..", "%2e%2e", "")), { maxLength: 3 }), weight: 1 },
    ),
  });
/** Emails a sign-in or sign-up names: this file's session person's (whose password is known), others, and what is no email. */
const email = () =>
  fc.oneof(
    fc.constant(fuzzPeople.session.email),
    fc.constant(fuzzPeople.deactivated.email),
    fc.constantFrom(`nobody-${runId}@test.example`, `NOBODY-${runId}@Test.Example`),
    evilString,
  );
const password = fc.oneof(fc.constant(testPassword), fc.string({ maxLength: 140 }), evilString);

const commentIdParam = () =>
  fc.record({
    id: fc.oneof(
      { arbitrary: fc.constantFrom(...commentIds), weight: 6 },
      { arbitrary: fc.uuid(), weight: 1 },
      { arbitrary: fc.constantFrom("", "null", "a".repeat(3000)), weight: 1 },
      { arbitrary: evilString, weight: 1 },
    ),
  });
const commentBody = () => mutated(fc.record({ body: fc.oneof(note, evilString, fc.constantFrom("@Fuzz Viewer hello", "@Test Reviewer", " ", "")) }));
const idParam = () =>
  fc.record({
    id: fc.oneof(
      { arbitrary: fc.constantFrom(...claimIds), weight: 6 },
      { arbitrary: fc.uuid(), weight: 1 },
      { arbitrary: fc.constantFrom("", "null", "00000000-0000-0000-0000-000000000000", "a".repeat(3000), "%20"), weight: 1 },
      { arbitrary: evilString, weight: 1 },
    ),
  });
/** A claim and one of its conflicts (made in beforeAll), or ids that name none. */
const conflictParam = () =>
  fc
    .tuple(idParam(), fc.oneof({ arbitrary: fc.constantFrom(...conflictIds), weight: 4 }, { arbitrary: fc.oneof(fc.uuid(), evilString), weight: 1 }))
    .map(([{ id }, conflictId]) => ({ id, conflictId }));
const conflictIds: string[] = [];

const routes: Route[] = [
  {
    name: "/api/article-preview",
    module: articlePreviewRoute,
    takes: ["POST"],
    params: () => fc.constant({}),
    body: () =>
      mutated(fc.tuple(articleBody(), fc.constantFrom({}, { furniture: "drop" }, { title: "T" })).map(([body, more]) => ({ ...body, ...more }))),
  },
  { name: "/api/documents", module: documentsRoute, takes: ["GET", "POST"], params: () => fc.constant({}), body: () => mutated(newDocument()) },
  {
    name: "/api/documents/{slug}",
    module: documentRoute,
    takes: ["GET", "DELETE"],
    params: slugParam,
    // Never the article's claim count as `confirm`: a deletion would take the article the other routes need.
    query: fc.oneof(
      fc.constant(undefined),
      fc.constantFrom("revision=1", "revision=2", "revision=x", "confirm=-1", "confirm=999999999", "confirm=", "confirm=1e3"),
      fc
        .string({ maxLength: 20 })
        .filter((value) => !/\d/.test(value))
        .map((value) => `confirm=${encodeURIComponent(value)}&revision=${encodeURIComponent(value)}`),
    ),
  },
  { name: "/api/documents/{slug}/archive", module: archiveRoute, takes: ["POST"], params: slugParam },
  { name: "/api/documents/{slug}/unarchive", module: unarchiveRoute, takes: ["POST"], params: slugParam },
  {
    name: "/api/documents/{slug}/annotations",
    module: annotationsRoute,
    takes: ["GET", "POST"],
    params: slugParam,
    body: () =>
      mutated(
        fc
          .record(
            {
              range,
              tag,
              note,
              claimant: note,
              evidence,
              id: fc.oneof(fc.uuid({ version: 4 }), fc.constantFrom(...claimIds)),
              revision: fc.integer({ min: 1, max: 2 }),
            },
            { requiredKeys: ["range", "tag"] },
          )
          .map(({ range, ...rest }) => ({ ...range, ...rest })),
      ),
  },
  { name: "/api/documents/{slug}/revisions", module: revisionsRoute, takes: ["GET", "POST"], params: slugParam, body: () => mutated(articleBody()) },
  { name: "/api/documents/{slug}/export", module: documentExportRoute, takes: ["GET"], params: slugParam, query: exportQuery },
  {
    name: "/api/documents/{slug}/import",
    module: importRoute,
    takes: ["POST"],
    params: slugParam,
    body: () =>
      fc.oneof(
        fc.array(w3cAnnotation, { maxLength: 4 }),
        fc.record({ type: fc.constant("AnnotationPage"), items: fc.array(w3cAnnotation, { maxLength: 4 }), next: fc.oneof(fc.webUrl(), wildJson) }),
        fc.record({
          type: fc.constant("AnnotationCollection"),
          first: fc.oneof(fc.record({ type: fc.constant("AnnotationPage"), items: fc.array(w3cAnnotation, { maxLength: 4 }) }), wildJson),
        }),
      ),
  },
  { name: "/api/export", module: exportRoute, takes: ["GET"], params: () => fc.constant({}), query: exportQuery },
  {
    name: "/api/annotations/{id}",
    module: annotationRoute,
    takes: ["GET", "PATCH", "DELETE"],
    params: idParam,
    body: () =>
      mutated(
        fc.record(
          { version, tag, note, claimant: note, evidence, previousQuote: fc.constant(null), baseVersion: version },
          { requiredKeys: ["version"] },
        ),
      ),
  },
  { name: "/api/annotations/{id}/history", module: historyRoute, takes: ["GET"], params: idParam },
  { name: "/api/annotations/{id}/comments", module: claimCommentsRoute, takes: ["GET", "POST"], params: idParam, body: commentBody },
  { name: "/api/comments/{id}", module: commentRoute, takes: ["PATCH", "DELETE"], params: commentIdParam, body: commentBody },
  { name: "/api/people", module: peopleRoute, takes: ["GET"], params: () => fc.constant({}) },
  { name: "/api/queue/mentions", module: queueMentionsRoute, takes: ["GET"], params: () => fc.constant({}) },
  {
    name: "/api/annotations/{id}/review",
    module: reviewRoute,
    takes: ["POST"],
    params: idParam,
    body: () =>
      mutated(fc.record({ version, action: fc.constantFrom(...reviewActions), comment: note, tag }, { requiredKeys: ["version", "action"] })),
  },
  {
    name: "/api/annotations/{id}/verdicts",
    module: verdictsRoute,
    takes: ["GET", "POST"],
    params: idParam,
    body: () => mutated(fc.record({ tag, note }, { requiredKeys: ["tag"] })),
  },
  {
    name: "/api/agreement",
    module: agreementRoute,
    takes: ["GET"],
    params: () => fc.constant({}),
    query: fc
      .record({
        document: rarely(fc.oneof(fc.constant("__slug__"), evilString), 1),
        pair: rarely(fc.oneof(fc.constant("a,b"), evilString, fc.constant("same,same")), 1),
      })
      .map((query) =>
        new URLSearchParams(
          Object.entries(query)
            .filter((entry): entry is [string, string] => entry[1] !== undefined)
            .map(([key, value]) => [key, safe(value === "__slug__" ? slug : value)]),
        ).toString(),
      ),
  },
  {
    name: "/api/settings",
    module: settingsRoute,
    takes: ["GET", "PATCH"],
    params: () => fc.constant({}),
    body: () =>
      mutated(
        fc.record(
          {
            publisher: fc.record(
              { name: note, url: fc.oneof(fc.constant(testPublishing.publisher.url), fc.webUrl(), evilString), logo: fc.option(fc.webUrl()) },
              { requiredKeys: [] },
            ),
            publicBaseUrl: fc.oneof(
              fc.constant(testPublishing.publicBaseUrl),
              fc.webUrl(),
              fc.constantFrom("ftp://x.example", "javascript:alert(1)"),
            ),
          },
          { requiredKeys: [] },
        ),
      ),
    // On PostgreSQL the files share the one row of settings, which the export
    // tests read: there, the admin (who alone may change them) does not send.
    identity: process.env.DATABASE_URL ? identity.filter((who) => who !== "admin") : undefined,
  },
  { name: "/api/annotations/{id}/restore", module: restoreRoute, takes: ["POST"], params: idParam, body: () => wildJson },
  { name: "/api/documents/{slug}/deleted", module: deletedRoute, takes: ["GET"], params: slugParam, query: deletedQuery },
  {
    name: "/api/documents/{slug}/deleted/restore",
    module: deletedRestoreRoute,
    takes: ["POST"],
    params: slugParam,
    body: () =>
      mutated(
        fc.record(
          { deletedBy: fc.oneof(fc.constant("Test Reviewer"), fc.string({ maxLength: 10 })), from: instant, to: instant },
          { requiredKeys: [] },
        ),
      ),
  },
  { name: "/api/health", module: healthRoute, takes: ["GET"], params: () => fc.constant({}) },
  {
    name: "/api/annotations/{id}/reattach",
    module: reattachRoute,
    takes: ["POST"],
    params: idParam,
    body: () => mutated(fc.tuple(version, range).map(([v, r]) => ({ version: v, ...r }))),
  },
  {
    name: "/api/annotations/{id}/conflicts/{conflictId}",
    module: conflictRoute,
    takes: ["POST"],
    params: conflictParam,
    body: () => mutated(fc.record({ version, pick: fc.oneof(fc.integer({ min: -1, max: 3 }), evilString) }, { requiredKeys: [] })),
  },
  {
    name: "/api/auth/{all}",
    module: authRoute,
    takes: ["GET", "POST"],
    params: authParams,
    path: ({ all }) => `/api/auth/${(all as string[]).map((segment) => encodeURIComponent(safe(segment))).join("/")}`,
    body: () =>
      fc.oneof(
        mutated(
          fc.record(
            { email: email(), password, rememberMe: fc.boolean(), callbackURL: fc.oneof(fc.webUrl(), evilString) },
            { requiredKeys: ["email", "password"] },
          ),
        ),
        mutated(fc.record({ email: email(), password, name: fc.oneof(note, evilString) })),
      ),
  },
  { name: "/api/me", module: meRoute, takes: ["GET"], params: () => fc.constant({}) },
  { name: "/api/queue", module: queueRoute, takes: ["GET"], params: () => fc.constant({}) },
  {
    name: "/api/users",
    module: usersRoute,
    takes: ["GET", "POST"],
    params: () => fc.constant({}),
    body: () =>
      mutated(
        fc.record({
          email: fc.oneof(
            fc.uuid().map((id) => `fuzz-${id.slice(0, 8)}@test.example`),
            fc.constant(fuzzPeople.target.email),
            fc.emailAddress(),
            evilString,
          ),
          name: fc.oneof(note, evilString),
          role: fc.oneof(fc.constantFrom(...roles), evilString),
        }),
      ),
  },
  {
    name: "/api/users/{id}",
    module: userRoute,
    takes: ["PATCH"],
    params: personIdParam,
    body: () => mutated(fc.record({ role: fc.oneof(fc.constantFrom(...roles), evilString), active: fc.boolean() }, { requiredKeys: [] })),
  },
  {
    name: "/api/invitations/{token}",
    module: invitationRoute,
    takes: ["POST"],
    params: invitationParam,
    body: () => mutated(fc.record({ password })),
  },
  { name: "/api/tokens", module: tokensRoute, takes: ["GET", "POST"], params: () => fc.constant({}), body: () => mutated(fc.record({ name: note })) },
  { name: "/api/tokens/{id}", module: tokenRoute, takes: ["DELETE"], params: tokenIdParam },
  {
    name: "/api/documents/{slug}/events",
    module: eventsRoute,
    takes: ["GET"],
    params: slugParam,
    query: rarely(fc.oneof(fc.constantFrom("after=0", "after=1", "after=-1", "after=1.5", "after=99999999999999999999", "after="), queryString), 1),
  },
  {
    name: "/api/documents/{slug}/presence",
    module: presenceRoute,
    takes: ["PUT"],
    params: slugParam,
    body: () => mutated(fc.record({ view: fc.uuid(), claimId: fc.oneof(fc.constant(null), fc.uuid(), fc.constantFrom(...claimIds)) })),
  },
];

function articleBody(): fc.Arbitrary<Record<string, unknown>> {
  return fc.tuple(articleFormat, smallArticle).map(([format, content]) => ({ [format]: content }));
}

function newDocument(): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(
      articleBody(),
      fc.record(
        {
          title: fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), evilString),
          outlet: fc.oneof(fc.string({ maxLength: 10 }), fc.constant(null)),
          author: fc.oneof(fc.string({ maxLength: 10 }), fc.constant(null)),
          sourceUrl: fc.oneof(fc.webUrl(), fc.constantFrom("", "ftp://x", "javascript:1")),
          publishedAt: fc.oneof(
            fc.date({ noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)),
            fc.constantFrom("", "0000-01-01", "2018-02-30", "10000-01-01"),
          ),
        },
        { requiredKeys: ["title"] },
      ),
    )
    .map(([content, meta]) => ({ ...meta, ...content }));
}

/** One request: the method, path parameters, query, headers, cookie and body. */
function request(route: Route) {
  const exported = httpMethods.filter((method) => route.module[method]);
  const body = fc.oneof(
    { arbitrary: fc.constant({}), weight: 1 },
    { arbitrary: (route.body?.() ?? wildJson).map((value) => ({ body: value })), weight: 6 },
    { arbitrary: wildJson.map((value) => ({ body: value })), weight: 1 },
    { arbitrary: rawBody.map((value) => ({ rawBody: value })), weight: 2 },
  );
  return fc.record({
    method: fc.oneof({ arbitrary: fc.constantFrom(...route.takes), weight: 4 }, { arbitrary: fc.constantFrom(...exported), weight: 1 }),
    params: route.params(),
    query: route.query ?? rarely(queryString, 1),
    contentType,
    identity: route.identity ?? identity,
    address,
    headers: extraHeaders,
    body,
  });
}

/** The credentials of an identity, as `call` options. */
function credentials(who: Identity) {
  if (typeof who === "object") return { reviewer: null, headers: who };
  switch (who) {
    case "editor":
      return { token: fuzzPeople.editor.token };
    case "viewer":
    case "reviewer":
      return { token: fuzzPeople[who].token };
    case "admin":
      return { token: adminToken };
    case "editor's session":
      return { cookie: fuzzPeople.session.cookie };
    case "nobody":
      return { reviewer: null };
    case "revoked token":
      return { token: revokedToken };
    case "deactivated token":
      return { token: fuzzPeople.deactivated.token };
    case "deactivated session":
      return { cookie: fuzzPeople.deactivated.cookie };
  }
}

beforeAll(async () => {
  const document = await createTestDocument([
    { type: "heading", level: 1, text: "Café “quoted” 😀 claim here." },
    { type: "paragraph", text: "Second paragraph says spy chips were found." },
  ]);
  slug = document.slug;
  for (const [start, end] of [
    [16, 21],
    [50, 59],
    [0, 4],
  ]) {
    const { status, json } = await call(annotationsRoute.POST, { slug }, { body: { start, end, tag: "disputed", id: randomUUID() } });
    expect(status).toBe(201);
    claimIds.push(json.annotation.id);
  }
  // One orphan-to-be and one deleted claim, so reattach and restore reach their deeper paths.
  const { status } = await call(
    revisionsRoute.POST,
    { slug },
    { body: { text: "Café “quoted” 😀 claim here.\nSecond paragraph: nothing was found." } },
  );
  expect(status).toBe(201);
  await call(annotationRoute.DELETE, { id: claimIds[2] }, { method: "DELETE" });
  for (const body of ["First comment", "Second, @Test Reviewer"]) {
    const { status: made, json } = await call(claimCommentsRoute.POST, { id: claimIds[0] }, { body: { body } });
    expect(made).toBe(201);
    commentIds.push(json.comment.id);
  }

  // The people, made through the API as a script would.
  adminToken = (await admin()).token;
  fuzzPeople.editor = await person("Test Reviewer");
  fuzzPeople.viewer = await person("Fuzz Viewer", "viewer");
  fuzzPeople.reviewer = await person("Fuzz Reviewer", "reviewer");
  fuzzPeople.session = await person("Fuzz Session", "editor");
  fuzzPeople.target = await person("Fuzz Target", "viewer");
  fuzzPeople.deactivated = await person("Fuzz Deactivated", "reviewer");
  // One open conflict (two editors' notes at once), so a pick reaches its deeper paths.
  expect((await call(annotationRoute.PATCH, { id: claimIds[0] }, { method: "PATCH", body: { version: 1, note: "one" } })).status).toBe(200);
  const conflicted = await call(
    annotationRoute.PATCH,
    { id: claimIds[0] },
    { method: "PATCH", body: { version: 2, baseVersion: 1, note: "two" }, token: fuzzPeople.session.token },
  );
  conflictIds.push(...conflicted.json.annotation.conflicts.map((conflict: { id: string }) => conflict.id));
  expect(conflictIds).toHaveLength(1);
  const deactivated = await call(userRoute.PATCH, { id: fuzzPeople.deactivated.id }, { method: "PATCH", body: { active: false }, token: adminToken });
  expect(deactivated.status).toBe(200);
  const revoked = await call(tokensRoute.POST, {}, { body: { name: "revoked" }, token: fuzzPeople.editor.token });
  expect((await call(tokenRoute.DELETE, { id: revoked.json.id }, { method: "DELETE", token: fuzzPeople.editor.token })).status).toBe(204);
  revokedToken = revoked.json.token;
  spareTokenId = (await call(tokensRoute.POST, {}, { body: { name: "spare" }, token: fuzzPeople.editor.token })).json.id;
  const invited = await call(
    usersRoute.POST,
    {},
    { body: { email: `fuzz-invitee-${runId}@test.example`, name: "Fuzz Invitee", role: "reviewer" }, token: adminToken },
  );
  expect(invited.status).toBe(201);
  invitee = { id: invited.json.user.id, email: invited.json.user.email, token: invited.json.invitationUrl.split("/").at(-1) };
});
afterAll(closeDb);

/**
 * Everything stored about this file's article: its row, revisions, claims
 * (deleted ones too) and their anchoring history, to check that a refused
 * request stored nothing.
 */
async function snapshot(email?: string): Promise<unknown> {
  const db = await getDb();
  const [document] = await db.select().from(documents).where(eq(documents.slug, slug));
  const revisions = await db
    .select()
    .from(documentRevisions)
    .where(eq(documentRevisions.documentId, document.id))
    .orderBy(asc(documentRevisions.number));
  const claims = await db.select().from(annotations).where(eq(annotations.documentId, document.id)).orderBy(asc(annotations.id));
  const ids = claims.map((claim) => claim.id);
  const history = ids.length === 0 ? [] : await db.select().from(annotationAnchors).where(inArray(annotationAnchors.annotationId, ids));
  const thread = ids.length === 0 ? [] : await db.select().from(comments).where(inArray(comments.annotationId, ids)).orderBy(asc(comments.id));
  const verdicts = ids.length === 0 ? [] : await db.select().from(claimVerdicts).where(inArray(claimVerdicts.annotationId, ids));
  const settings = await db.select().from(appSettings).where(eq(appSettings.key, "publishing"));
  // As JSON would carry it, so that a difference shows as a diff.
  return JSON.parse(
    JSON.stringify({
      document,
      revisions: revisions.length,
      claims,
      history: history.length,
      verdicts: verdicts.length,
      settings,
      comments: thread,
      people: await peopleSnapshot(email),
    }),
  );
}

/**
 * What is stored about this file's people, and about whoever has `email`
 * (the one a request's body names): their rows, passwords, sessions,
 * tokens and invitations. Not when a token was last used, which any
 * request with it may note, nor the test admin, whom other files sign in
 * as meanwhile on a shared PostgreSQL.
 */
async function peopleSnapshot(email: string | undefined) {
  const db = await getDb();
  const ids = [...Object.values(fuzzPeople).map(({ id }) => id), invitee.id];
  const who = email === undefined ? inArray(users.id, ids) : or(inArray(users.id, ids), eq(users.email, email));
  const people = await db.select().from(users).where(who).orderBy(asc(users.id));
  const userIds = people.map(({ id }) => id);
  if (userIds.length === 0) return [];
  const [passwords, sessionIds, tokens, invited] = await Promise.all([
    db.select({ password: accounts.password }).from(accounts).where(inArray(accounts.userId, userIds)).orderBy(asc(accounts.id)),
    db.select({ id: sessions.id }).from(sessions).where(inArray(sessions.userId, userIds)).orderBy(asc(sessions.id)),
    db
      .select({ id: apiTokens.id, name: apiTokens.name, revokedAt: apiTokens.revokedAt })
      .from(apiTokens)
      .where(inArray(apiTokens.userId, userIds))
      .orderBy(asc(apiTokens.id)),
    db
      .select({ id: invitations.id, usedAt: invitations.usedAt })
      .from(invitations)
      .where(inArray(invitations.userId, userIds))
      .orderBy(asc(invitations.id)),
  ]);
  return { people, passwords, sessionIds, tokens, invited };
}

/** The email a body names, as the server would look it up, if any (none that no database text can hold, such as one with NUL). */
function emailOf(body: unknown): string | undefined {
  const value = (body as { body?: { email?: unknown } } | undefined)?.body?.email;
  return typeof value === "string" && !/[\u0000\p{Cs}]/u.test(value) ? value.trim().toLowerCase() : undefined;
}

const reads = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Puts the three claims back as the setup left them before each request:
 * the first live (where the last revision put it), the second an orphan, the
 * third deleted, each at version 1. Otherwise the first DELETE or PATCH drawn would leave every later
 * request on them a 404 or a version conflict, and the deeper paths unvisited.
 */
async function resetClaims(): Promise<void> {
  const db = await getDb();
  // The first in review (so that verdicts and approvals reach the data layer), the others drafts.
  await db
    .update(annotations)
    .set({ version: 1, deletedAt: null, reviewState: "in_review", approvedBy: null, approvedById: null, approvedAt: null })
    .where(eq(annotations.id, claimIds[0]));
  await db.update(annotations).set({ version: 1, status: "orphan", deletedAt: null }).where(eq(annotations.id, claimIds[1]));
  await db.update(annotations).set({ version: 1, deletedAt: new Date() }).where(eq(annotations.id, claimIds[2]));
  await db.update(comments).set({ deletedAt: null }).where(inArray(comments.id, commentIds));
}

/**
 * Likewise for people: the one the admin's PATCHes change is a viewer
 * again, the editor's spare token unrevoked and the invitation unused (the
 * fuzz's own bookkeeping; its people are made through the API).
 */
async function resetPeople(): Promise<void> {
  const db = await getDb();
  await db.update(users).set({ role: "viewer", active: true }).where(eq(users.id, fuzzPeople.target.id));
  await db.update(apiTokens).set({ revokedAt: null }).where(eq(apiTokens.id, spareTokenId));
  await db.update(invitations).set({ usedAt: null }).where(eq(invitations.userId, invitee.id));
}

/** Every `route.ts` under app/api, as a path like `/api/documents/{slug}`. */
function routeFiles(folder = path.join(import.meta.dirname)): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return routeFiles(path.join(folder, entry.name));
    if (entry.name !== "route.ts") return [];
    const relative = path.relative(path.dirname(import.meta.dirname), folder);
    return [`/${relative.replace(/\[(?:\.\.\.)?(\w+)\]/g, "{$1}")}`];
  });
}

describe("API fuzz", () => {
  it("covers every route of the API", () => {
    expect(routes.map((route) => route.name).sort()).toEqual(routeFiles().sort());
  });

  for (const route of routes) {
    it(
      `${route.name}: no 5xx, no answer slower than 5 s, every refusal the JSON error shape and storing nothing`,
      async () => {
        await fc.assert(
          fc
            .asyncProperty(request(route), async ({ method, params, query, contentType, identity, address, headers, body }) => {
              const handler = route.module[method] as Handler;
              const sent = method === "GET" || method === "HEAD" ? {} : body;
              // A raw cookie header only counts when the identity sets no credential.
              const { cookie, ...rest } = headers;
              const who = credentials(identity);
              const before = reads.has(method) ? undefined : await snapshot(emailOf(sent));
              const started = performance.now();
              const answer = await call(handler, params as never, {
                method,
                query,
                contentType,
                path: route.path?.(params),
                ...(cookie !== undefined ? { reviewer: null } : who),
                headers: { ...rest, ...(cookie !== undefined ? { cookie } : "headers" in who ? who.headers : {}), [clientAddressHeader]: address },
                ...sent,
              });
              const elapsed = performance.now() - started;
              expect(answer.status, `${method} ${route.name}: ${answer.text.slice(0, 300)}`).toBeLessThan(500);
              expect(elapsed).toBeLessThan(maxAnswerMs);
              if (answer.status >= 400) {
                expect(answer.json?.error, `${method} ${route.name} ${answer.status}: ${answer.text.slice(0, 300)}`).toMatchObject({
                  code: expect.any(String),
                  message: expect.any(String),
                });
                if (before !== undefined) {
                  expect(await snapshot(emailOf(sent)), `${method} ${route.name} ${answer.status} stored something`).toEqual(before);
                }
              }
            })
            .beforeEach(async (previous) => {
              await previous();
              await resetClaims();
              await resetPeople();
            }),
          { numRuns: runsPerRoute },
        );
        // Generous: a request takes a few ms, but CI machines are shared.
      },
      Math.max(60_000, runsPerRoute * 400),
    );
  }
});

// What the fuzzing found, kept as plain examples.
describe("API fuzz findings", () => {
  it("answers 404, not 500, for a slug holding half of a surrogate pair", async () => {
    for (const handler of [documentRoute.GET, annotationsRoute.GET, revisionsRoute.GET]) {
      for (const odd of ["\udfff", "\ufeff\udfff", "a\ud800b"]) {
        const { status, json } = await call(handler, { slug: odd });
        expect(status).toBe(404);
        expect(json.error.code).toBe("not_found");
      }
    }
  });
});
