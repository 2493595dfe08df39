/**
 * Production servers a test starts itself (`next start` of the build the
 * Playwright config made), each on a free loopback port and a PGlite folder
 * the test names, and never on the PostgreSQL of DATABASE_URL: what is under
 * test is the one-writer lock of a PGlite folder and the stop signals.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import path from "node:path";
import { bearer, type E2ePerson, firstAccount } from "./accounts";

const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
export const articleSlug = "jassy-bloomberg-retraction";

export class ServerProcess {
  private output = "";
  private admin: Promise<E2ePerson> | null = null;
  /** The exit code (null when ended by a signal), once the process has ended. */
  readonly exited: Promise<number | null>;

  private constructor(
    readonly child: ChildProcess,
    readonly origin: string,
  ) {
    child.stdout!.on("data", (chunk) => (this.output += chunk));
    child.stderr!.on("data", (chunk) => (this.output += chunk));
    this.exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  }

  /**
   * Starts `next start` on `dataDir` (or on the PostgreSQL of a DATABASE_URL that `extraEnv` gives), with the environment `extraEnv` gives for the server's origin; as
   * `npx next start` would, without package.json's NEXT_MANUAL_SIG_HANDLE.
   */
  static async start(dataDir: string, extraEnv: (origin: string) => Record<string, string> = () => ({})): Promise<ServerProcess> {
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const extra = extraEnv(origin);
    const env: NodeJS.ProcessEnv = { ...process.env, ...extra, PGLITE_DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: "1" };
    // Its own PGlite folder, unless it is asked to share a PostgreSQL (a second instance of one app).
    if (!extra.DATABASE_URL) delete env.DATABASE_URL;
    delete env.NEXT_MANUAL_SIG_HANDLE;
    const child = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], { env, stdio: ["ignore", "pipe", "pipe"] });
    const server = new ServerProcess(child, origin);
    started.add(server);
    return server;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** What the process printed on stdout and stderr so far. */
  get log(): string {
    return this.output;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Waits until `/api/health?ready=1` answers 200, or the process ends. */
  async ready(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`the server ended (${this.child.exitCode}) before it was ready:\n${this.output}`);
      const status = await fetch(`${this.origin}/api/health?ready=1`).then(
        (response) => response.status,
        () => 0,
      );
      if (status === 200) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`the server was not ready within ${timeoutMs} ms:\n${this.output}`);
  }

  fetch(pathname: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${this.origin}${pathname}`, init);
  }

  /**
   * The first account of this server's database, through the API as a
   * script makes it: signed up on a new folder, signed in on one that has it
   * (a server restarted on the same folder). Once per process.
   */
  firstAccount(): Promise<E2ePerson> {
    if (!this.admin) {
      this.admin = firstAccount(this.origin);
      this.admin.catch(() => (this.admin = null));
    }
    return this.admin;
  }

  /** The headers of a create as the first account (an admin, by its Bearer token), from the app's own page. */
  async claimHeaders(): Promise<Record<string, string>> {
    return { "content-type": "application/json", ...bearer(await this.firstAccount(), this.origin) };
  }

  /** Creates a claim on the first words of the CNBC article, `index` apart, and returns its id. */
  async createClaim(index: number): Promise<string> {
    const id = randomUUID();
    const response = await this.fetch(`/api/documents/${articleSlug}/annotations`, {
      method: "POST",
      headers: await this.claimHeaders(),
      body: JSON.stringify(claimBody(id, index)),
    });
    if (response.status !== 201) throw new Error(`creating a claim answered ${response.status}: ${await response.text()}`);
    return id;
  }

  /** The ids of the article's claims. */
  async claimIds(): Promise<string[]> {
    const response = await this.fetch(`/api/documents/${articleSlug}/annotations`, { headers: bearer(await this.firstAccount()) });
    if (response.status !== 200) throw new Error(`listing claims answered ${response.status}`);
    const { annotations } = (await response.json()) as { annotations: { id: string }[] };
    return annotations.map((annotation) => annotation.id).sort();
  }

  kill(signal: NodeJS.Signals) {
    if (this.running) this.child.kill(signal);
  }
}

export function claimBody(id: string, index: number) {
  return { id, start: index * 12, end: index * 12 + 8, tag: "unverified", note: `claim ${index}` };
}

const started = new Set<ServerProcess>();

/** Kills every server a test started and left running. */
export async function killStartedServers() {
  const running = [...started].filter((server) => server.running);
  for (const server of running) server.kill("SIGKILL");
  await Promise.all(running.map((server) => server.exited));
  started.clear();
}

/** A loopback port no one listens on now, chosen by the kernel. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
