/**
 * The HTTP API's figures, measured from this process over loopback with
 * Node's fetch (keep-alive, as a browser's), each against its baseline in the
 * same database through the driver alone (direct-db.ts), interleaved.
 */
import { request as httpRequest } from "node:http";
import { createGunzip } from "node:zlib";
import { describeRange } from "@/lib/selectors";
import type { BenchClaim } from "./article-data";
import type { Corpus } from "./corpus";
import type { DirectDb } from "./direct-db";
import type { NextServer } from "./next-server";
import { MemorySampler, residentBytes } from "./processes";
import { interleave, median, since, sleep } from "./stats";

/** A script authenticates with its token (bench/lib/accounts.ts). */
const reviewerHeaders = (server: NextServer) => server.auth.headers;

async function expectStatus(response: Response, status: number, what: string): Promise<ArrayBuffer> {
  const body = await response.arrayBuffer();
  if (response.status !== status) throw new Error(`${what}: HTTP ${response.status} ${new TextDecoder().decode(body).slice(0, 300)}`);
  return body;
}

/**
 * One request on a connection of its own (`Connection: close`), for the long
 * ones: on a kept-alive connection that sat idle through a slow baseline, the
 * server's keep-alive timeout can close it under the next request or cut its
 * body short. It accepts gzip, as browsers and fetch do (Next compresses
 * these answers); `onData` gets the body decompressed, as it arrives.
 */
function requestOnNewConnection(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string },
  on: { data: (chunk: Buffer) => void; firstByte?: () => void },
): Promise<{ status: number; wireBytes: number }> {
  return new Promise((resolve, reject) => {
    const headers = { "accept-encoding": "gzip", ...options.headers };
    const request = httpRequest(url, { method: options.method ?? "GET", headers, agent: false }, (response) => {
      let wireBytes = 0;
      response.on("data", (chunk: Buffer) => {
        if (wireBytes === 0) on.firstByte?.();
        wireBytes += chunk.byteLength;
      });
      const body = response.headers["content-encoding"] === "gzip" ? response.pipe(createGunzip()) : response;
      if (body !== response) response.on("error", reject);
      body.on("data", on.data);
      body.on("end", () => resolve({ status: response.statusCode ?? 0, wireBytes }));
      body.on("error", reject);
    });
    request.on("error", reject);
    request.end(options.body);
  });
}

export interface Samples {
  subject: number[];
  baseline: number[];
}

/**
 * Figure 3: creating one claim. The subject is POST .../annotations (the
 * route reads the article, checks the range, describes it and inserts the
 * claim and its anchor row in a transaction); the baseline one INSERT of the
 * same claim row. Claims go to an article of their own, the same words as the
 * 5,000-claim set, one after another.
 */
export async function measureCreate(
  server: NextServer,
  direct: DirectDb,
  corpus: Corpus,
  slug: string,
  runs: number,
  warmup: number,
): Promise<Samples> {
  const documentId = await direct.documentId(slug);
  const claims = corpus.claims5k;
  let next = 0;
  const claim = () => claims[next++ % claims.length];
  const post = async (c: BenchClaim) => {
    const response = await fetch(`${server.origin}/api/documents/${slug}/annotations`, {
      method: "POST",
      headers: { ...reviewerHeaders(server), "content-type": "application/json" },
      // The corpus's claims come round again after 5,000: the same words twice, meant here.
      body: JSON.stringify({ start: c.start, end: c.end, tag: c.tag, sameWords: "allow" }),
    });
    await expectStatus(response, 201, "creating a claim");
  };
  const insert = (c: BenchClaim) =>
    direct.insertClaim({ ...describeRange(corpus.article.index, c.start, c.end), documentId, tag: c.tag, reviewer: "Bench" });
  for (let i = 0; i < warmup; i++) {
    await post(claim());
    await insert(claim());
  }
  const samples: Samples = { subject: [], baseline: [] };
  await interleave(
    runs,
    async () => {
      const c = claim();
      const start = performance.now();
      await post(c);
      samples.subject.push(since(start));
    },
    async () => {
      const c = claim();
      const start = performance.now();
      await insert(c);
      samples.baseline.push(since(start));
    },
  );
  return samples;
}

export interface ThroughputFigure {
  clients: number;
  /** Answers a second in each round: creates, and `GET /api/me`. */
  create: number[];
  me: number[];
  /** Latency of every request of each, in ms. */
  createLatency: number[];
  meLatency: number[];
}

