/**
 * Figure 10, the archive at scale: a newsroom's whole archive (10,000
 * articles and 1,000,000 claims on PostgreSQL, 1,000 and 100,000 on PGlite,
 * bench/lib/corpus-seed.ts) in a database of its own, and the pages that
 * find things in it, timed over HTTP against `next start`: server time is
 * from the request to the whole body read, over loopback, p50 and p95 of
 * `runs` requests after a warm-up.
 *
 * - the home page, first page and the 20th in every sort (deep pages with
 *   the cursor their `rel="next"` link carries: `deepAddresses`);
 * - search, a word every article holds and one only a few do, on the home
 *   page (article text and metadata) and on the review page (claims and
 *   their comments);
 * - the review page of all claims with each single filter, first page and
 *   page 50;
 * - the export of every claim (CSV), with the server's peak memory growth;
 * - creating a claim with the archive there, against the same on a server
 *   over a database with no archive (interleaved).
 *
 * On PostgreSQL each query the measured pages run is then captured (the
 * data layer's own functions, called with the same filters and cursors on a
 * Drizzle client that logs its SQL) and explained with
 * `EXPLAIN (ANALYZE, BUFFERS)`; the indexes each plan reads go into the
 * row's note and the whole plans into the log and the results' JSON.
 */
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { articleSorts, decodeArticleCursor, encodeArticleCursor, parseArticleListQuery } from "@/lib/article-list";
import { decodeReviewCursor, encodeReviewCursor } from "@/lib/review-cursor";
import { parseReviewFilters } from "@/lib/review-filters";
import { corpusNameParts, corpusWords } from "./corpus-seed";
import type { NextServer } from "./next-server";

/** Claims on a page of the review list (components/review/load-review.ts's `reviewPageSize`, which imports server-only code). */
const reviewPageSize = 100;
import { MemorySampler, residentBytes, run } from "./processes";
import { type Row, failedRow, row } from "./report";
import { median, p95, since, sleep } from "./stats";

export type Backend = "PGlite" | "PostgreSQL";

export interface CorpusContext {
  backend: Backend;
  quick: boolean;
  appDir: string;
  workDir: string;
  /** The cluster's database URL (PostgreSQL), whose server gets two more databases. */
  databaseUrl?: string;
  basePort: number;
  startServer(name: string, database: { databaseUrl?: string; pgliteDir?: string }, port: number): Promise<NextServer>;
  stopServer(server: NextServer): Promise<void>;
  log(message: string): void;
  rows: Row[];
  raw: Record<string, unknown>;
}

/** The archive's size on each database, and the quick run's. */
export const corpusSizes = {
  PostgreSQL: { articles: 10_000, claims: 1_000_000 },
  PGlite: { articles: 1_000, claims: 100_000 },
  quick: { articles: 300, claims: 20_000 },
} as const;

const targets = { page: 150, search: 200, memoryMB: 100, createRatio: 1.2 };

interface Timed {
  label: string;
  path: string;
  samples: number[];
  bytes: number;
}

/** A page or API answer as a signed-in reader gets it: its body read whole; the time it took. */
async function get(server: NextServer, url: string): Promise<{ ms: number; body: string }> {
  const start = performance.now();
  const response = await fetch(`${server.origin}${url}`, {
    headers: { ...server.auth.headers, cookie: `${server.auth.cookie.name}=${server.auth.cookie.value}` },
  });
  const body = await response.text();
  const ms = since(start);
  if (response.status !== 200) throw new Error(`GET ${url}: HTTP ${response.status} ${body.slice(0, 200)}`);
  return { ms, body };
}

/** A page that takes seconds is sampled at least this many times, and for no longer than `pageBudgetMs` once it has. */
const minimumRuns = 5;
const pageBudgetMs = 12_000;

async function timeGets(server: NextServer, label: string, url: string, runs: number, warmup: number): Promise<Timed> {
  let bytes = 0;
  for (let i = 0; i < warmup; i++) await get(server, url);
  const samples: number[] = [];
  const start = performance.now();
  for (let i = 0; i < runs && (i < minimumRuns || since(start) < pageBudgetMs); i++) {
    const { ms, body } = await get(server, url);
    samples.push(ms);
    bytes = body.length;
  }
  return { label, path: url, samples, bytes };
}

