import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { requestsInFlight, stopServing, trackRequests } from "./graceful-stop";

trackRequests();
let server: Server | undefined;
afterEach(() => server?.closeAllConnections());

/** A server whose `/slow` answers only when `finish()` is called; `events` gets "answered" once that answer is sent. */
async function startServer(events: string[] = []) {
  let finish = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  server = createServer((request, response) => {
    if (request.url === "/slow") void finished.then(() => response.end("slow done", () => events.push("answered")));
    else response.end("fast");
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, finish };
}

async function until(condition: () => boolean) {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe("stopServing", () => {
  it("refuses new connections, lets the request in flight finish, then closes", async () => {
    const events: string[] = [];
    const { origin, finish } = await startServer(events);
    expect(await (await fetch(`${origin}/fast`)).text()).toBe("fast");
    const slow = fetch(`${origin}/slow`).then((response) => response.text());
    await until(() => requestsInFlight() === 1);
    const stopped = stopServing({ close: async () => void events.push("closed") }).then((cutShort) => {
      events.push("stopped");
      return cutShort;
    });
    await expect(fetch(`${origin}/fast`)).rejects.toThrow();
    expect(events).toEqual([]);
    finish();
    expect(await slow).toBe("slow done");
    expect(await stopped).toBe(0);
    expect(events).toEqual(["answered", "closed", "stopped"]);
  });

  it("closes anyway once the requests in flight outlast the bound, and says how many were cut short", async () => {
    const { origin } = await startServer();
    const slow = fetch(`${origin}/slow`).catch(() => "cut short");
    await until(() => requestsInFlight() === 1);
    let closed = false;
    expect(await stopServing({ close: async () => void (closed = true), drainMs: 50 })).toBe(1);
    expect(closed).toBe(true);
    server!.closeAllConnections();
    expect(await slow).toBe("cut short");
  });
});
