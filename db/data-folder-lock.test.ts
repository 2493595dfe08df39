import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquireDataFolderLock, type LockHolder, lockPathOf, readHolder } from "./data-folder-lock";

let root: string;
let dataDir: string;
const children: ChildProcess[] = [];

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), "factcheck-lock-"));
  dataDir = path.join(root, "pglite");
  mkdirSync(dataDir);
});
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  rmSync(root, { recursive: true, force: true });
});

/** A process that runs until the test ends, and the command line it runs. */
function startSleeper(): ChildProcess {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000) // lock-test-sleeper"], { stdio: "ignore" });
  children.push(child);
  return child;
}

function writeLock(holder: Partial<LockHolder> & { pid: number }) {
  const full: LockHolder = { host: hostname(), startedAt: "2026-12-04T20:00:00.000Z", command: "", token: randomUUID(), ...holder };
  writeFileSync(lockPathOf(dataDir), JSON.stringify(full));
}

describe("the lock of a data folder", () => {
  it("is a file beside the folder naming this process, removed on release", () => {
    const lock = acquireDataFolderLock(dataDir);
    expect(lock.path).toBe(`${dataDir}.lock`);
    expect(readHolder(lock.path)).toMatchObject({ pid: process.pid, host: hostname(), command: process.argv.join(" "), cwd: process.cwd() });
    // Nothing inside the folder, nothing left beside it but the lock.
    expect(readdirSync(dataDir)).toEqual([]);
    expect(readdirSync(root).sort()).toEqual(["pglite", "pglite.lock"]);
    lock.release();
    expect(existsSync(lock.path)).toBe(false);
  });

  it("refuses a folder held by a live process, naming the folder and that process", async () => {
    const sleeper = startSleeper();
    await new Promise((resolve) => sleeper.once("spawn", resolve));
    writeLock({ pid: sleeper.pid!, startedAt: "2026-12-04T20:00:00.000Z", command: "node next start -p 3000", cwd: "/srv/other-checkout" });
    const refusal = (() => {
      try {
        acquireDataFolderLock(dataDir);
      } catch (error) {
        return error as Error;
      }
    })();
    expect(refusal?.name).toBe("DataFolderLockedError");
    expect(refusal?.message).toContain(`The data folder ${dataDir} is in use by another process`);
    expect(refusal?.message).toContain(`pid ${sleeper.pid} on host ${hostname()}, started 2026-12-04T20:00:00.000Z`);
    expect(refusal?.message).toContain("command: node next start -p 3000");
    expect(refusal?.message).toContain("in: /srv/other-checkout");
    // What the process runs now, as /proc shows it.
    expect(refusal?.message).toMatch(new RegExp(`/proc/${sleeper.pid}/cmdline: .*lock-test-sleeper`));
    // The holder's lock is untouched.
    expect(readHolder(lockPathOf(dataDir))).toMatchObject({ pid: sleeper.pid });
  });

  it("refuses a second opening by this very process", () => {
    const lock = acquireDataFolderLock(dataDir);
    expect(() => acquireDataFolderLock(dataDir)).toThrow(/in use by this very process/);
    lock.release();
  });

  it("takes over a lock whose process is dead", async () => {
    const dead = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
    await new Promise((resolve) => dead.once("exit", resolve));
    writeLock({ pid: dead.pid! });
    const lock = acquireDataFolderLock(dataDir);
    expect(readHolder(lock.path)).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it("takes over a lock whose pid now belongs to another process (started later)", () => {
    // The parent runs, but not since the start time the lock records.
    writeLock({ pid: process.ppid, startTicks: 1 });
    const lock = acquireDataFolderLock(dataDir);
    expect(readHolder(lock.path)).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it("takes over a lock file it cannot read", () => {
    writeFileSync(lockPathOf(dataDir), "");
    const lock = acquireDataFolderLock(dataDir);
    expect(readHolder(lock.path)).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it("lets exactly one of several processes starting at once over a stale lock win", async () => {
    const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
    const racer = path.join(process.cwd(), "test", "lock-racer.ts");
    for (let round = 0; round < 3; round++) {
      writeLock({ pid: 999_999_999 });
      const racers = Array.from({ length: 3 }, () => {
        const child = spawn(tsx, [racer, dataDir], { stdio: ["pipe", "pipe", "inherit"] });
        children.push(child);
        const lines = createInterface({ input: child.stdout! });
        const next = () => new Promise<string>((resolve) => lines.once("line", resolve));
        return { child, next };
      });
      await Promise.all(racers.map(({ next }) => next().then((line) => expect(line).toBe("ready"))));
      const outcomes = racers.map(({ next }) => next());
      for (const { child } of racers) child.stdin!.write("go\n");
      const results = await Promise.all(outcomes);
      expect([...results].sort()).toEqual(["refused", "refused", "won"]);
      expect(readHolder(lockPathOf(dataDir))).toMatchObject({ host: hostname(), pid: expect.not.toSatisfy((pid) => pid === 999_999_999) });
      for (const { child } of racers) child.stdin!.end();
      await Promise.all(racers.map(({ child }) => new Promise((resolve) => (child.exitCode === null ? child.once("exit", resolve) : resolve(null)))));
      // The winner released its lock on the way out; no temporary file is left.
      expect(readdirSync(root)).toEqual(["pglite"]);
    }
  });
});