/**
 * Figure 3 at 16 clients: creating claims (as measureCreate, on the same
 * article; or with `spread`, client i on article i, its own claims) against the cheapest signed-in route, `GET /api/me` (it reads who
 * acts and answers; no policy, no article), both at `clients` requests in
 * flight, in rounds of `roundMs` that alternate and swap which goes first.
 * A round's throughput is the answers over the time from its start to its
 * last answer (no client starts a request after `roundMs`). The ratio of the
 * two is what a create costs the server beside the least any request costs.
 */
export async function measureCreateThroughput(
  server: NextServer,
  corpus: Corpus,
  slug: string,
  options: { clients: number; rounds: number; roundMs: number; spread?: Corpus["createSpread"] },
): Promise<ThroughputFigure> {
  const targets = options.spread ?? [{ slug, claims: corpus.claims5k }];
  let next = 0;
  const post = async (client: number) => {
    const target = targets[client % targets.length];
    const c = target.claims[next++ % target.claims.length];
    const response = await fetch(`${server.origin}/api/documents/${target.slug}/annotations`, {
      method: "POST",
      headers: { ...reviewerHeaders(server), "content-type": "application/json" },
      body: JSON.stringify({ start: c.start, end: c.end, tag: c.tag, sameWords: "allow" }),
    });
    await expectStatus(response, 201, "creating a claim");
  };
  const me = async () => {
    await expectStatus(await fetch(`${server.origin}/api/me`, { headers: reviewerHeaders(server) }), 200, "GET /api/me");
  };
  const round = async (send: (client: number) => Promise<void>, latencies: number[]) => {
    const start = performance.now();
    const end = start + options.roundMs;
    let answers = 0;
    await Promise.all(
      Array.from({ length: options.clients }, async (_, client) => {
        while (performance.now() < end) {
          const sent = performance.now();
          await send(client);
          latencies.push(since(sent));
          answers++;
        }
      }),
    );
    return (answers / since(start)) * 1000;
  };
  // Unmeasured: the routes' first requests, and the database pool's connections opened.
  await round(post, []);
  await round(me, []);
  const figure: ThroughputFigure = { clients: options.clients, create: [], me: [], createLatency: [], meLatency: [] };
  await interleave(
    options.rounds,
    async () => void figure.create.push(await round(post, figure.createLatency)),
    async () => void figure.me.push(await round(me, figure.meLatency)),
  );
  return figure;
}

/** Figure 4: GET .../annotations of the 5,000-claim article (whole body read) against the SELECT of the same rows. */
export async function measureList(
  server: NextServer,
  direct: DirectDb,
  slug: string,
  expected: number,
  runs: number,
  warmup: number,
): Promise<Samples> {
  const documentId = await direct.documentId(slug);
  const get = async () => {
    const body = await expectStatus(
      await fetch(`${server.origin}/api/documents/${slug}/annotations`, { headers: reviewerHeaders(server) }),
      200,
      "listing claims",
    );
    return body;
  };
  const first = JSON.parse(new TextDecoder().decode(await get())) as { annotations: unknown[] };
  if (first.annotations.length !== expected) throw new Error(`the API lists ${first.annotations.length} claims, not ${expected}`);
  const rows = await direct.listClaims(documentId);
  if (rows !== expected) throw new Error(`the SELECT returns ${rows} claims, not ${expected}`);
  for (let i = 1; i < warmup; i++) {
    await get();
    await direct.listClaims(documentId);
  }
  const samples: Samples = { subject: [], baseline: [] };
  await interleave(
    runs,
    async () => {
      const start = performance.now();
      await get();
      samples.subject.push(since(start));
    },
    async () => {
      const start = performance.now();
      await direct.listClaims(documentId);
      samples.baseline.push(since(start));
    },
  );
  return samples;
}

export interface ExportRun {
  totalMs: number;
  firstByteMs: number;
  claims: number;
  /** Size of the body, and of what went over the wire (gzip). */
  bytes: number;
  wireBytes?: number;
  /** Peak resident memory of the server's processes over their idle level just before, in bytes. */
  memoryGrowth?: number;
}

export interface ExportFigure {
  /** Downloads that accept gzip, as a browser's: Next compresses them. */
  subject: ExportRun[];
  /** Downloads that do not (curl's default): the export alone, without Next's gzip. */
  identity: ExportRun[];
  baseline: ExportRun[];
}

/** The server's resident memory at rest: the lowest of a few readings over `ms`. */
async function idleResident(pids: readonly number[], ms = 300): Promise<number> {
  let lowest = Number.POSITIVE_INFINITY;
  const end = performance.now() + ms;
  while (performance.now() < end) {
    lowest = Math.min(lowest, await residentBytes(pids));
    await sleep(20);
  }
  return lowest;
}

