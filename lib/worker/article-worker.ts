/**
 * Entry of the worker thread that runs `tasks` for the pool
 * (`article-work.ts`): one task at a time, its answer or its error posted
 * back under the task's id. Kept this small so that the bundle it starts
 * holds only the article and anchoring code.
 */
import { setPriority } from "node:os";
import { parentPort } from "node:worker_threads";
import { ArticleLimitError } from "../article-limits";
import { type TaskName, tasks } from "./tasks";

// Linux gives each thread its own nice value, and pid 0 is the calling thread:
// this lowers the worker's priority only, so that on a busy machine the
// server's own thread, answering every other request, comes first.
try {
  setPriority(0, 10);
} catch {
  // Not allowed or not supported (the worker still works, at normal priority).
}

export interface TaskRequest {
  id: number;
  task: TaskName;
  args: unknown[];
}

/** The worker's first message, once its code is loaded. */
export const ready = "ready";

export type TaskAnswer =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; limit: { status: 400 | 413; limit: string; message: string } }
  | { id: number; ok: false; failure: string };

parentPort?.on("message", ({ id, task, args }: TaskRequest) => {
  let answer: TaskAnswer;
  try {
    const run = tasks[task] as (...args: unknown[]) => unknown;
    answer = { id, ok: true, value: run(...args) };
  } catch (error) {
    answer =
      error instanceof ArticleLimitError
        ? { id, ok: false, limit: { status: error.status, limit: error.limit, message: error.message } }
        : { id, ok: false, failure: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort!.postMessage(answer);
});
parentPort?.postMessage(ready);
