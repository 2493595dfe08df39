/**
 * Runs the costly article work (`tasks.ts`) on worker threads, so that no
 * article, however hostile, holds the server's event loop: a small pool of
 * workers, each given one task at a time, and a time limit per task after
 * which the worker is terminated (the only way to stop a synchronous parse)
 * and the request refused with `422 too_complex`.
 *
 * Under Next the worker is started as `new Worker("./lib/worker/
 * article-worker.ts")`, a path from the project's root, which Turbopack
 * bundles as a worker entry with its imports, in `next build` and `next dev`
 * alike (`new URL("./article-worker.ts", import.meta.url)` was only copied
 * as an asset, TypeScript and all). Outside Next (vitest, scripts run with
 * tsx) a small bootstrap loads the source through tsx's `tsImport`: Node 20
 * does not hand `--import` hooks on to a worker.
 *
 * A pool library (piscina, tinypool) would take a file name, which Turbopack
 * cannot follow into a bundle; what is needed here (a queue, a timer,
 * terminate) is a few lines.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { HttpError } from "../http";
import { articleWorkMemoryLimitMb, articleWorkTimeLimitMs } from "../limits";
import type { TaskAnswer, TaskRequest } from "./article-worker";
import type { TaskName, Tasks } from "./tasks";
import { errorCode } from "../error-codes";

type Result<Name extends TaskName> = ReturnType<Tasks[Name]>;

interface Job {
  request: TaskRequest;
  timeLimitMs: number;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

// One core is left to the server itself; two workers are enough for articles, which come rarely.
const poolSize = Math.max(1, Math.min(2, availableParallelism() - 1));
/** Workers loaded and waiting for a task. */
const idle: Worker[] = [];
const queue: Job[] = [];
/** Workers running a task, and workers still loading: with `idle`, every worker alive. */
let busy = 0;
let starting = 0;
let nextId = 1;

/**
 * Runs one task off the main thread. Rejects with an `HttpError`: 400 or 413
 * for an article past one of `articleLimits`, 422 `too_complex` when the work
 * took longer than `articleWorkTimeLimitMs` or more memory than
 * `articleWorkMemoryLimitMb`.
 */
export function runOffThread<Name extends TaskName>(task: Name, ...args: Parameters<Tasks[Name]>): Promise<Result<Name>> {
  return runWithin(articleWorkTimeLimitMs, task, ...args);
}

/** `runOffThread` with another time limit (tests use a short one). */
export function runWithin<Name extends TaskName>(timeLimitMs: number, task: Name, ...args: Parameters<Tasks[Name]>): Promise<Result<Name>> {
  return new Promise((resolve, reject) => {
    queue.push({ request: { id: nextId++, task, args }, timeLimitMs, resolve: resolve as (value: unknown) => void, reject });
    dispatch();
  });
}

function dispatch(): void {
  while (queue.length > 0 && idle.length > 0) run(idle.pop()!, queue.shift()!);
  // A worker is started only when there is work for it; it takes the queue's next task once loaded.
  if (queue.length > starting && busy + starting + idle.length < poolSize) startWorker();
}

function run(worker: Worker, job: Job): void {
  busy++;
  const done = (keep: boolean) => {
    clearTimeout(timer);
    worker.off("message", onMessage);
    worker.off("error", onError);
    worker.off("exit", onExit);
    busy--;
    if (keep) idle.push(worker);
    else void worker.terminate();
    dispatch();
  };
  const onMessage = (answer: TaskAnswer) => {
    if (answer.id !== job.request.id) return;
    done(true);
    if (answer.ok) job.resolve(answer.value);
    else if ("limit" in answer)
      job.reject(new HttpError(answer.limit.status, errorCode.articleLimit, answer.limit.message, { limit: answer.limit.limit }));
    else job.reject(new Error(`${job.request.task} failed in its worker: ${answer.failure}`));
  };
  const onError = (error: Error & { code?: string }) => {
    done(false);
    job.reject(
      error.code === "ERR_WORKER_OUT_OF_MEMORY"
        ? new HttpError(
            422,
            errorCode.tooComplex,
            `The article needed more than ${articleWorkMemoryLimitMb} MB to process and was refused; simplify it or split it.`,
          )
        : error,
    );
  };
  const onExit = (code: number) => {
    done(false);
    job.reject(new Error(`The article worker stopped (exit code ${code}) during ${job.request.task}.`));
  };
  // The time counts from the moment the task reaches a loaded worker, so that neither a queue nor a worker's start makes it fail.
  const timer = setTimeout(() => {
    done(false);
    job.reject(
      new HttpError(
        422,
        errorCode.tooComplex,
        `The article took more than ${job.timeLimitMs / 1000} s to process and was refused; simplify it or split it.`,
      ),
    );
  }, job.timeLimitMs);
  worker.on("message", onMessage);
  worker.on("error", onError);
  worker.on("exit", onExit);
  worker.postMessage(job.request);
}

function startWorker(): void {
  starting++;
  const resourceLimits = { maxOldGenerationSizeMb: articleWorkMemoryLimitMb };
  const worker = process.env.NEXT_RUNTIME
    ? // Next's server (build or dev): Turbopack bundles the worker from this path, relative to the project.
      new Worker("./lib/worker/article-worker.ts", { resourceLimits })
    : // Tests and scripts run the TypeScript source, through tsx's loader.
      new Worker(`import("tsx/esm/api").then(({ tsImport }) => tsImport(${JSON.stringify(sourceEntry())}, ${JSON.stringify(import.meta.url)}))`, {
        eval: true,
        resourceLimits,
      });
  // An idle worker must not keep the process alive; a running task's timer does.
  worker.unref();
  let loaded = false;
  worker.once("message", () => {
    // Its first message says it is ready.
    loaded = true;
    starting--;
    idle.push(worker);
    dispatch();
  });
  // A task's own listener answers its request; this one keeps an error between tasks from being uncaught.
  worker.on("error", (error) => console.error("The article worker failed:", error));
  worker.on("exit", () => {
    if (!loaded) starting--;
    const at = idle.indexOf(worker);
    if (at >= 0) idle.splice(at, 1);
    if (!loaded) failQueue(new Error("The article worker could not start."));
  });
}

/** After a worker failed to start, its waiting tasks fail too rather than wait for ever. */
function failQueue(error: Error): void {
  for (const job of queue.splice(0)) job.reject(error);
}

function sourceEntry(): string {
  return new URL("./article-worker.ts", import.meta.url).href;
}