const summary = (samples: number[]) => `p50 ${median(samples).toFixed(1)} ms, p95 ${p95(samples).toFixed(1)} ms over ${samples.length}`;

/** PostgreSQL: a database of this name next to the cluster's (made fresh). */
async function freshPostgresDatabase(clusterUrl: string, name: string): Promise<string> {
  const { default: postgres } = await import("postgres");
  const admin = postgres(clusterUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${name}`);
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The pages measured, by what the issue's table names. */
export function pagesToMeasure(quick: boolean) {
  const deepArticles = quick ? 3 : 20;
  const deepClaims = quick ? 5 : 50;
  const home = articleSorts.flatMap((sort) => [
    { group: "home", label: `home · sort ${sort} · page 1`, first: `/?sort=${sort}`, page: 1 },
    { group: "home", label: `home · sort ${sort} · page ${deepArticles}`, first: `/?sort=${sort}`, page: deepArticles },
  ]);
  const search = [
    { group: "search", label: `search · home · common word`, first: `/?q=${corpusWords.common}`, page: 1 },
    { group: "search", label: `search · home · rare word`, first: `/?q=${corpusWords.rare}`, page: 1 },
    { group: "search", label: `search · review · common word`, first: `/review?q=${corpusWords.common}`, page: 1 },
    { group: "search", label: `search · review · rare word`, first: `/review?q=${corpusWords.rare}`, page: 1 },
  ];
  const filters: [string, string][] = [
    ["no filter", ""],
    ["tag", "tag=denied"],
    ["reviewer (part)", `reviewer=${corpusNameParts.reviewer}`],
    ["claimant (part)", `claimant=${corpusNameParts.claimant}`],
    ["state in review", "state=in_review"],
    ["state approved", "state=approved"],
    ["verdicts differ", "verdicts=differ"],
  ];
  const review = filters.flatMap(([name, query]) => [
    { group: "review", label: `review · ${name} · page 1`, first: `/review${query ? `?${query}` : ""}`, page: 1 },
    { group: "review", label: `review · ${name} · page ${deepClaims}`, first: `/review${query ? `?${query}` : ""}`, page: deepClaims },
  ]);
  return [...home, ...search, ...review];
}

type Page = ReturnType<typeof pagesToMeasure>[number];

/**
 * The address of each deep page (the 20th of the home page, the 50th of the
 * review page), with the cursor the data layer's own paging gives, which is
 * what the `rel="next"` links carry: walking them over HTTP would take
 * minutes (a review page of all claims also counts its total). Read before the server
 * starts, as PGlite lets one process open its folder. Where a list has fewer
 * pages than that (a narrow filter on PGlite's smaller archive), its last
 * page, and which page that is.
 */
export async function deepAddresses(
  database: { databaseUrl?: string; pgliteDir?: string },
  pages: Page[],
): Promise<Map<Page, { address: string; page: number }>> {
  const schema = await import("@/db/schema");
  const { listReviewPage } = await import("@/db/queries/review");
  const { listDocumentPage } = await import("@/db/queries/article-list");
  let db: unknown;
  let close: () => Promise<void>;
  if (database.databaseUrl) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const client = postgres(database.databaseUrl, { max: 1, onnotice: () => {} });
    db = drizzle({ client, schema });
    close = () => client.end({ timeout: 5 });
  } else {
    const { PGlite } = await import("@electric-sql/pglite");
    const { drizzle } = await import("drizzle-orm/pglite");
    const { pgliteExtensions } = await import("@/db/pglite-extensions");
    const client = await PGlite.create(database.pgliteDir!, { extensions: pgliteExtensions });
    db = drizzle({ client, schema });
    close = () => client.close();
  }
  const addresses = new Map<Page, { address: string; page: number }>();
  try {
    for (const page of pages.filter((p) => p.page > 1)) {
      const url = new URL(page.first, "http://bench");
      let cursor: string | undefined;
      for (let n = 1; n < page.page; n++) {
        if (url.pathname === "/review") {
          const parsed = parseReviewFilters(url.searchParams);
          if ("error" in parsed) throw new Error(`${page.first}: ${parsed.error}`);
          const after = cursor === undefined ? undefined : decodeReviewCursor(cursor, parsed.filters);
          const { next } = await listReviewPage(
            db as never,
            parsed.filters,
            {},
            { limit: reviewPageSize, after: after && "cursor" in after ? after.cursor : undefined },
          );
          cursor = next ? encodeReviewCursor(next) : undefined;
        } else {
          const parsed = parseArticleListQuery(url.searchParams);
          if ("error" in parsed) throw new Error(`${page.first}: ${parsed.error}`);
          const { next } = await listDocumentPage(db as never, {
            ...parsed.query,
            after: cursor === undefined ? undefined : decodeArticleCursor(cursor),
          });
          cursor = next ? encodeArticleCursor(next) : undefined;
        }
        if (cursor === undefined) break; // Page n is the last.
        const deepUrl = new URL(url);
        deepUrl.searchParams.set("after", cursor);
        addresses.set(page, { address: `${deepUrl.pathname}${deepUrl.search}`, page: n + 1 });
      }
    }
  } finally {
    await close();
  }
  return addresses;
}

/** Seeds the archive with bench/lib/corpus-seed.ts in a process of its own; its seconds. */
async function seed(context: CorpusContext, database: { databaseUrl?: string; pgliteDir?: string }, size: { articles: number; claims: number }) {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  delete env.PGLITE_DATA_DIR;
  if (database.databaseUrl) env.DATABASE_URL = database.databaseUrl;
  else env.PGLITE_DATA_DIR = database.pgliteDir;
  const logFile = path.join(context.workDir, `corpus-seed-${context.backend}.log`);
  const output = await run(
    path.join(context.appDir, "node_modules", ".bin", "tsx"),
    ["bench/lib/corpus-seed.ts", String(size.articles), String(size.claims)],
    {
      cwd: context.appDir,
      env,
      log: logFile,
    },
  );
  const last = output.trim().split("\n").at(-1) ?? "{}";
  return JSON.parse(last) as { seconds: number; timings: Record<string, number> };
}

/** Measures figure 10 on one database; adds its rows. */
export async function measureCorpus(context: CorpusContext): Promise<void> {
  const { backend, quick, log, rows, raw } = context;
  const size = quick ? corpusSizes.quick : corpusSizes[backend];
  const runs = quick ? 5 : 30;
  const warmup = quick ? 1 : 3;
  const tag = (name: string) => `10 corpus · ${name} · ${backend}`;

  const databases =
    backend === "PostgreSQL"
      ? {
          corpus: { databaseUrl: await freshPostgresDatabase(context.databaseUrl!, "factcheck_corpus") },
          empty: { databaseUrl: await freshPostgresDatabase(context.databaseUrl!, "factcheck_corpus_empty") },
        }
      : {
          corpus: { pgliteDir: path.join(context.workDir, "corpus-pglite") },
          empty: { pgliteDir: path.join(context.workDir, "corpus-pglite-empty") },
        };
  const port = context.basePort + (backend === "PostgreSQL" ? 12 : 10);

  // The server's first start migrates the database and signs the benchmark's admin up (the first account); then the archive goes in.
  await context.stopServer(await context.startServer(`corpus-${backend}-migrate`, databases.corpus, port));
  log(`10 corpus · ${backend}: seeding ${size.articles.toLocaleString("en")} articles and ${size.claims.toLocaleString("en")} claims`);
  const seeded = await seed(context, databases.corpus, size);
  raw[`corpus.${backend}.seed`] = { ...size, ...seeded };
  rows.push(
    row(
      tag(`seeding ${size.articles.toLocaleString("en")} articles, ${size.claims.toLocaleString("en")} claims`),
      seeded.seconds,
      null,
      "s",
      {},
      {
        note: `COPY in batches, secondary indexes built after, then vacuum analyze: ${Object.entries(seeded.timings)
          .map(([step, s]) => `${step} ${s} s`)
          .join(", ")}`,
      },
    ),
  );
  log(`10 corpus · ${backend}: seeded in ${seeded.seconds.toFixed(0)} s`);

  const pages = pagesToMeasure(quick);
  const deep = await deepAddresses(databases.corpus, pages);
  const server = await context.startServer(`corpus-${backend}`, databases.corpus, port);
  try {
    const loadStart = os.loadavg()[0];
    const timed: Timed[] = [];
    const control = await timeGets(server, "control · GET /api/me", "/api/me", runs, warmup);
    rows.push(
      row(
        tag("control · GET /api/me p50"),
        median(control.samples),
        null,
        "ms",
        {},
        {
          note: `${summary(control.samples)}: the cheapest signed-in route on the same server, the floor under every page figure`,
        },
      ),
    );
    for (const measured of pages) {
      const max = measured.group === "search" ? targets.search : targets.page;
      let url = measured.first;
      let page = measured;
      let result: Timed;
      try {
        if (measured.page > 1) {
          const found = deep.get(measured);
          if (!found) throw new Error(`${measured.first} has one page only`);
          url = found.address;
          // Fewer pages than asked for: the last one, and the row says which.
          if (found.page < measured.page) page = { ...measured, label: `${measured.label} (fewer: the last, page ${found.page})` };
        }
        result = await timeGets(server, page.label, url, runs, warmup);
      } catch (error) {
        log(`10 corpus · ${backend} · ${page.label}: FAILED ${(error as Error).message}`);
        rows.push(failedRow(tag(`${page.label} p95`), `≤ ${max} ms`, (error as Error).message));
        // Explained all the same: why it failed is the plan's to say.
        timed.push({ label: page.label, path: url, samples: [], bytes: 0 });
        continue;
      }
      timed.push(result);
      log(`10 corpus · ${backend} · ${page.label}: ${summary(result.samples)}`);
      rows.push(
        row(
          tag(`${page.label} p95`),
          p95(result.samples),
          null,
          "ms",
          { max },
          {
            note: `${summary(result.samples)}; ${(result.bytes / 1000).toFixed(0)} kB of HTML; ${url.length > 90 ? `${url.slice(0, 90)}…` : url}`,
          },
        ),
      );
    }
    raw[`corpus.${backend}.pages`] = timed;

    // A failed export is a MISS row; the create and EXPLAIN parts still run.
    try {
      const exported = await measureExportAll(server);
      raw[`corpus.${backend}.export`] = exported;
      rows.push(
        row(
          tag("export every claim (CSV) · memory growth"),
          exported.memoryGrowth / 2 ** 20,
          null,
          "MB",
          { max: targets.memoryMB },
          {
            note: `${exported.lines.toLocaleString("en")} claims (CSV rows) in ${(exported.ms / 1000).toFixed(1)} s, ${(exported.bytes / 2 ** 20).toFixed(0)} MB; the server's peak resident memory over its idle level, sampled every 10 ms`,
          },
        ),
      );
    } catch (error) {
      log(`10 corpus · ${backend} · export: FAILED ${(error as Error).message}`);
      rows.push(failedRow(tag("export every claim (CSV) · memory growth"), `≤ ${targets.memoryMB} MB`, (error as Error).message));
    }

    const empty = await context.startServer(`corpus-${backend}-empty`, databases.empty, port + 1);
    try {
      const created = await measureCreateBoth(server, empty, quick ? 20 : 100, 5);
      raw[`corpus.${backend}.create`] = created;
      rows.push(
        row(
          tag("create a claim, archive vs empty database"),
          median(created.corpus),
          median(created.empty),
          "ms",
          { maxRatio: targets.createRatio },
          {
            note: `p50 of ${created.corpus.length} each, interleaved (p95 ${p95(created.corpus).toFixed(1)} vs ${p95(created.empty).toFixed(1)} ms); POST /api/documents/{slug}/annotations on an article added to each`,
          },
        ),
      );
    } finally {
      await context.stopServer(empty);
    }
    const loadEnd = os.loadavg()[0];
    raw[`corpus.${backend}.loadAverage`] = { start: loadStart, end: loadEnd, cores: os.cpus().length };
    log(`10 corpus · ${backend}: load average ${loadStart.toFixed(1)} at the start, ${loadEnd.toFixed(1)} at the end (${os.cpus().length} cores)`);

    if (backend === "PostgreSQL") {
      const plans = await explainQueries(databases.corpus.databaseUrl!, timed);
      raw[`corpus.${backend}.explain`] = plans;
      const file = path.join(context.workDir, "corpus-explain.txt");
      writeFileSync(
        file,
        plans.map((p) => `## ${p.label}\n${p.statements.map((s) => `${s.sql}\n${JSON.stringify(s.params)}\n${s.plan}`).join("\n\n")}`).join("\n\n"),
      );
      log(`10 corpus · EXPLAIN (ANALYZE, BUFFERS) of every measured query in ${file}; indexes by page:`);
      for (const plan of plans)
        log(`  ${plan.label}: ${plan.statements.map((s) => `${s.name}: ${s.indexes.join(", ") || "no index"} (${s.ms.toFixed(1)} ms)`).join("; ")}`);
      // Each page row's note names the indexes of its main query.
      for (const plan of plans) {
        const found = rows.find((r) => r.figure === tag(`${plan.label} p95`));
        const main = plan.statements.find((s) => s.name === "page");
        if (found && main) found.note = `${found.note}; index: ${main.indexes.join(", ") || "none (sequential scan)"}`;
      }
    }
  } finally {
    await context.stopServer(server);
  }
}

