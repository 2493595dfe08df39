/**
 * The benchmark's control for figure 9 (bench/lib/stream-figures.ts): a
 * bare Server-Sent Events stream, held open with a heartbeat, with no feed,
 * presence or sign-in, so that the memory Next itself spends on an open
 * stream can be read beside the app's (`/api/documents/{slug}/events`).
 * With `?memory=1`, the process's memory (`process.memoryUsage()`, after a
 * garbage collection when Node runs with `--expose-gc`). Only on the
 * benchmark's own servers (`BENCH_STREAM_CONTROL=1`): anywhere else, 404.
 */
import { benchControlEnabled } from "@/db/env";
import { handle, notFound, otherMethods } from "@/lib/http";
import { heartbeat } from "@/lib/live-events";

const heartbeatMs = 15_000;
const encoder = new TextEncoder();

export const GET = handle(async (request: Request) => {
  if (!benchControlEnabled()) throw notFound("Route");
  if (new URL(request.url).searchParams.has("memory")) {
    (globalThis as { gc?: () => void }).gc?.();
    return Response.json({ ...process.memoryUsage(), collected: typeof (globalThis as { gc?: unknown }).gc === "function" });
  }
  let beat: ReturnType<typeof setInterval> | undefined;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode("retry: 2000\n\n"));
      beat = setInterval(() => controller.enqueue(encoder.encode(heartbeat)), heartbeatMs);
      request.signal.addEventListener("abort", () => {
        clearInterval(beat);
        try {
          controller.close();
        } catch {
          // Already closed.
        }
      });
    },
    cancel: () => clearInterval(beat),
  });
  return new Response(body, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", "x-accel-buffering": "no" },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
