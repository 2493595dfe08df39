/**
 * `npm run bench`: builds the production app and measures it against
 * baselines, printing a table and writing bench/results/latest.json.
 *
 * It works on a snapshot of the working tree (tracked and untracked files
 * that git does not ignore) in a temporary folder, with node_modules
 * hard-linked: the build then cannot touch this checkout (`next build`
 * rewrites tsconfig.json for its dist dir), and files that others change
 * while it runs do not mix into one measurement. In the snapshot it builds
 * with NEXT_DIST_DIR=.next-bench while it seeds a PGlite data directory and
 * a throwaway PostgreSQL cluster with the same corpus, then hands over to
 * bench/measure.ts. Everything it started is stopped, and the temporary
 * folder deleted, at the end or on Ctrl-C.
 *
 *   npm run bench [-- --quick] [-- --keep] [-- --only load|live|editor|api|corpus] [-- --port N]
 *
 * --quick: fewer runs and no 50,000/100,000-claim sets (a minute or two, to
 * try the benchmark itself, not to judge the app); --keep: leave the
 * temporary folder (build, data, server logs) for a closer look; --only load:
 * only the load figure (8), with only its articles seeded, its results in
 * bench/results/latest-load.json; --only editor: only the editor's
 * figures (1 and 2), in bench/results/latest-editor.json; --only api: figures 3 and 7 (create at
 * 16 clients against GET /api/me, and the editor page's JavaScript against the
 * bare editor); --only corpus: only the archive figure
 * (10), which seeds databases of its own; --port: the first of the ports the servers
 * and the cluster try (3400 by default; any free port when taken).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { MeasureConfig } from "./measure";
import { type PgCluster, startPgCluster } from "./lib/pg-cluster";
import { run } from "./lib/processes";
import { since } from "./lib/stats";

const repo = path.resolve(import.meta.dirname, "..");
const quick = process.argv.includes("--quick");
const keep = process.argv.includes("--keep");
const option = (name: string) => {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
};
const only = option("--only");
const onlyChoices = ["load", "live", "editor", "api", "corpus"];
if (only !== undefined && !onlyChoices.includes(only)) throw new Error(`--only takes one of ${onlyChoices.join(", ")}, not ${only}`);
// The corpus figure seeds databases of its own (bench/lib/corpus-figures.ts): the usual seeding is skipped.
const corpusOnly = only === "corpus";
// Both need only the load figure's articles seeded.
const loadOnly = only === "load" || only === "live";
const distDir = ".next-bench";
const basePort = Number(option("--port") ?? 3400);
if (!Number.isInteger(basePort) || basePort < 1024 || basePort > 65_000) throw new Error(`--port takes a port number from 1024 to 65000`);
const startedAt = Date.now();

let workDir: string | null = null;
let cluster: PgCluster | null = null;
let measuring: ChildProcess | null = null;

const log = (message: string) =>
  console.log(
    `[bench ${Math.round((Date.now() - startedAt) / 1000)
      .toString()
      .padStart(3)} s] ${message}`,
  );

/** Times a step, for the setup line of the report. */
async function step<T>(setup: Record<string, number>, name: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await work();
  setup[name] = Math.round(since(start));
  log(`${name}: ${(setup[name] / 1000).toFixed(1)} s`);
  return result;
}

