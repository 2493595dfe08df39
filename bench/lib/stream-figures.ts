/**
 * Figure 9: live updates. Many event streams open on one article
 * (`GET /api/documents/{slug}/events`, as editors hold them) while claims
 * are created on it at a steady rate through the API; each stream's delay
 * from a create's commit to its `claim.created` event reaching that stream,
 * and the server's memory for each open stream.
 *
 * The commit is taken as the moment the create's `201` arrives: the server
 * commits before it answers, so the true delay is at most the figure plus
 * the answer's trip over loopback (well under a millisecond); an event that
 * comes before the answer counts as 0. Memory is the server's resident set
 * with the streams open and idle, less before (after 20 streams opened and
 * closed, so that what is made once is not counted), divided by their number;
 * and the live JavaScript heap after a garbage collection, the same way
 * (`/bench/stream?memory=1`, which the benchmark's servers answer).
 *
 * The control (`measureBareStreams`) opens as many streams of a bare Next
 * route handler (`/bench/stream`: a text/event-stream with a heartbeat, no
 * feed, presence or sign-in) on a server of its own, measured the same way:
 * Next's own cost of an open stream, beside which the app's share is the
 * difference.
 */
import { request as httpRequest } from "node:http";
import type { BenchAuth } from "./accounts";
import { residentBytes } from "./processes";
import { sleep } from "./stats";

export interface StreamOptions {
  origin: string;
  auth: BenchAuth;
  pids: readonly number[];
  slug: string;
  /** Words to tag, as offsets of the article's text; used round-robin. */
  ranges: { start: number; end: number }[];
  streams: number;
  createsPerSecond: number;
  creates: number;
}

export interface StreamResult {
  streams: number;
  creates: number;
  /** One delay (ms) per create and stream that received it. */
  delays: number[];
  /** Events expected but not received within 10 s of the last create. */
  missing: number;
  /** The server's resident memory growth for the open streams, per stream. */
  bytesPerStream: number;
  /** The growth of its live JavaScript heap (after a garbage collection), per stream; null when the server cannot collect. */
  heapBytesPerStream: number | null;
}

/** The server's live heap after a garbage collection, or null when it was started without `--expose-gc`. */
async function heapAfterCollection(origin: string): Promise<number | null> {
  const answer = await fetch(`${origin}/bench/stream?memory=1`);
  if (!answer.ok) return null;
  const memory = (await answer.json()) as { heapUsed: number; collected: boolean };
  return memory.collected ? memory.heapUsed : null;
}

interface OpenStream {
  close: () => void;
}

/** Opens one event stream; `onCreated` gets each created claim's id as its event arrives. */
function openStream(
  options: Pick<StreamOptions, "origin" | "auth" | "slug">,
  onCreated: (claimId: string) => void,
  path?: string,
): Promise<OpenStream> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${options.origin}${path ?? `/api/documents/${options.slug}/events`}`,
      { headers: { ...options.auth.headers, accept: "text/event-stream" }, agent: false },
      (response) => {
        if (response.statusCode !== 200) return reject(new Error(`event stream: HTTP ${response.statusCode}`));
        response.setEncoding("utf8");
        let buffer = "";
        response.on("data", (chunk: string) => {
          buffer += chunk;
          let end;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (!block.includes("event: claim.created")) continue;
            const data = block.split("\n").find((line) => line.startsWith("data: "));
            if (data) onCreated((JSON.parse(data.slice(6)) as { annotation: { id: string } }).annotation.id);
          }
        });
        response.on("error", () => {});
        resolve({ close: () => request.destroy() });
      },
    );
    request.on("error", reject);
    request.end();
  });
}

export async function measureStreams(options: StreamOptions): Promise<StreamResult> {
  const committedAt = new Map<string, number>();
  const arrivals = new Map<string, number[]>();
  // Warm up: the route's code, the LISTEN connections and the article's feed are made once, not per stream.
  const warm = await Promise.all(Array.from({ length: 20 }, () => openStream(options, () => {})));
  await sleep(500);
  for (const stream of warm) stream.close();
  await sleep(1_000);
  const idle = await residentBytes(options.pids);
  const idleHeap = await heapAfterCollection(options.origin);
  const streams: OpenStream[] = [];
  try {
    for (let i = 0; i < options.streams; i++) {
      streams.push(
        await openStream(options, (id) => {
          const list = arrivals.get(id) ?? [];
          list.push(performance.now());
          arrivals.set(id, list);
        }),
      );
    }
    await sleep(1_000);
    const open = await residentBytes(options.pids);
    const openHeap = await heapAfterCollection(options.origin);
    const interval = 1_000 / options.createsPerSecond;
    const started = performance.now();
    const pending: Promise<void>[] = [];
    for (let n = 0; n < options.creates; n++) {
      await sleep(Math.max(0, started + n * interval - performance.now()));
      const range = options.ranges[n % options.ranges.length];
      pending.push(
        fetch(`${options.origin}/api/documents/${options.slug}/annotations`, {
          method: "POST",
          headers: { ...options.auth.headers, "content-type": "application/json" },
          body: JSON.stringify({ ...range, tag: "unverified", sameWords: "allow" }),
        }).then(async (response) => {
          const at = performance.now();
          const body = (await response.json()) as { annotation?: { id: string } };
          if (response.status !== 201 || !body.annotation) throw new Error(`creating a claim: HTTP ${response.status}`);
          committedAt.set(body.annotation.id, at);
        }),
      );
    }
    await Promise.all(pending);
    const expected = options.creates * options.streams;
    const deadline = performance.now() + 10_000;
    const received = () => [...arrivals.values()].reduce((total, list) => total + list.length, 0);
    while (received() < expected && performance.now() < deadline) await sleep(100);
    const delays = [...committedAt].flatMap(([id, at]) => (arrivals.get(id) ?? []).map((arrived) => Math.max(0, arrived - at)));
    return {
      streams: options.streams,
      creates: options.creates,
      delays,
      missing: expected - delays.length,
      bytesPerStream: Math.max(0, open - idle) / options.streams,
      heapBytesPerStream: idleHeap === null || openHeap === null ? null : (openHeap - idleHeap) / options.streams,
    };
  } finally {
    for (const stream of streams) stream.close();
  }
}

/** Figure 9's control: the memory of `streams` bare Next event streams (`/bench/stream`), measured as `measureStreams` measures the app's. */
export async function measureBareStreams(
  options: Pick<StreamOptions, "origin" | "auth" | "pids" | "streams">,
): Promise<Pick<StreamResult, "streams" | "bytesPerStream" | "heapBytesPerStream">> {
  const bare = { ...options, slug: "" };
  const warm = await Promise.all(Array.from({ length: 20 }, () => openStream(bare, () => {}, "/bench/stream")));
  await sleep(500);
  for (const stream of warm) stream.close();
  await sleep(1_000);
  const idle = await residentBytes(options.pids);
  const idleHeap = await heapAfterCollection(options.origin);
  const streams: OpenStream[] = [];
  try {
    for (let i = 0; i < options.streams; i++) streams.push(await openStream(bare, () => {}, "/bench/stream"));
    await sleep(1_000);
    const open = await residentBytes(options.pids);
    const openHeap = await heapAfterCollection(options.origin);
    return {
      streams: options.streams,
      bytesPerStream: Math.max(0, open - idle) / options.streams,
      heapBytesPerStream: idleHeap === null || openHeap === null ? null : (openHeap - idleHeap) / options.streams,
    };
  } finally {
    for (const stream of streams) stream.close();
  }
}
