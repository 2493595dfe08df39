/**
 * What each role may do to claims and articles, as an API client sees it:
 * one row per thing a person does, read as the table of roles, and
 * the status each role gets. A `403` names what the role lacks and stores
 * nothing (read back through the API after). Runs on PGlite, and on
 * PostgreSQL when DATABASE_URL is set; server/policy.test.ts checks the
 * policy function itself.
 */
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { type Role, roles } from "@/lib/roles";
import { admin, person, type TestPerson } from "@/test/accounts";
import { call, createTestDocument } from "@/test/api-client";
import * as historyRoute from "./annotations/[id]/history/route";
import * as reattachRoute from "./annotations/[id]/reattach/route";
import * as restoreRoute from "./annotations/[id]/restore/route";
import * as claimRoute from "./annotations/[id]/route";
import * as claimsRoute from "./documents/[slug]/annotations/route";
import * as deletedRoute from "./documents/[slug]/deleted/route";
import * as documentExportRoute from "./documents/[slug]/export/route";
import * as importRoute from "./documents/[slug]/import/route";
import * as revisionsRoute from "./documents/[slug]/revisions/route";
import * as documentRoute from "./documents/[slug]/route";
import * as documentsRoute from "./documents/route";
import * as exportRoute from "./export/route";

afterAll(closeDb);

const text = "Alpha bravo charlie delta echo foxtrot.";
/** The revision that orphans the claim on "echo" (its words are gone), with "golf" to re-attach it to. */
const revisedText = "Alpha bravo charlie delta foxtrot golf.";
const at = (word: string, of = text) => ({ start: of.indexOf(word), end: of.indexOf(word) + word.length });

type Answer = Awaited<ReturnType<typeof call>>;
/** A role's attempt, prepared on an article of its own: `act` does it once. */
interface Attempt {
  slug: string;
  act: () => Promise<Answer>;
  /** What else the attempt could have stored, beside the article (e.g. a new article's title). */
  extra?: () => Promise<unknown>;
}

/** The person acting in a role: the test admin, or a person of that role. */
const actorIn = (role: Role): Promise<TestPerson> => (role === "admin" ? admin() : person(`Role ${role}`, role));
/** Whose claims are "another's": a reviewer's. */
const someoneElse = () => person("Role Other Reviewer", "reviewer");

async function article(): Promise<string> {
  return (await createTestDocument([{ type: "paragraph", text }])).slug;
}

async function claim(slug: string, by: TestPerson, word: string): Promise<string> {
  const { status, json } = await call(claimsRoute.POST, { slug }, { body: { ...at(word), tag: "disputed" }, token: by.token });
  expect(status).toBe(201);
  return json.annotation.id;
}

/** A claim made by `by`, then deleted (by the admin, who may delete any). */
async function deletedClaim(slug: string, by: TestPerson, word: string): Promise<string> {
  const id = await claim(slug, by, word);
  expect((await call(claimRoute.DELETE, { id }, { method: "DELETE", token: (await admin()).token })).status).toBe(204);
  return id;
}

/** A claim on "echo" that the next revision leaves an orphan, and its version then. */
async function orphan(slug: string, by: TestPerson): Promise<{ id: string; version: number }> {
  const id = await claim(slug, by, "echo");
  expect((await call(revisionsRoute.POST, { slug }, { body: { text: revisedText }, token: (await admin()).token })).status).toBe(201);
  const claims = (await call(claimsRoute.GET, { slug }, { token: by.token })).json.annotations;
  const placed = claims.find((c: { id: string }) => c.id === id);
  expect(placed.status).toBe("orphan");
  return { id, version: placed.version };
}

/** A claim on "charlie" that the next revision moves onto changed words ("charlje"): its verdict is to confirm. Its version then. */
async function wordsChanged(slug: string, by: TestPerson): Promise<{ id: string; version: number }> {
  const id = await claim(slug, by, "charlie");
  const revised = text.replace("charlie", "charlje");
  expect((await call(revisionsRoute.POST, { slug }, { body: { text: revised }, token: (await admin()).token })).status).toBe(201);
  const placed = (await call(claimsRoute.GET, { slug }, { token: by.token })).json.annotations.find((c: { id: string }) => c.id === id);
  expect(placed.previousQuote).toBe("charlie");
  return { id, version: placed.version };
}