/** GET /api/export?format=csv over every article, read to the end; the server's peak memory over its idle level. */
async function measureExportAll(server: NextServer) {
  await sleep(300);
  let idle = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 10; i++) {
    idle = Math.min(idle, await residentBytes(server.pids));
    await sleep(30);
  }
  const sampler = new MemorySampler(server.pids);
  sampler.start(10);
  const start = performance.now();
  const response = await fetch(`${server.origin}/api/export?format=csv`, { headers: server.auth.headers });
  if (response.status !== 200 || !response.body) throw new Error(`export: HTTP ${response.status}`);
  let bytes = 0;
  let lines = 0;
  const decoder = new TextDecoder();
  const reader = response.body.getReader();
  for (;;) {
    const { done, value: chunk } = await reader.read();
    if (done) break;
    bytes += chunk.byteLength;
    const text = decoder.decode(chunk, { stream: true });
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lines++;
  }
  const ms = since(start);
  await sampler.stop();
  return { ms, bytes, lines: lines - 1, memoryGrowth: sampler.peak - idle };
}

/**
 * Creates claims on an article added to each server (the same text), one
 * after another on whole words, alternating which server goes first.
 */
async function measureCreateBoth(corpus: NextServer, empty: NextServer, runs: number, warmup: number) {
  const words = Array.from({ length: 4_000 }, (_, i) => `word${i.toString(36)}`);
  const text = Array.from({ length: 40 }, (_, p) => words.slice(p * 100, p * 100 + 100).join(" ")).join("\n\n");
  const slugs = new Map<NextServer, string>();
  for (const server of [corpus, empty]) {
    const response = await fetch(`${server.origin}/api/documents`, {
      method: "POST",
      headers: { ...server.auth.headers, "content-type": "application/json" },
      body: JSON.stringify({ title: "Corpus figure: claims created", text }),
    });
    const body = (await response.json()) as { document?: { slug: string } };
    if (response.status !== 201 || !body.document) throw new Error(`adding the create article: HTTP ${response.status} ${JSON.stringify(body)}`);
    slugs.set(server, body.document.slug);
  }
  // Offsets of each word in the text the server stores (paragraphs joined by one "\n").
  const stored = Array.from({ length: 40 }, (_, p) => words.slice(p * 100, p * 100 + 100).join(" ")).join("\n");
  const spans = words.map((word) => ({
    start: stored.indexOf(`${word} `) === -1 ? stored.indexOf(word) : stored.indexOf(`${word} `),
    length: word.length,
  }));
  let next = 0;
  const post = async (server: NextServer, span: { start: number; length: number }) => {
    const start = performance.now();
    const response = await fetch(`${server.origin}/api/documents/${slugs.get(server)}/annotations`, {
      method: "POST",
      headers: { ...server.auth.headers, "content-type": "application/json" },
      body: JSON.stringify({ start: span.start, end: span.start + span.length, tag: "disputed", sameWords: "allow" }),
    });
    const body = await response.text();
    if (response.status !== 201) throw new Error(`creating a claim: HTTP ${response.status} ${body.slice(0, 200)}`);
    return since(start);
  };
  const result = { corpus: [] as number[], empty: [] as number[] };
  for (let i = 0; i < warmup + runs; i++) {
    const span = spans[next++ % spans.length];
    const order = i % 2 === 0 ? [corpus, empty] : [empty, corpus];
    for (const server of order) {
      const ms = await post(server, span);
      if (i >= warmup) (server === corpus ? result.corpus : result.empty).push(ms);
    }
  }
  return result;
}

