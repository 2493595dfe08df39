/**
 * Stopping the server without losing a request: on SIGTERM or SIGINT, stop
 * taking connections, let the requests in flight finish (up to a bound), then
 * close what must be closed (the database: PGlite checkpoints and releases its
 * folder's lock), and exit 0.
 *
 * The HTTP server belongs to the framework, so it is found, and its requests
 * counted, through Node's `http.server.request.start` diagnostics channel,
 * which hands every request its server, without patching anything. A server
 * that has not seen a request yet has none in flight.
 */
import { subscribe } from "node:diagnostics_channel";
import type { Server, ServerResponse } from "node:http";

export interface GracefulStopOptions {
  /** Closes what must outlive every request: called once none is in flight, or at `drainMs`. */
  close: () => Promise<void>;
  /** How long requests in flight may take to finish. */
  drainMs?: number;
  /** How long `close` may take before the process exits anyway. */
  closeMs?: number;
}

/** The requests this process's HTTP servers are answering, and the servers. */
interface Traffic {
  servers: Set<Server>;
  inFlight: Set<ServerResponse>;
  stopping: boolean;
  idle: Set<() => void>;
  installed: boolean;
}

// On globalThis: Next may load this module more than once (one copy per bundle).
const trafficKey = Symbol.for("factcheck.graceful-stop");

function traffic(): Traffic {
  const holder = globalThis as typeof globalThis & { [trafficKey]?: Traffic };
  if (holder[trafficKey]) return holder[trafficKey];
  const state: Traffic = { servers: new Set(), inFlight: new Set(), stopping: false, idle: new Set(), installed: false };
  holder[trafficKey] = state;
  subscribe("http.server.request.start", (message) => {
    const { response, server } = message as { response: ServerResponse; server: Server };
    state.servers.add(server);
    state.inFlight.add(response);
    // A request that comes on a kept-alive connection while stopping is
    // answered, and its connection then closed.
    if (state.stopping && !response.headersSent) response.setHeader("connection", "close");
    // "close" comes after the answer is sent, or when the client goes away.
    response.once("close", () => {
      state.inFlight.delete(response);
      if (state.inFlight.size === 0) for (const resolve of state.idle) resolve();
    });
  });
  return state;
}

/** Starts counting requests; call before the server takes any, or as early as possible. */
export function trackRequests(): void {
  traffic();
}

/** How many requests are being answered now. */
export function requestsInFlight(): number {
  return traffic().inFlight.size;
}

/**
 * Stops taking connections, waits for the requests in flight (at most
 * `drainMs`), then runs `close` (at most `closeMs`). Resolves to the number of
 * requests cut short (0 when all finished).
 */
export async function stopServing({ close, drainMs = 10_000, closeMs = 5_000 }: GracefulStopOptions): Promise<number> {
  const state = traffic();
  state.stopping = true;
  // Node's `close()` also ends idle kept-alive connections.
  for (const server of state.servers) server.close();
  for (const response of state.inFlight) if (!response.headersSent) response.setHeader("connection", "close");
  if (state.inFlight.size > 0) {
    let resolveIdle = () => {};
    const idle = new Promise<void>((resolve) => {
      resolveIdle = resolve;
      state.idle.add(resolve);
    });
    await within(idle, drainMs);
    state.idle.delete(resolveIdle);
  }
  const cutShort = state.inFlight.size;
  if (
    !(await within(
      close().then(() => true),
      closeMs,
    ))
  )
    console.error(`Closing took over ${closeMs} ms; exiting anyway.`);
  return cutShort;
}

/**
 * On SIGTERM or SIGINT, `stopServing`, then exit 0 (1 when closing failed).
 * Later signals while stopping are ignored: Ctrl+C in a terminal reaches the
 * server from both the shell and its parent process.
 */
export function installGracefulStop(options: GracefulStopOptions): void {
  const state = traffic();
  if (state.installed) return;
  state.installed = true;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing ${state.inFlight.size} request(s) in flight, then closing the database.`);
    stopServing(options).then(
      (cutShort) => {
        if (cutShort > 0) console.error(`${cutShort} request(s) did not finish within ${options.drainMs ?? 10_000} ms.`);
        process.exit(0);
      },
      (error) => {
        console.error("Stopping failed:", error);
        process.exit(1);
      },
    );
  };
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, onSignal);
}

function within<T>(promise: Promise<T>, ms: number): Promise<T | false> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