/** Every status of a list of reads, one when they agree. */
function statusOf(answers: Answer[]): Answer {
  return answers.find((answer) => answer.status !== answers[0].status) ?? answers[0];
}

const w3cAnnotation = (quote: string) => ({
  "@context": "http://www.w3.org/ns/anno.jsonld",
  type: "Annotation",
  body: [{ type: "TextualBody", purpose: "tagging", value: "unverified" }],
  target: { selector: [{ type: "TextQuoteSelector", exact: quote }] },
});

/** Each row: what is done, the status each role gets (null: the role cannot be in that position), and how it is done. */
const table: { action: string; may: Record<Role, number | null>; attempt: (actor: TestPerson) => Promise<Attempt> }[] = [
  {
    action: "read an article, its claims, revisions, a claim's history, the deleted claims",
    may: { viewer: 200, reviewer: 200, editor: 200, admin: 200 },
    attempt: async (actor) => {
      const slug = await article();
      const id = await claim(slug, await someoneElse(), "Alpha");
      await deletedClaim(slug, await someoneElse(), "bravo");
      const as = { token: actor.token };
      return {
        slug,
        act: async () =>
          statusOf([
            await call(documentsRoute.GET, {}, as),
            await call(documentRoute.GET, { slug }, as),
            await call(claimsRoute.GET, { slug }, as),
            await call(claimRoute.GET, { id }, as),
            await call(revisionsRoute.GET, { slug }, as),
            await call(historyRoute.GET, { id }, as),
            await call(deletedRoute.GET, { slug }, as),
          ]),
      };
    },
  },
  {
    action: "export an article's claims, and everyone's",
    may: { viewer: 200, reviewer: 200, editor: 200, admin: 200 },
    attempt: async (actor) => {
      const slug = await article();
      await claim(slug, await someoneElse(), "charlie");
      return {
        slug,
        act: async () =>
          statusOf([
            await call(documentExportRoute.GET, { slug }, { token: actor.token, query: "format=csv" }),
            await call(exportRoute.GET, {}, { token: actor.token, query: "format=w3c" }),
          ]),
      };
    },
  },
  {
    action: "create a claim",
    may: { viewer: 403, reviewer: 201, editor: 201, admin: 201 },
    attempt: async (actor) => {
      const slug = await article();
      return { slug, act: () => call(claimsRoute.POST, { slug }, { body: { ...at("delta"), tag: "denied" }, token: actor.token }) };
    },
  },
  ...(["own", "another's"] as const).flatMap((whose) => {
    const owner = (actor: TestPerson) => (whose === "own" ? actor : someoneElse());
    const own = whose === "own";
    return [
      {
        action: `retag and edit ${whose} claim`,
        may: { viewer: own ? null : 403, reviewer: own ? 200 : 403, editor: 200, admin: 200 },
        attempt: async (actor: TestPerson): Promise<Attempt> => {
          const slug = await article();
          const id = await claim(slug, await owner(actor), "delta");
          const body = { version: 1, tag: "denied", note: "changed" };
          return { slug, act: () => call(claimRoute.PATCH, { id }, { method: "PATCH", body, token: actor.token }) };
        },
      },
      {
        action: `delete ${whose} claim`,
        may: { viewer: own ? null : 403, reviewer: own ? 204 : 403, editor: 204, admin: 204 },
        attempt: async (actor: TestPerson): Promise<Attempt> => {
          const slug = await article();
          const id = await claim(slug, await owner(actor), "delta");
          return { slug, act: () => call(claimRoute.DELETE, { id }, { method: "DELETE", token: actor.token }) };
        },
      },
      {
        action: `restore ${whose} deleted claim`,
        may: { viewer: own ? null : 403, reviewer: own ? 200 : 403, editor: 200, admin: 200 },
        attempt: async (actor: TestPerson): Promise<Attempt> => {
          const slug = await article();
          const id = await deletedClaim(slug, await owner(actor), "delta");
          return { slug, act: () => call(restoreRoute.POST, { id }, { method: "POST", token: actor.token }) };
        },
      },
      {
        action: `confirm the verdict on ${whose} claim whose words changed`,
        may: { viewer: own ? null : 403, reviewer: own ? 200 : 403, editor: 200, admin: 200 },
        attempt: async (actor: TestPerson): Promise<Attempt> => {
          const slug = await article();
          const { id, version } = await wordsChanged(slug, await owner(actor));
          return { slug, act: () => call(claimRoute.PATCH, { id }, { method: "PATCH", body: { version, previousQuote: null }, token: actor.token }) };
        },
      },
      {
        action: `re-attach ${whose} orphan`,
        may: { viewer: own ? null : 403, reviewer: 403, editor: 200, admin: 200 },
        attempt: async (actor: TestPerson): Promise<Attempt> => {
          const slug = await article();
          const { id, version } = await orphan(slug, await owner(actor));
          const body = { version, ...at("golf", revisedText) };
          return { slug, act: () => call(reattachRoute.POST, { id }, { body, token: actor.token }) };
        },
      },
    ];
  }),
  {
    action: "add an article",
    may: { viewer: 403, reviewer: 403, editor: 201, admin: 201 },
    attempt: async (actor) => {
      const slug = await article();
      const title = `Added by a role ${randomUUID()}`;
      return {
        slug,
        act: () => call(documentsRoute.POST, {}, { body: { title, text: "A new article." }, token: actor.token }),
        extra: async () =>
          (await call(documentsRoute.GET, {}, { query: `q=${encodeURIComponent(title)}` })).json.documents.filter(
            (d: { title: string }) => d.title === title,
          ),
      };
    },
  },
  {
    action: "publish a revision",
    may: { viewer: 403, reviewer: 403, editor: 201, admin: 201 },
    attempt: async (actor) => {
      const slug = await article();
      await claim(slug, await someoneElse(), "echo");
      return { slug, act: () => call(revisionsRoute.POST, { slug }, { body: { text: revisedText }, token: actor.token }) };
    },
  },
  {
    action: "import claims",
    may: { viewer: 403, reviewer: 403, editor: 201, admin: 201 },
    attempt: async (actor) => {
      const slug = await article();
      return { slug, act: () => call(importRoute.POST, { slug }, { body: [w3cAnnotation("foxtrot")], token: actor.token }) };
    },
  },
];