interface ExplainedStatement {
  name: string;
  sql: string;
  params: unknown[];
  plan: string;
  indexes: string[];
  ms: number;
}

/** Index names a text plan reads. */
function indexesOf(plan: string): string[] {
  return [...new Set([...plan.matchAll(/(?:Index Scan|Index Only Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) (\S+)/g)].map((m) => m[1]))];
}

/**
 * The SQL each measured page runs, captured from the data layer's own
 * functions (called as the pages call them, on a client that logs), each
 * explained with EXPLAIN (ANALYZE, BUFFERS).
 */
export async function explainQueries(databaseUrl: string, timed: Timed[]) {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const schema = await import("@/db/schema");
  const { listDocumentPage } = await import("@/db/queries/article-list");
  const { listReviewPage, countReviewClaims, listReviewNames } = await import("@/db/queries/review");
  // A plan that takes longer than this is cut short, and says so.
  const client = postgres(databaseUrl, { max: 1, onnotice: () => {}, connection: { statement_timeout: 60_000 } });
  let captured: { sql: string; params: unknown[] }[] = [];
  // The functions run on a client that logs each statement as it sends it and gives up on it at once: only its SQL is wanted.
  const capturing = postgres(databaseUrl, { max: 1, onnotice: () => {}, connection: { statement_timeout: 10 } });
  const db = drizzle({ client: capturing, schema, logger: { logQuery: (sql, params) => captured.push({ sql, params }) } });
  const plans: { label: string; path: string; statements: ExplainedStatement[] }[] = [];
  try {
    for (const page of timed) {
      const url = new URL(page.path, "http://bench");
      const calls: { name: string; call: () => Promise<unknown> }[] = [];
      if (url.pathname === "/") {
        const parsed = parseArticleListQuery(url.searchParams);
        if ("error" in parsed) throw new Error(`${page.path}: ${parsed.error}`);
        calls.push({ name: "page", call: () => listDocumentPage(db as never, parsed.query) });
      } else {
        const parsed = parseReviewFilters(url.searchParams);
        if ("error" in parsed) throw new Error(`${page.path}: ${parsed.error}`);
        const after = url.searchParams.get("after");
        const decoded = after ? decodeReviewCursor(after, parsed.filters) : undefined;
        if (decoded && "error" in decoded) throw new Error(`${page.path}: ${decoded.error}`);
        calls.push({ name: "page", call: () => listReviewPage(db as never, parsed.filters, {}, { limit: reviewPageSize, after: decoded?.cursor }) });
        calls.push({ name: "total", call: () => countReviewClaims(db as never, parsed.filters, {}) });
        // What the page of all claims shows beside them, whatever the filters: the names offered (the agreement is read on demand).
        calls.push({ name: "names", call: () => listReviewNames(db as never, {}) });
      }
      const statements: ExplainedStatement[] = [];
      for (const { name, call } of calls) {
        captured = [];
        await call().catch(() => undefined);
        const settings: string[] = [];
        for (const [i, statement] of captured.entries()) {
          // A setting the data layer makes for its next statement (`set local`, in a transaction of
          // its own) is made here for the session, so that the plan explained is the one the page gets.
          const setting = /^set local (\w+)/i.exec(statement.sql);
          if (setting) {
            await client.unsafe(statement.sql.replace(/^set local/i, "set"));
            settings.push(setting[1]);
            continue;
          }
          const start = performance.now();
          const plan = await client.unsafe(`explain (analyze, buffers) ${statement.sql}`, statement.params as never[]).then(
            (result) => result.map((r) => (r as Record<string, string>)["QUERY PLAN"]).join("\n"),
            async (error: Error) =>
              `EXPLAIN ANALYZE did not finish: ${error.message}\n${(await client.unsafe(`explain ${statement.sql}`, statement.params as never[])).map((r) => (r as Record<string, string>)["QUERY PLAN"]).join("\n")}`,
          );
          const ms = since(start);
          statements.push({ name: captured.length > 1 ? `${name} ${i + 1}` : name, ...statement, plan, indexes: indexesOf(plan), ms });
        }
        for (const setting of settings) await client.unsafe(`reset ${setting}`);
      }
      plans.push({ label: page.label, path: page.path, statements });
    }
  } finally {
    await client.end({ timeout: 5 });
    await capturing.end({ timeout: 5 });
  }
  return plans;
}
