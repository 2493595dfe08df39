/**
 * The production server of the benchmark's build (`next start` on its own
 * port and database), and the memory its process tree holds.
 */
import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { type BenchAuth, signInBench } from "./accounts";
import { sleep } from "./stats";
import { processTree, startDetached, stopDetached } from "./processes";

export interface NextServer {
  origin: string;
  /** The benchmark's admin, signed in (bench/lib/accounts.ts). */
  auth: BenchAuth;
  /** The server process and its children, for memory readings. */
  pids: number[];
  stop: () => Promise<void>;
}

export interface ServerOptions {
  /** The snapshot of the app that holds the build. */
  appDir: string;
  distDir: string;
  port: number;
  /** DATABASE_URL, or PGLITE_DATA_DIR when absent. */
  databaseUrl?: string;
  pgliteDir?: string;
  log: string;
}

export async function startNextServer(options: ServerOptions): Promise<NextServer> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: options.distDir,
    // Figure 9's control: a bare event stream and a memory reading after a
    // garbage collection (app/bench/stream/route.ts), on the benchmark's servers only.
    BENCH_STREAM_CONTROL: "1",
    NODE_OPTIONS: [process.env.NODE_OPTIONS, "--expose-gc"].filter(Boolean).join(" "),
  };
  delete env.DATABASE_URL;
  delete env.PGLITE_DATA_DIR;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  else env.PGLITE_DATA_DIR = options.pgliteDir;
  const nextBin = path.join(options.appDir, "node_modules", "next", "dist", "bin", "next");
  const child: ChildProcess = startDetached(process.execPath, [nextBin, "start", "-p", String(options.port), "-H", "127.0.0.1"], {
    cwd: options.appDir,
    env,
    log: options.log,
  });
  const origin = `http://127.0.0.1:${options.port}`;
  const stop = () => stopDetached(child);
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}; see ${options.log}`);
    // Ready once the database answers (opened, migrated, content loaded).
    const ok = await fetch(`${origin}/api/health?ready=1`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not answer within 90 s; see ${options.log}`);
    }
    await sleep(250);
  }
  return { origin, auth: await signInBench(origin), pids: await processTree(child.pid!), stop };
}
