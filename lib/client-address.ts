/**
 * The network address a request came from, for limits that count by
 * address (server/sign-in-limit.ts). Route handlers see no socket, so the
 * server writes the socket's address into a request header as each request
 * starts (through Node's `http.server.request.start` diagnostics channel),
 * over any copy a client sent. `X-Forwarded-For` is read only with
 * `TRUST_PROXY=1`, when a proxy in front sets it.
 */
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";

export const clientAddressHeader = "x-factcheck-client-address";

const installedKey = Symbol.for("factcheck.client-address");

/** Starts writing each request's socket address into `clientAddressHeader`. */
export function recordClientAddresses(): void {
  const holder = globalThis as typeof globalThis & { [installedKey]?: boolean };
  if (holder[installedKey]) return;
  holder[installedKey] = true;
  subscribe("http.server.request.start", (message) => {
    const { request } = message as { request: IncomingMessage };
    request.headers[clientAddressHeader] = request.socket.remoteAddress ?? "unknown";
  });
}

/** The address of a request: its proxy's word with TRUST_PROXY=1, else the socket's. */
export function clientAddress(headers: Headers): string {
  if (process.env.TRUST_PROXY === "1") {
    const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  return headers.get(clientAddressHeader) ?? "unknown";
}
