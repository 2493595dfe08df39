/**
 * A TCP proxy in front of PostgreSQL that a test can cut and restore, to
 * play a database outage without stopping the server others use. `cut()`
 * destroys every open connection and refuses new ones (as a stopped server
 * does); `restore()` lets them through again. Loopback only.
 */
import net from "node:net";

export interface DbProxy {
  /** Port the proxy listens on, on 127.0.0.1. */
  port: number;
  /** `url` with its host and port replaced by the proxy's. */
  url: string;
  /** Local ports of the proxy's open connections to the server: `client_port` in `pg_stat_activity`. */
  serverSidePorts(): number[];
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

/** Starts a proxy to the PostgreSQL server of `url` on a free loopback port. */
export async function startDbProxy(url: string): Promise<DbProxy> {
  const target = new URL(url);
  const targetPort = Number(target.port || 5432);
  const sockets = new Set<net.Socket>();
  const upstreams = new Set<net.Socket>();
  let down = false;

  const server = net.createServer((client) => {
    if (down) {
      // Reset, not a clean close: what a port nobody listens on does.
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(targetPort, target.hostname);
    upstreams.add(upstream);
    upstream.on("close", () => upstreams.delete(upstream));
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  const proxied = new URL(url);
  proxied.hostname = "127.0.0.1";
  proxied.port = String(port);

  return {
    port,
    url: proxied.toString(),
    serverSidePorts: () => [...upstreams].map((socket) => socket.localPort).filter((port) => port !== undefined),
    cut() {
      down = true;
      for (const socket of sockets) socket.resetAndDestroy();
      sockets.clear();
    },
    restore() {
      down = false;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
