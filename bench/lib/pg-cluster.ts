/**
 * A throwaway PostgreSQL 15 cluster, started as `.ci/run` starts CI's: owned
 * by the `postgres` user when we are root (initdb refuses to run as root),
 * under /tmp so that user can reach it, UTF8, trust authentication, fsync off
 * because the data is thrown away. Stopped and deleted by `stop`.
 */
import { existsSync } from "node:fs";
import { chown, mkdtemp, rm } from "node:fs/promises";
import { userInfo } from "node:os";
import path from "node:path";
import { freePort, run } from "./processes";

const pgBin = "/usr/lib/postgresql/15/bin";

export interface PgCluster {
  url: string;
  stop: () => Promise<void>;
}

/** Starts a cluster with one empty database, or says why it cannot. */
export async function startPgCluster(preferredPort: number): Promise<PgCluster | { skipped: string }> {
  if (!existsSync(path.join(pgBin, "initdb"))) return { skipped: `no PostgreSQL 15 binaries in ${pgBin}` };
  const dir = await mkdtemp("/tmp/factcheck-bench-pg.");
  const asRoot = userInfo().uid === 0;
  const as = (command: string, args: string[]) =>
    asRoot ? run("runuser", ["-u", "postgres", "--", path.join(pgBin, command), ...args]) : run(path.join(pgBin, command), args);
  if (asRoot) {
    const postgres = await run("id", ["-u", "postgres"]).catch(() => null);
    if (!postgres) return { skipped: "running as root and there is no postgres user to own the cluster" };
    await chown(dir, Number(postgres.trim()), Number((await run("id", ["-g", "postgres"])).trim()));
  }
  const data = path.join(dir, "data");
  const port = await freePort(preferredPort);
  const stop = async () => {
    await as("pg_ctl", ["-D", data, "-m", "fast", "stop"]).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await as("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale"]);
    await as("pg_ctl", ["-D", data, "-l", path.join(dir, "server.log"), "-w", "-o", `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off`, "start"]);
    await as("createdb", ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "factcheck_bench"]);
  } catch (error) {
    await stop();
    return { skipped: `the PostgreSQL cluster did not start: ${(error as Error).message.split("\n")[0]}` };
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/factcheck_bench`, stop };
}