/**
 * Figure 5: GET .../export?format=… of the 100,000-claim article, read to the
 * end as a client downloads it: throughput, time to the first byte of the
 * body, and the server's peak memory (sampled every 10 ms) over its idle
 * level. Each run downloads it twice: accepting gzip, as a browser does (Next
 * compresses the body at zlib's level 6, which no route or setting changes),
 * and not, as curl does by default, which shows the export's own speed. The
 * baseline streams the same rows (with the article's columns the export
 * joins) through a cursor, 2,000 at a time.
 */
export async function measureExport(
  server: NextServer,
  direct: DirectDb,
  slug: string,
  format: "w3c" | "csv",
  expected: number,
  runs: number,
): Promise<ExportFigure> {
  const documentId = await direct.documentId(slug);
  const figure: ExportFigure = { subject: [], identity: [], baseline: [] };
  const download = async (encoding: "gzip" | "identity"): Promise<ExportRun> => {
    await sleep(300);
    const idle = await idleResident(server.pids);
    const sampler = new MemorySampler(server.pids);
    sampler.start(10);
    const start = performance.now();
    let firstByteMs = 0;
    let bytes = 0;
    let tail = "";
    const url = `${server.origin}/api/documents/${slug}/export?format=${format}`;
    const { status, wireBytes } = await requestOnNewConnection(
      url,
      { headers: { ...reviewerHeaders(server), "accept-encoding": encoding } },
      {
        firstByte: () => (firstByteMs = since(start)),
        data: (chunk) => {
          bytes += chunk.byteLength;
          tail = (tail + chunk.subarray(Math.max(0, chunk.byteLength - 4_096)).toString("latin1")).slice(-4_096);
        },
      },
    );
    if (status !== 200) throw new Error(`export ${format} (${encoding}): HTTP ${status} ${tail.slice(0, 300)}`);
    const totalMs = since(start);
    await sampler.stop();
    // The W3C collection states its size at the end: a cut-short export would not.
    if (format === "w3c" && !tail.includes(String(expected)))
      throw new Error(`the W3C export (${encoding}) does not end with a total of ${expected}`);
    if (encoding === "gzip" ? wireBytes >= bytes : wireBytes !== bytes)
      throw new Error(`the export (${encoding}) came as ${wireBytes} bytes for ${bytes}`);
    return { totalMs, firstByteMs, claims: expected, bytes, wireBytes, memoryGrowth: sampler.peak - idle };
  };
  await interleave(
    runs,
    async (run) => {
      // The baseline goes first in odd runs (interleave); which download goes first swaps every two
      // runs, so that each is, in turn, the one right after the baseline.
      const order = Math.floor(run / 2) % 2 === 0 ? (["gzip", "identity"] as const) : (["identity", "gzip"] as const);
      for (const encoding of order) (encoding === "gzip" ? figure.subject : figure.identity).push(await download(encoding));
    },
    async () => {
      let firstByteMs = 0;
      const start = performance.now();
      const claims = await direct.streamClaims(documentId, () => (firstByteMs = since(start)));
      if (claims !== expected) throw new Error(`the cursor streamed ${claims} claims, not ${expected}`);
      figure.baseline.push({ totalMs: since(start), firstByteMs, claims, bytes: 0 });
    },
  );
  return figure;
}

export interface ReanchorRun {
  ms: number;
  anchored: number;
  orphaned: number;
}

/** Figure 6 through the API: POST .../revisions of the revised article, once per article seeded for it. */
export async function measureReanchorApi(server: NextServer, corpus: Corpus, slugs: string[]): Promise<ReanchorRun[]> {
  const runs: ReanchorRun[] = [];
  for (const slug of slugs) {
    const start = performance.now();
    const chunks: Buffer[] = [];
    const { status } = await requestOnNewConnection(
      `${server.origin}/api/documents/${slug}/revisions`,
      {
        method: "POST",
        headers: { ...reviewerHeaders(server), "content-type": "application/json" },
        body: JSON.stringify({ text: corpus.revision.source }),
      },
      { data: (chunk) => chunks.push(chunk) },
    );
    const text = Buffer.concat(chunks).toString();
    if (status !== 201) throw new Error(`publishing a revision: HTTP ${status} ${text.slice(0, 300)}`);
    const body = JSON.parse(text) as { anchored: number; orphaned: number };
    runs.push({ ms: since(start), anchored: body.anchored, orphaned: body.orphaned });
  }
  return runs;
}

export const medianOf = <T>(runs: T[], value: (run: T) => number) => median(runs.map(value));
