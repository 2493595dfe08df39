/**
 * One writer per PGlite data folder.
 *
 * PGlite is PostgreSQL in single-user mode: two processes that open the same
 * folder each replay and write its WAL as if alone, and the folder is lost
 * (`PANIC: could not locate a valid checkpoint record`). So the process that
 * opens a folder first holds a lock file beside it, `<folder>.lock` (beside,
 * not inside, so that PGlite and dump tools never meet a file they do not
 * know, and an empty folder stays empty for a first start). The file is JSON:
 *
 *     { "pid", "host", "startedAt", "command", "cwd", "bootId"?, "startTicks"?, "token" }
 *
 * `startedAt` is when the holding process started (ISO 8601); `command` its
 * arguments as it was started (Next renames its process, which rewrites
 * /proc/<pid>/cmdline to "next-server (v…)"), `cwd` its working folder (which
 * checkout it runs from); `bootId` and
 * `startTicks` (Linux: the kernel's boot id and the process's start time in
 * clock ticks since boot, from /proc) tell a live holder from a dead one whose
 * pid the kernel has since given to another process; `token` is random, so
 * that a file can be told from a newer one with the same pid.
 *
 * A lock file is created whole and at once: written under a temporary name,
 * then hard-linked to `<folder>.lock`, which fails if the name exists. A lock
 * whose holder is dead (same host, and its pid gone or reused) is stale. It is
 * taken over by renaming it to a name of our own and checking we moved the
 * very file judged stale (its token); if we moved a newer one instead, it is
 * linked back. Of two processes starting at once over a stale lock, exactly
 * one creates the new lock; the other then finds it live and is refused.
 */
import { randomUUID } from "node:crypto";
import { linkSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";

/** What a lock file says about the process holding the folder. */
export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
  command: string;
  cwd?: string;
  bootId?: string;
  startTicks?: number;
  token: string;
}

/** A held lock; `release()` removes the file if it is still ours. */
export interface DataFolderLock {
  path: string;
  holder: LockHolder;
  release: () => void;
}

/** Thrown when another live process holds the folder; its message names both. */
export class DataFolderLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly lockPath: string,
    readonly holder: LockHolder,
  ) {
    super(describeRefusal(dataDir, lockPath, holder));
    this.name = "DataFolderLockedError";
  }
}

/** The lock file of a data folder (an absolute, resolved path). */
export function lockPathOf(dataDir: string): string {
  return `${dataDir.replace(/\/+$/, "")}.lock`;
}

/**
 * Takes the lock of `dataDir` for this process, or throws
 * `DataFolderLockedError` when a live process holds it. A stale lock (its
 * process dead) is taken over.
 */
export function acquireDataFolderLock(dataDir: string): DataFolderLock {
  const lockPath = lockPathOf(dataDir);
  const holder = describeThisProcess();
  const draft = `${lockPath}.${process.pid}.${holder.token}.tmp`;
  writeFileSync(draft, `${JSON.stringify(holder, null, 2)}\n`, { flag: "wx" });
  try {
    // Rounds end when a stale lock was removed, or another process is
    // removing one (a few milliseconds); a process can only make us go round
    // again by creating a lock, which then stops us.
    for (let round = 0; round < 400; round++) {
      try {
        linkSync(draft, lockPath);
        return { path: lockPath, holder, release: () => releaseIfOurs(lockPath, holder.token) };
      } catch (error) {
        if (!isCode(error, "EEXIST")) throw error;
      }
      const current = readHolder(lockPath);
      if (current === "missing") continue;
      if (current !== "unreadable" && isRunning(current)) throw new DataFolderLockedError(dataDir, lockPath, current);
      takeOverStale(lockPath, current === "unreadable" ? null : current.token);
    }
    throw new Error(`Could not take the lock ${lockPath}: other processes kept replacing it.`);
  } finally {
    unlinkSync(draft);
  }
}

/** Reads the holder named by a lock file, if there is one. */
export function readHolder(lockPath: string): LockHolder | "missing" | "unreadable" {
  let text: string;
  try {
    text = readFileSync(lockPath, "utf8");
  } catch (error) {
    if (isCode(error, "ENOENT")) return "missing";
    throw error;
  }
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid === "number" && typeof value.host === "string" && typeof value.token === "string") return value as LockHolder;
  } catch {
    // Not JSON: not written by this module.
  }
  return "unreadable";
}

