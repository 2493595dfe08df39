/**
 * A throwaway PostgreSQL 15 cluster, started by `.ci/pg-cluster.sh`, the
 * script `.ci/run` starts CI's with: owned by the `postgres` user when we are
 * root, under /tmp, UTF8, trust authentication, fsync off. Stopped and
 * deleted by `stop`.
 */
import path from "node:path";
import { freePort, run } from "./processes";

const script = path.resolve(import.meta.dirname, "../../.ci/pg-cluster.sh");

export interface PgCluster {
  url: string;
  stop: () => Promise<void>;
}

/** Starts a cluster with one empty database, or says why it cannot. */
export async function startPgCluster(preferredPort: number): Promise<PgCluster | { skipped: string }> {
  const port = await freePort(preferredPort);
  let output: string;
  try {
    output = await run("bash", [script, "start", "factcheck_bench", String(port)]);
  } catch (error) {
    // The script's own message (no binaries, no postgres user, the server's log) follows the command line.
    const lines = (error as Error).message.split("\n").filter(Boolean);
    return { skipped: `the PostgreSQL cluster did not start: ${lines.at(-1) ?? "no reason given"}` };
  }
  // Its last line is "DIR URL"; initdb's warnings (on stderr) may come before it.
  const started = /^(\S+) (postgres:\/\/\S+)$/m.exec(output.trim().split("\n").at(-1) ?? "");
  if (!started) throw new Error(`${script} start printed no "DIR URL" line:\n${output}`);
  const [, dir, url] = started;
  return { url, stop: () => run("bash", [script, "stop", dir]).then(() => undefined) };
}
