/**
 * A PostgreSQL outage, played with a proxy in front of the server: while it
 * cannot be reached every route that needs it answers `503
 * database_unavailable` with `Retry-After` within 5 s; once it is back the
 * next requests succeed, with no stale errors and no stalls, again and again.
 */
import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { call, createTestDocument } from "@/test/api-client";
import { type DbProxy, startDbProxy } from "@/test/db-proxy";
import * as historyRoute from "./annotations/[id]/history/route";
import * as reattachRoute from "./annotations/[id]/reattach/route";
import * as restoreRoute from "./annotations/[id]/restore/route";
import * as annotationRoute from "./annotations/[id]/route";
import * as annotationsRoute from "./documents/[slug]/annotations/route";
import * as exportRoute from "./documents/[slug]/export/route";
import * as importRoute from "./documents/[slug]/import/route";
import * as revisionsRoute from "./documents/[slug]/revisions/route";
import * as documentRoute from "./documents/[slug]/route";
import * as documentsRoute from "./documents/route";

const databaseUrl = process.env.DATABASE_URL;
const text = "The minister said the bridge cost twelve million pounds.";

/** One request to each route that reads or writes the database, with a body it would accept. */
function everyRoute(slug: string, claimId: string) {
  const id = { id: claimId };
  return {
    "GET /api/documents": () => call(documentsRoute.GET, {}),
    "POST /api/documents": () => call(documentsRoute.POST, {}, { body: { id: randomUUID(), title: "Outage", text: "Words." } }),
    "GET /api/documents/{slug}": () => call(documentRoute.GET, { slug }),
    "GET …/annotations": () => call(annotationsRoute.GET, { slug }),
    // Made again and again on the same words, to see the route serve: allowed (the same words twice are refused otherwise).
    "POST …/annotations": () =>
      call(annotationsRoute.POST, { slug }, { body: { id: randomUUID(), start: 4, end: 12, tag: "disputed", sameWords: "allow" } }),
    "GET …/revisions": () => call(revisionsRoute.GET, { slug }),
    "POST …/revisions": () => call(revisionsRoute.POST, { slug }, { body: { id: randomUUID(), text: `${text} Updated.` } }),
    "POST …/import": () => call(importRoute.POST, { slug }, { body: [] }),
    "GET …/export": () => call(exportRoute.GET, { slug }, { query: "format=csv" }),
    "GET /api/annotations/{id}": () => call(annotationRoute.GET, id),
    "PATCH /api/annotations/{id}": () => call(annotationRoute.PATCH, id, { method: "PATCH", body: { version: 1, note: "n" } }),
    "DELETE /api/annotations/{id}": () => call(annotationRoute.DELETE, id, { method: "DELETE" }),
    "POST …/restore": () => call(restoreRoute.POST, id, { method: "POST" }),
    "POST …/reattach": () => call(reattachRoute.POST, id, { body: { version: 1, start: 0, end: 3 } }),
    "GET …/history": () => call(historyRoute.GET, id),
  };
}

async function timed<T>(request: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await request();
  return { result, ms: performance.now() - started };
}

describe.skipIf(!databaseUrl)("a PostgreSQL outage (PostgreSQL only: PGlite runs in the process and cannot become unreachable)", () => {
  // Skipped on PGlite: it runs in this process and cannot become unreachable.
  let proxy: DbProxy;
  let admin: postgres.Sql;
  let slug: string;
  let claimId: string;

  beforeAll(async () => {
    proxy = await startDbProxy(databaseUrl!);
    admin = postgres(databaseUrl!, { max: 1, onnotice: () => {} });
    await closeDb();
    process.env.DATABASE_URL = proxy.url;
    slug = (await createTestDocument([{ type: "paragraph", text }])).slug;
    const created = await call(annotationsRoute.POST, { slug }, { body: { start: 4, end: 12, tag: "disputed" } });
    expect(created.status).toBe(201);
    claimId = created.json.annotation.id;
  });
  afterAll(async () => {
    proxy.restore();
    await closeDb();
    process.env.DATABASE_URL = databaseUrl;
    await admin.end();
    await proxy.close();
  });

  async function expectAllUnavailable() {
    const routes = Object.entries(everyRoute(slug, claimId));
    const answers = await Promise.all(routes.map(async ([name, request]) => ({ name, ...(await timed(request)) })));
    for (const { name, result, ms } of answers) {
      expect({ name, status: result.status, code: result.json?.error?.code }).toEqual({ name, status: 503, code: "database_unavailable" });
      expect(Number(result.headers.get("retry-after")), name).toBeGreaterThan(0);
      expect(ms, name).toBeLessThan(5_000);
    }
  }

  async function expectAllServed() {
    // Reads, then a create, a change and a delete and restore: several rounds, each at once.
    for (let round = 0; round < 3; round++) {
      const routes = everyRoute(slug, claimId);
      for (const name of ["GET /api/documents", "GET /api/documents/{slug}", "GET …/annotations", "GET …/history", "POST …/annotations"] as const) {
        const { result, ms } = await timed(routes[name]);
        expect(result.status, `${name}: ${result.text}`).toBeLessThan(300);
        expect(ms, name).toBeLessThan(5_000);
      }
      const { json } = await call(annotationRoute.GET, { id: claimId });
      const patched = await call(
        annotationRoute.PATCH,
        { id: claimId },
        { method: "PATCH", body: { version: json.annotation.version, note: `round ${round}` } },
      );
      expect(patched.status).toBe(200);
    }
  }

  it("answers 503 with Retry-After within 5 s while the server cannot be reached, and serves at once when it is back", async () => {
    await expectAllServed();
    for (let outage = 0; outage < 2; outage++) {
      proxy.cut();
      await expectAllUnavailable();
      await expectAllUnavailable();
      proxy.restore();
      await expectAllServed();
    }
  });

  it("recovers when the server ends its connections mid-transaction, as a shutdown does", async () => {
    await expectAllServed();
    // Creates in flight (each a transaction) when the server terminates every connection of the app (the same words each time: allowed).
    const creates = Array.from({ length: 8 }, () =>
      call(annotationsRoute.POST, { slug }, { body: { id: randomUUID(), start: 17, end: 23, tag: "unverified", sameWords: "allow" } }),
    );
    await admin`select pg_terminate_backend(pid) from pg_stat_activity where client_port = any(${proxy.serverSidePorts()})`;
    for (const { status, json } of await Promise.all(creates)) {
      expect(status === 201 || (status === 503 && json.error.code === "database_unavailable"), `${status} ${JSON.stringify(json)}`).toBe(true);
    }
    // A process-wide uncaught exception (postgres.js #1208) fails this file in vitest; stale errors fail here.
    await expectAllServed();
    await expectAllServed();
  });
});
