/**
 * One writer per PGlite folder, crash recovery and graceful stop, with real
 * server processes: each test starts its own `next start` servers on a
 * throwaway folder (also in the PostgreSQL pass of CI: the lock is PGlite's).
 */
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { articleSlug, claimBody, killStartedServers, ServerProcess } from "./server-process";

let root: string;
let dataDir: string;

test.beforeEach(() => {
  root = realpathSync(mkdtempSync(path.join(tmpdir(), "factcheck-folder-")));
  dataDir = path.join(root, "pglite");
});
test.afterEach(async () => {
  await killStartedServers();
  rmSync(root, { recursive: true, force: true });
});
// Several server starts per test, on 2 shared cores.
test.setTimeout(180_000);

test("a second server on the same folder exits at once, naming the folder and the first; the first keeps serving its data", async () => {
  const first = await ServerProcess.start(dataDir);
  await first.ready();
  const health = await first.fetch("/api/health");
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ status: "ok" });
  const ids = [await first.createClaim(0), await first.createClaim(1)];

  const second = await ServerProcess.start(dataDir);
  const code = await second.exited;
  expect(code).not.toBe(0);
  expect(second.log).toContain(`The data folder ${dataDir} is in use by another process`);
  expect(second.log).toContain(`pid ${first.pid} on host ${hostname()}, started `);
  expect(second.log).toMatch(/command: .*next.* start -p \d+/);
  expect(JSON.parse(readFileSync(`${dataDir}.lock`, "utf8"))).toMatchObject({ pid: first.pid });

  expect(first.running).toBe(true);
  expect((await first.fetch("/api/health?ready=1")).status).toBe(200);
  expect(await first.claimIds()).toEqual(expect.arrayContaining(ids));
  ids.push(await first.createClaim(2));
  expect(await first.claimIds()).toEqual(expect.arrayContaining(ids));
});

test("a server killed with kill -9 leaves a lock the next server takes over, with every acknowledged write", async () => {
  const first = await ServerProcess.start(dataDir);
  await first.ready();
  const ids = [await first.createClaim(0), await first.createClaim(1), await first.createClaim(2)];
  first.kill("SIGKILL");
  await first.exited;
  expect(JSON.parse(readFileSync(`${dataDir}.lock`, "utf8"))).toMatchObject({ pid: first.pid });

  const next = await ServerProcess.start(dataDir);
  await next.ready();
  expect(JSON.parse(readFileSync(`${dataDir}.lock`, "utf8"))).toMatchObject({ pid: next.pid });
  expect(next.log).toContain(`left by process ${first.pid}, which is no longer running`);
  expect(await next.claimIds()).toEqual(expect.arrayContaining(ids));
});

test("SIGTERM lets the request in flight finish, refuses new ones, exits 0 and releases the folder; a restart finds every acknowledged write", async () => {
  const server = await ServerProcess.start(dataDir);
  await server.ready();
  const ids = [await server.createClaim(0), await server.createClaim(1)];

  // A create whose body is only half sent: in flight when the signal comes.
  // `Expect: 100-continue` makes the server say when it has the request's
  // headers, i.e. when the request has started there.
  const id = randomUUID();
  const body = Buffer.from(JSON.stringify(claimBody(id, 3)));
  const url = new URL(`/api/documents/${articleSlug}/annotations`, server.origin);
  const headers = { ...(await server.claimHeaders()), "content-length": String(body.length), expect: "100-continue" };
  const inFlight = httpRequest(url, { method: "POST", headers });
  const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
    inFlight.once("response", (response) => {
      let text = "";
      response.on("data", (chunk) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode!, text }));
    });
    inFlight.once("error", reject);
  });
  const started = new Promise((resolve) => inFlight.once("continue", resolve));
  inFlight.flushHeaders();
  await started;
  inFlight.write(body.subarray(0, 10));
  server.kill("SIGTERM");
  await expect.poll(() => server.log).toMatch(/SIGTERM: finishing [1-9]\d* request\(s\) in flight/);
  // A new connection is refused. (A request that was already on its way over
  // a kept-alive connection may still be answered, with `Connection: close`.)
  await expect(newConnectionGet(new URL("/api/health", server.origin))).rejects.toThrow(/ECONNREFUSED/);

  inFlight.end(body.subarray(10));
  const { status, text } = await answered;
  expect(status, text).toBe(201);
  ids.push(id);
  const stoppedAt = Date.now();
  expect(await server.exited).toBe(0);
  expect(Date.now() - stoppedAt).toBeLessThan(10_000);
  expect(existsSync(`${dataDir}.lock`)).toBe(false);

  const restarted = await ServerProcess.start(dataDir);
  await restarted.ready();
  expect(await restarted.claimIds()).toEqual(expect.arrayContaining(ids));
  expect((await restarted.claimIds()).length).toBe(ids.length);
});

/** A GET over a connection of its own (no keep-alive pool): whether the server still takes connections. */
function newConnectionGet(url: URL): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode!);
    });
    request.once("error", reject);
    request.end();
  });
}
