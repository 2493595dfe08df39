/**
 * Child processes of a benchmark run: each is started in its own process
 * group, so that stopping it (by its id) also stops whatever it started, and
 * nothing else.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { createServer } from "node:net";

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** File that receives the command's output; the output is shown on failure either way. */
  log?: string;
}

/** Runs a command to completion; rejects with the end of its output when it fails. */
export function run(command: string, args: string[], options: RunOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    const log = options.log ? createWriteStream(options.log, { flags: "a" }) : null;
    let output = "";
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.length > 200_000) output = output.slice(-100_000);
      log?.write(chunk);
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("error", reject);
    child.on("close", (code) => {
      log?.end();
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(" ")} exited with ${code}:\n${output.slice(-4_000)}`));
    });
  });
}

/** Starts a long-running command in its own process group, its output going to `log`. */
export function startDetached(command: string, args: string[], options: RunOptions & { log: string }): ChildProcess {
  const log = createWriteStream(options.log, { flags: "a" });
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  return child;
}

/** Stops a process started by `startDetached`, and its group: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopDetached(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // Already gone.
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

/** A TCP port that is free now on 127.0.0.1: `preferred` when it is, else one the kernel picks. */
export async function freePort(preferred?: number): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number | null>((resolve) => {
      const server = createServer();
      server.once("error", () => resolve(null));
      server.listen(port, "127.0.0.1", () => {
        const address = server.address();
        server.close(() => resolve(typeof address === "object" && address ? address.port : null));
      });
    });
  if (preferred !== undefined) {
    const port = await tryListen(preferred);
    if (port !== null) return port;
  }
  const port = await tryListen(0);
  if (port === null) throw new Error("no free TCP port");
  return port;
}

/** A process and all its descendants, from /proc. */
export async function processTree(root: number): Promise<number[]> {
  const parents = new Map<number, number>();
  for (const name of await readdir("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = await readFile(`/proc/${name}/stat`, "utf8");
      // The command name may hold spaces and parentheses; fields resume after the last ")".
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parents.set(Number(name), Number(fields[1]));
    } catch {
      // Exited while we looked.
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) {
    for (const [pid, parent] of parents) if (parent === tree[i]) tree.push(pid);
  }
  return tree;
}

const pageSize = 4096;

/** Resident memory of some processes, in bytes (those that have exited count 0). */
export async function residentBytes(pids: readonly number[]): Promise<number> {
  let total = 0;
  for (const pid of pids) {
    try {
      const statm = await readFile(`/proc/${pid}/statm`, "utf8");
      total += Number(statm.split(" ")[1]) * pageSize;
    } catch {
      // Exited.
    }
  }
  return total;
}

/** Samples the resident memory of a process tree every `intervalMs` until stopped; keeps the peak. */
export class MemorySampler {
  private timer: ReturnType<typeof setInterval> | null = null;
  private sampling: Promise<void> = Promise.resolve();
  peak = 0;
  samples = 0;

  constructor(private readonly pids: readonly number[]) {}

  start(intervalMs = 10): void {
    this.timer = setInterval(() => {
      // One reading at a time: a slow /proc read must not pile up.
      this.sampling = this.sampling.then(async () => {
        const bytes = await residentBytes(this.pids);
        this.peak = Math.max(this.peak, bytes);
        this.samples++;
      });
    }, intervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.sampling;
    // A last reading, so that a short run still has one.
    this.peak = Math.max(this.peak, await residentBytes(this.pids));
  }
}