/** Everything the API tells about an article, read by the admin: its text, revisions, claims and deleted claims. */
async function articleState(slug: string) {
  const as = { token: (await admin()).token };
  return {
    document: (await call(documentRoute.GET, { slug }, as)).json,
    revisions: (await call(revisionsRoute.GET, { slug }, as)).json,
    claims: (await call(claimsRoute.GET, { slug }, as)).json,
    deleted: (await call(deletedRoute.GET, { slug }, as)).json,
  };
}

const plural = (role: Role) => `${role[0].toUpperCase()}${role.slice(1)}s`;

describe("what each role may do", () => {
  const cases = table.flatMap(({ action, may, attempt }) =>
    roles.filter((role) => may[role] !== null).map((role) => ({ action, role, status: may[role]!, attempt })),
  );

  it.for(cases)("$role: $action → $status", async ({ role, status, attempt }) => {
    const actor = await actorIn(role);
    expect(actor.role).toBe(role);
    const { slug, act, extra } = await attempt(actor);
    const before = { article: await articleState(slug), extra: await extra?.() };
    const answer = await act();
    expect(answer.status, answer.text.slice(0, 300)).toBe(status);
    if (status === 403) {
      expect(answer.json.error).toEqual({ code: "forbidden", message: expect.stringMatching(new RegExp(`^${plural(role)} cannot `)) });
      expect({ article: await articleState(slug), extra: await extra?.() }).toEqual(before);
    }
  });

  it("says what the role lacks, and who may", async () => {
    const slug = await article();
    const viewer = await actorIn("viewer");
    const reviewer = await actorIn("reviewer");
    const created = await call(claimsRoute.POST, { slug }, { body: { ...at("delta"), tag: "denied" }, token: viewer.token });
    expect(created.json.error.message).toBe("Viewers cannot tag claims: reviewers, editors and admins can.");
    const id = await claim(slug, await someoneElse(), "echo");
    const edited = await call(claimRoute.PATCH, { id }, { method: "PATCH", body: { version: 1, note: "x" }, token: reviewer.token });
    expect(edited.json.error.message).toBe("Reviewers cannot change claims other than their own: editors and admins can.");
    const published = await call(revisionsRoute.POST, { slug }, { body: { text: revisedText }, token: reviewer.token });
    expect(published.json.error.message).toBe("Reviewers cannot publish revisions: editors and admins can.");
  });
});