async function snapshot(to: string): Promise<void> {
  const listed = await run("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: repo });
  const files = [...new Set(listed.split("\0").filter(Boolean))];
  for (const file of files) {
    const from = path.join(repo, file);
    if (!existsSync(from)) continue; // Deleted in the working tree.
    await mkdir(path.dirname(path.join(to, file)), { recursive: true });
    await copyFile(from, path.join(to, file));
  }
  // Hard links: a second node_modules in no time and no space, on the same file system.
  await run("cp", ["-al", path.join(repo, "node_modules"), path.join(to, "node_modules")]);
}

async function main() {
  log(`snapshot of ${repo}${quick ? " (quick run)" : ""}${loadOnly ? " (load figure only)" : ""}`);
  workDir = await mkdtemp("/tmp/factcheck-bench.");
  const appDir = path.join(workDir, "app");
  const setup: Record<string, number> = {};
  await step(setup, "snapshot", () => snapshot(appDir));

  const tsx = path.join(appDir, "node_modules", ".bin", "tsx");
  const seedArgs = ["bench/seed.ts", ...(quick ? ["--small"] : []), ...(loadOnly ? ["--only-load"] : [])];
  const pgliteDir = path.join(workDir, "pglite");
  const pgliteBaselineDir = path.join(workDir, "pglite-baseline");
  const baseEnv: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  delete baseEnv.DATABASE_URL;
  delete baseEnv.PGLITE_DATA_DIR;

  // The build and both seedings overlap: they share the two cores, and the run is shorter for it.
  const build = step(setup, "build", () =>
    run(process.execPath, [path.join(appDir, "node_modules", "next", "dist", "bin", "next"), "build"], {
      cwd: appDir,
      env: { ...baseEnv, NEXT_DIST_DIR: distDir },
      log: path.join(workDir!, "build.log"),
    }),
  );
  const seedPglite = step(setup, "seed PGlite", async () => {
    if (corpusOnly) return;
    await run(tsx, seedArgs, { cwd: appDir, env: { ...baseEnv, PGLITE_DATA_DIR: pgliteDir }, log: path.join(workDir!, "seed-pglite.log") });
    await run("cp", ["-a", pgliteDir, pgliteBaselineDir]);
  });
  const seedPostgres = step(setup, "seed PostgreSQL", async () => {
    const started = await startPgCluster(basePort + 32);
    if ("skipped" in started) return started.skipped;
    cluster = started;
    if (corpusOnly) return null;
    await run(tsx, seedArgs, { cwd: appDir, env: { ...baseEnv, DATABASE_URL: started.url }, log: path.join(workDir!, "seed-postgres.log") });
    return null;
  });
  const [built, seeded, postgres] = await Promise.allSettled([build, seedPglite, seedPostgres]);
  for (const outcome of [built, seeded]) if (outcome.status === "rejected") throw outcome.reason;
  const pgSkipped =
    postgres.status === "rejected"
      ? `seeding PostgreSQL failed: ${(postgres.reason as Error).message.split("\n")[0]}`
      : (postgres.value ?? undefined);
  if (pgSkipped) log(`PostgreSQL figures will be skipped: ${pgSkipped}`);

  const git = {
    commit: (await run("git", ["rev-parse", "HEAD"], { cwd: repo })).trim(),
    changedFiles: (await run("git", ["status", "--porcelain"], { cwd: repo })).split("\n").filter(Boolean).length,
  };
  const config: MeasureConfig = {
    startedAt,
    appDir,
    distDir,
    workDir,
    pgliteDir,
    pgliteBaselineDir,
    databaseUrl: pgSkipped ? undefined : (cluster as PgCluster | null)?.url,
    pgSkipped,
    resultsFile: path.join(repo, "bench", "results", only ? `latest-${only}.json` : "latest.json"),
    quick,
    only: only as MeasureConfig["only"],
    basePort,
    git,
    setup,
  };
  const configFile = path.join(workDir, "measure.json");
  await writeFile(configFile, JSON.stringify(config));
  const code = await new Promise<number>((resolve, reject) => {
    measuring = spawn(tsx, ["bench/measure.ts", configFile], { cwd: appDir, env: baseEnv, stdio: "inherit" });
    measuring.on("error", reject);
    measuring.on("exit", (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
  });
  if (code !== 0) throw new Error(`measuring failed (exit ${code})`);
}

let cleaning: Promise<void> | null = null;
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    if (measuring && measuring.exitCode === null) {
      // It stops its own servers on SIGTERM.
      const exited = new Promise((resolve) => measuring!.once("exit", resolve));
      measuring.kill("SIGTERM");
      await exited;
    }
    await (cluster as PgCluster | null)?.stop();
    if (workDir && !keep) await rm(workDir, { recursive: true, force: true });
    else if (workDir) log(`kept ${workDir}`);
  })();
  return cleaning;
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping`);
    void cleanUp().finally(() => process.exit(130));
  });
}

main().then(
  () => cleanUp(),
  async (error) => {
    console.error(error instanceof Error ? error.message : error);
    await cleanUp();
    process.exit(1);
  },
);