/**
 * Whether the process a lock names still runs. On another host it cannot be
 * checked, and is taken as running: only a person can tell it is gone.
 */
export function isRunning(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  const bootId = readBootId();
  if (holder.bootId && bootId && holder.bootId !== bootId) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: it runs, as another user.
    if (isCode(error, "ESRCH")) return false;
  }
  const ticks = readStartTicks(holder.pid);
  return holder.startTicks === undefined || ticks === undefined || ticks === holder.startTicks;
}

/** What this process's lock file says about it. */
function describeThisProcess(): LockHolder {
  const bootId = readBootId();
  const startTicks = readStartTicks(process.pid);
  return {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date(Date.now() - process.uptime() * 1000).toISOString(),
    command: process.argv.join(" "),
    cwd: process.cwd(),
    ...(bootId ? { bootId } : {}),
    ...(startTicks === undefined ? {} : { startTicks }),
    token: randomUUID(),
  };
}

/**
 * Removes a stale lock, under a take-over mutex (`<lock>.takeover`, created
 * exclusively): only its holder may remove a lock file, and only after
 * reading again, under it, that the file is still the stale one. Removing
 * it any other way (moving it aside, then checking) leaves a moment with no
 * lock file, in which a third process can take the folder while the lock
 * of a second, live, one is being put back. A mutex left by a process that
 * died inside this function (a few system calls) is removed after 10 s.
 */
function takeOverStale(lockPath: string, staleToken: string | null) {
  const mutex = `${lockPath}.takeover`;
  try {
    writeFileSync(mutex, String(process.pid), { flag: "wx" });
  } catch (error) {
    if (!isCode(error, "EEXIST")) throw error;
    const age = Date.now() - (statSync(mutex, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > 10_000) rmSync(mutex, { force: true });
    else pause(5); // Another process is taking it over: look again shortly.
    return;
  }
  try {
    const current = readHolder(lockPath);
    const stillStale = staleToken === null ? current === "unreadable" : typeof current === "object" && current.token === staleToken;
    if (!stillStale) return;
    unlinkSync(lockPath);
    console.warn(
      `Took over the lock ${lockPath} left by ${typeof current === "object" ? `process ${current.pid}, which is no longer running` : "an unreadable lock file"}.`,
    );
  } finally {
    rmSync(mutex, { force: true });
  }
}

/** Blocks this thread for `ms` (the lock is taken synchronously, at start-up). */
function pause(ms: number) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function releaseIfOurs(lockPath: string, token: string) {
  const current = readHolder(lockPath);
  if (typeof current === "object" && current.token === token) unlinkSync(lockPath);
}

function describeRefusal(dataDir: string, lockPath: string, holder: LockHolder): string {
  const self = holder.pid === process.pid && holder.host === hostname();
  const running = holder.host === hostname() ? readCommandLine(holder.pid) : undefined;
  return [
    `The data folder ${dataDir} is in use by ${self ? "this very process (opened twice)" : "another process"}:`,
    `  pid ${holder.pid} on host ${holder.host}, started ${holder.startedAt}`,
    ...(holder.command ? [`  command: ${holder.command}`] : []),
    ...(running && running !== holder.command ? [`  /proc/${holder.pid}/cmdline: ${running}`] : []),
    ...(holder.cwd ? [`  in: ${holder.cwd}`] : []),
    "Two processes writing one PGlite folder destroy it. Stop that process, or set PGLITE_DATA_DIR to another folder.",
    `If that process is gone (e.g. on another host), delete ${lockPath}.`,
  ].join("\n");
}

function readCommandLine(pid: number): string | undefined {
  try {
    const raw = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    return raw.split("\0").filter(Boolean).join(" ") || undefined;
  } catch {
    return undefined;
  }
}

/** Field 22 of /proc/<pid>/stat, after the command name (which may hold spaces and parentheses). */
function readStartTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const ticks = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]);
    return Number.isSafeInteger(ticks) ? ticks : undefined;
  } catch {
    return undefined;
  }
}

function readBootId(): string | undefined {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}

function isCode(error: unknown, code: string): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === code;
}
