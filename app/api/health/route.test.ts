import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { call } from "@/test/api-client";
import * as healthRoute from "./route";

const health = (query?: string) => call(healthRoute.GET, {}, { query, reviewer: null });
const databaseUrl = process.env.DATABASE_URL;
// Opened before the tests, as the server opens it at start: a first opening
// (migrations) may take longer than the readiness check waits.
beforeAll(() => getDb());
afterAll(closeDb);

async function restoreDatabase() {
  // An opening that failed throws here again.
  await closeDb().catch(() => {});
  if (databaseUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = databaseUrl;
}

/** Points the app at a PostgreSQL address on loopback whose listener `answer`s connections as given. */
async function unreachableDatabase(answer: "refuse" | "never") {
  let server: Server | undefined;
  const sockets: Socket[] = [];
  let port: number;
  if (answer === "never") {
    // Takes the connection, never says a word: a database that hangs.
    server = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    port = (server.address() as { port: number }).port;
  } else {
    // A port that was free a moment ago: connections are refused.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    port = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));
  }
  await closeDb();
  process.env.DATABASE_URL = `postgres://nobody@127.0.0.1:${port}/none`;
  return async () => {
    server?.close();
    for (const socket of sockets) socket.destroy();
    await restoreDatabase();
  };
}

describe("GET /api/health", () => {
  it("answers 200 ok without sign-in", async () => {
    const { status, json, headers } = await health();
    expect(status).toBe(200);
    expect(json).toEqual({ status: "ok" });
    expect(headers.get("cache-control")).toBe("no-store");
  });

  it("answers 200 ok with ?ready=1 when the database answers", async () => {
    const { status, json } = await health("ready=1");
    expect(status).toBe(200);
    expect(json).toEqual({ status: "ok" });
  });

  it("answers 200 again once the database is back", async () => {
    const stop = await unreachableDatabase("refuse");
    expect((await health("ready=1")).status).toBe(503);
    await stop();
    await getDb();
    expect((await health("ready=1")).status).toBe(200);
  });

  it("stays 200 without ?ready=1 while the database is away: it does not touch it", async () => {
    const stop = await unreachableDatabase("refuse");
    expect((await health()).status).toBe(200);
    await stop();
  });

  it.each(["refuse", "never"] as const)("answers 503 database_unavailable with Retry-After when the database connections %s", async (answer) => {
    const stop = await unreachableDatabase(answer);
    const { status, json, headers } = await health("ready=1");
    await stop();
    expect(status).toBe(503);
    expect(json.error).toMatchObject({ code: "database_unavailable", message: expect.any(String) });
    expect(Number(headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("refuses an unknown value of ready with a 400", async () => {
    const { status, json } = await health("ready=maybe");
    expect(status).toBe(400);
    expect(json.error.code).toBe("invalid_query");
  });

  it("takes only GET", async () => {
    const { status, headers } = await call(healthRoute.POST, {}, { method: "POST" });
    expect(status).toBe(405);
    expect(headers.get("allow")).toContain("GET");
  });
});
