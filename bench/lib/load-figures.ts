/**
 * Figure 8: many reviewers at once, over loopback, as API clients.
 *
 * Each simulated reviewer works on one of a few articles (`loadArticles` in
 * corpus.ts) with the mix a reviewer makes in the editor: open the article
 * (the article, then its claims as the editor reads them), create a claim
 * (with a client id, as the editor sends it), retag it or edit its note
 * (with the version it last saw), delete it, restore it, and now and then
 * export the article's claims. First at a reviewer's pace (an action every
 * `paceMs` on average, 0.5 to 1.5 times that, so that reviewers do not march
 * in step), then flat out (each reviewer's next action as soon as the last
 * is answered), for the throughput.
 *
 * Every reviewer keeps a ledger of what it believes it wrote, and the
 * figure reads every claim of the articles back at the end to compare:
 *
 * - Its own claims are changed by no one else, so it knows each one's
 *   version, tag, note and whether it is deleted. A claim it believes live
 *   must be listed with exactly that; one it deleted must not be listed.
 * - The articles' seeded claims are shared: every reviewer on the article
 *   retags them and edits their notes, from what it last read, so two
 *   reviewers do change one claim at once. The loser gets a `409` with the
 *   current claim (a true conflict), takes it and tries once more, as the
 *   editor merges and retries. Every acknowledged change names the version
 *   it made; two acknowledged changes of one claim with the same version
 *   would be a lost update, and the claim must end with the highest
 *   acknowledged version and its tag and note.
 * - A listed claim by a simulated reviewer that no ledger holds is a doubled
 *   write (a create stored twice, or stored after it was refused).
 *
 * A request without a 2xx answer (other than a true conflict) is an error.
 * A claim that had one may hold a change its reviewer does not know about:
 * a difference on such a claim is reported beside the count, not in it.
 */
import { type BenchAuth, addBenchPeople } from "./accounts";
import { loadavg } from "node:os";
import { type Tag, tags } from "@/lib/tags";
import { type BenchArticle, randomSource } from "./article-data";
import { percentile, since, sleep } from "./stats";

export const loadOperations = ["open article", "list claims", "create", "retag", "edit note", "delete", "restore", "export"] as const;
export type LoadOperation = (typeof loadOperations)[number];

export interface LoadOptions {
  origin: string;
  /** The benchmark's admin, who adds the simulated reviewers (as editors: they change each other's shared claims). */
  admin: BenchAuth;
  reviewers: number;
  articles: { slug: string; article: BenchArticle }[];
  /** How long at a reviewer's pace, then flat out. */
  pacedMs: number;
  flatOutMs: number;
  /** Mean time from the start of one of a reviewer's actions to the start of its next. */
  paceMs: number;
  /** A request unanswered after this long counts as an error. */
  requestTimeoutMs: number;
}

export interface PhaseStats {
  /** From the phase's start to the last answer to a request started in it. */
  ms: number;
  requests: number;
  /** Answers by status (`201`, `409 version_conflict`, `500 internal_error`, `no answer: TimeoutError`). */
  statuses: Record<string, number>;
  /** Requests without a 2xx answer, true conflicts aside. */
  errors: number;
  /** `409 version_conflict` on a claim another reviewer had changed. */
  conflicts: number;
  /** Milliseconds from sending each request to the end of its answer's body, by operation. */
  latencies: Record<LoadOperation, number[]>;
}

export interface WriteCheck {
  /** Claims read back and compared with the ledgers. */
  claims: number;
  /** Acknowledged writes missing from what was read back (one line each). */
  lost: string[];
  /** Writes stored twice, or stored that no reviewer knows of, or a claim with more changes than were acknowledged. */
  doubled: string[];
  /** Differences on claims that had a request without a 2xx answer. */
  afterErrors: string[];
}

export interface LoadResult {
  reviewers: number;
  paced: PhaseStats;
  flatOut: PhaseStats;
  check: WriteCheck;
  /** Claims the reviewers created, and acknowledged changes of shared claims. */
  created: number;
  sharedChanges: number;
  /** Every request, in the order they were answered: when it was sent (ms from the start of the clock), how long it took, and its answer; to see what the slow ones waited behind. */
  timeline: { op: LoadOperation; sentAt: number; ms: number; status: string }[];
  /** The machine's 1-minute load average when the clock started and when it stopped: how busy the cores were besides. */
  loadAverage: { start: number; end: number };
}

type Phase = "paced" | "flatOut" | "done";

interface OwnClaim {
  tag: Tag;
  note: string;
  version: number;
  deleted: boolean;
  /** A request on it went unanswered or failed: what it holds is not known for sure. */
  uncertain: boolean;
}

interface SeenClaim {
  tag: Tag;
  note: string;
  version: number;
}

interface ClaimJson {
  id: string;
  tag: Tag;
  note: string;
  version: number;
  createdBy: string;
}

interface Answer {
  status: number;
  body: unknown;
}

const reviewerPrefix = "Load-";
const reviewerName = (index: number) => `${reviewerPrefix}${String(index + 1).padStart(2, "0")}`;

const ok = (answer: Answer | null) => answer !== null && answer.status >= 200 && answer.status < 300;
const annotationOf = (answer: Answer | null) => (answer?.body as { annotation?: ClaimJson } | null)?.annotation;

function emptyPhase(): PhaseStats {
  const latencies = Object.fromEntries(loadOperations.map((op) => [op, [] as number[]])) as Record<LoadOperation, number[]>;
  return { ms: 0, requests: 0, statuses: {}, errors: 0, conflicts: 0, latencies };
}

/** p50, p95 and p99 of one operation's latencies. */
export function latencySummary(samples: readonly number[]) {
  return { n: samples.length, p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99) };
}

export async function measureLoad(options: LoadOptions): Promise<LoadResult> {
  const names = Array.from({ length: options.reviewers }, (_, index) => reviewerName(index));
  const people = await addBenchPeople(options.origin, options.admin, names, "editor");
  await warmUp(options);
  const phases: Record<Exclude<Phase, "done">, PhaseStats> = { paced: emptyPhase(), flatOut: emptyPhase() };
  const timeline: LoadResult["timeline"] = [];
  let phase: Phase = "paced";
  const start = performance.now();
  const pacedEnd = start + options.pacedMs;
  let flatOutStart = pacedEnd;

  // Acknowledged changes of shared claims: the versions each claim was given, and the latest one's content.
  const sharedVersions = new Map<string, Set<number>>();
  const sharedLatest = new Map<string, SeenClaim>();
  const sharedUncertain = new Set<string>();
  // Two changes of one claim acknowledged with the same version: one overwrote the other, a lost update.
  const lostUpdates: string[] = [];

  const acknowledgeShared = (claim: ClaimJson) => {
    const versions = sharedVersions.get(claim.id) ?? new Set<number>();
    if (versions.has(claim.version)) lostUpdates.push(`shared claim ${claim.id}: two changes acknowledged as version ${claim.version}`);
    versions.add(claim.version);
    sharedVersions.set(claim.id, versions);
    const latest = sharedLatest.get(claim.id);
    if (!latest || latest.version < claim.version) sharedLatest.set(claim.id, { tag: claim.tag, note: claim.note, version: claim.version });
  };

  /** One request, timed and counted in the phase it started in. */
  async function send(
    op: LoadOperation,
    reviewer: string,
    method: string,
    path: string,
    request: { body?: unknown; conflictIsTrue?: boolean } = {},
  ): Promise<Answer | null> {
    const stats = phase === "flatOut" ? phases.flatOut : phases.paced;
    const headers: Record<string, string> = { ...people.get(reviewer)!.headers };
    if (request.body !== undefined) headers["content-type"] = "application/json";
    const sent = performance.now();
    let key: string;
    let answer: Answer | null = null;
    try {
      const response = await fetch(`${options.origin}${path}`, {
        method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.timeout(options.requestTimeoutMs),
      });
      const text = await response.text();
      let body: unknown = null;
      if (text && response.headers.get("content-type")?.includes("json")) body = JSON.parse(text);
      answer = { status: response.status, body };
      const code = (body as { error?: { code?: string } } | null)?.error?.code;
      key = code ? `${response.status} ${code}` : String(response.status);
    } catch (error) {
      key = `no answer: ${(error as Error).name}`;
    }
    const ms = since(sent);
    stats.latencies[op].push(ms);
    timeline.push({ op, sentAt: Math.round(sent - start), ms: Math.round(ms * 10) / 10, status: key });
    stats.requests++;
    stats.statuses[key] = (stats.statuses[key] ?? 0) + 1;
    if (!ok(answer)) {
      if (request.conflictIsTrue && key === "409 version_conflict") stats.conflicts++;
      else stats.errors++;
    }
    return answer;
  }

  class Reviewer {
    readonly name: string;
    readonly random: () => number;
    readonly slug: string;
    readonly article: BenchArticle;
    readonly own = new Map<string, OwnClaim>();
    readonly shared = new Map<string, SeenClaim>();
    private edits = 0;

    constructor(index: number) {
      this.name = reviewerName(index);
      this.random = randomSource(1_000 + index);
      const { slug, article } = options.articles[index % options.articles.length];
      this.slug = slug;
      this.article = article;
    }

    private pick<T>(items: readonly T[]): T | undefined {
      return items.length ? items[Math.floor(this.random() * items.length)] : undefined;
    }

    private otherTag(tag: Tag): Tag {
      return this.pick(tags.filter((t) => t !== tag))!;
    }

    async open() {
      await send("open article", this.name, "GET", `/api/documents/${this.slug}`);
      const answer = await send("list claims", this.name, "GET", `/api/documents/${this.slug}/annotations?fields=editor`);
      if (!ok(answer)) return;
      for (const claim of (answer!.body as { annotations: ClaimJson[] }).annotations) {
        if (!claim.createdBy.startsWith(reviewerPrefix)) this.shared.set(claim.id, { tag: claim.tag, note: claim.note, version: claim.version });
      }
    }

    async create() {
      const paragraph = this.pick(this.article.paragraphWords)!;
      const length = Math.min(paragraph.length, 1 + Math.floor(this.random() * 6));
      const first = Math.floor(this.random() * (paragraph.length - length + 1));
      const id = crypto.randomUUID();
      const body = {
        id,
        start: paragraph[first].start,
        end: paragraph[first + length - 1].end,
        tag: this.pick(tags)!,
        ...(this.random() < 0.5 ? { note: `Checked by ${this.name}: the figures quoted here disagree with the filing.` } : {}),
      };
      let answer = await send("create", this.name, "POST", `/api/documents/${this.slug}/annotations`, { body });
      // The editor sends a create again when it got no answer: the id makes that safe.
      if (answer === null || answer.status >= 500)
        answer = await send("create", this.name, "POST", `/api/documents/${this.slug}/annotations`, { body });
      const annotation = annotationOf(answer);
      if (ok(answer) && annotation)
        this.own.set(id, { tag: annotation.tag, note: annotation.note, version: annotation.version, deleted: false, uncertain: false });
      else this.own.set(id, { tag: body.tag, note: body.note ?? "", version: 0, deleted: false, uncertain: true });
    }

    /** Retags (or edits the note of) one of its own live claims or one shared claim. */
    async change(op: "retag" | "edit note") {
      const mine = [...this.own].filter(([, c]) => !c.deleted && !c.uncertain);
      const useOwn = mine.length > 0 && (this.shared.size === 0 || this.random() < 0.5);
      const target = useOwn ? this.pick(mine) : this.pick([...this.shared]);
      if (!target) return this.create();
      const [id, known] = target;
      const changes = () => (op === "retag" ? { tag: this.otherTag(known.tag) } : { note: `Edited by ${this.name} (${++this.edits}).` });
      let answer = await send(op, this.name, "PATCH", `/api/annotations/${id}`, {
        body: { version: known.version, ...changes() },
        conflictIsTrue: !useOwn,
      });
      const current = annotationOf(answer);
      if (!useOwn && answer?.status === 409 && current) {
        // Another reviewer changed it since this one read it: take theirs, and apply this change on top, once.
        Object.assign(known, { tag: current.tag, note: current.note, version: current.version });
        answer = await send(op, this.name, "PATCH", `/api/annotations/${id}`, {
          body: { version: known.version, ...changes() },
          conflictIsTrue: true,
        });
      }
      const changed = annotationOf(answer);
      if (ok(answer) && changed) {
        Object.assign(known, { tag: changed.tag, note: changed.note, version: changed.version });
        if (!useOwn) acknowledgeShared(changed);
      } else if (answer?.status === 409 && !useOwn && annotationOf(answer)) {
        const latest = annotationOf(answer)!;
        Object.assign(known, { tag: latest.tag, note: latest.note, version: latest.version });
      } else if (useOwn) {
        (known as OwnClaim).uncertain = true;
      } else {
        sharedUncertain.add(id);
      }
    }

    async delete() {
      const target = this.pick([...this.own].filter(([, c]) => !c.deleted && !c.uncertain));
      if (!target) return this.create();
      const [id, known] = target;
      const answer = await send("delete", this.name, "DELETE", `/api/annotations/${id}`);
      if (answer?.status === 204) Object.assign(known, { deleted: true, version: known.version + 1 });
      else known.uncertain = true;
    }

    async restore() {
      const target = this.pick([...this.own].filter(([, c]) => c.deleted && !c.uncertain));
      if (!target) return this.create();
      const [id, known] = target;
      const answer = await send("restore", this.name, "POST", `/api/annotations/${id}/restore`);
      const restored = annotationOf(answer);
      if (ok(answer) && restored) Object.assign(known, { deleted: false, tag: restored.tag, note: restored.note, version: restored.version });
      else known.uncertain = true;
    }

    async export() {
      await send("export", this.name, "GET", `/api/documents/${this.slug}/export?format=csv`);
    }

    /** One action, drawn from a reviewer's mix. */
    async act() {
      const r = this.random();
      if (r < 0.1) return this.open();
      if (r < 0.4) return this.create();
      if (r < 0.62) return this.change("retag");
      if (r < 0.8) return this.change("edit note");
      if (r < 0.9) return this.delete();
      if (r < 0.98) return this.restore();
      return this.export();
    }

    async run() {
      // Reviewers arrive over the first interval, not all at once.
      await sleep(this.random() * options.paceMs);
      await this.open();
      while (phase !== "done") {
        const paced = phase === "paced";
        const started = performance.now();
        await this.act();
        if (paced && phase === "paced") {
          const wait = options.paceMs * (0.5 + this.random()) - since(started);
          await sleep(Math.max(0, Math.min(wait, pacedEnd - performance.now())));
        }
      }
    }
  }

  const reviewers = Array.from({ length: options.reviewers }, (_, i) => new Reviewer(i));
  const loadAverageAtStart = loadavg()[0];
  const running = Promise.all(reviewers.map((r) => r.run()));
  await sleep(options.pacedMs);
  phase = "flatOut";
  flatOutStart = performance.now();
  phases.paced.ms = flatOutStart - start;
  await sleep(options.flatOutMs);
  phase = "done";
  await running;
  phases.flatOut.ms = since(flatOutStart);
  const loadAverageAtEnd = loadavg()[0];

  const check = await checkWrites(options, reviewers, { sharedLatest, sharedUncertain, lostUpdates });
  return {
    reviewers: options.reviewers,
    paced: phases.paced,
    flatOut: phases.flatOut,
    check,
    created: reviewers.reduce((n, r) => n + r.own.size, 0),
    sharedChanges: [...sharedVersions.values()].reduce((n, v) => n + v.size, 0),
    timeline,
    loadAverage: { start: loadAverageAtStart, end: loadAverageAtEnd },
  };
}

/**
 * Sends each operation once per article before the clock starts, so that the
 * figure times a server in use rather than its first request to each route
 * (which loads the route's code) and to each article (whose text a create
 * indexes once), then one request per reviewer at once, so that the
 * database driver's pool has opened its connections. The claim it makes ends
 * deleted, so it is not read back.
 */
async function warmUp(options: LoadOptions): Promise<void> {
  const headers = { ...options.admin.headers, "content-type": "application/json" };
  const expect = async (method: string, path: string, status: number, body?: unknown) => {
    const response = await fetch(`${options.origin}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    if (response.status !== status) throw new Error(`warming up, ${method} ${path}: HTTP ${response.status} ${text.slice(0, 300)}`);
    return response.headers.get("content-type")?.includes("application/json") ? (JSON.parse(text) as { annotation?: ClaimJson }) : {};
  };
  for (const { slug, article } of options.articles) {
    await expect("GET", `/api/documents/${slug}`, 200);
    await expect("GET", `/api/documents/${slug}/annotations?fields=editor`, 200);
    const words = article.paragraphWords[0];
    const id = crypto.randomUUID();
    const created = await expect("POST", `/api/documents/${slug}/annotations`, 201, { id, start: words[0].start, end: words[1].end, tag: tags[0] });
    const retagged = await expect("PATCH", `/api/annotations/${id}`, 200, { version: created.annotation!.version, tag: tags[1] });
    await expect("PATCH", `/api/annotations/${id}`, 200, { version: retagged.annotation!.version, note: "Warming up." });
    await expect("DELETE", `/api/annotations/${id}`, 204);
    await expect("POST", `/api/annotations/${id}/restore`, 200);
    await expect("DELETE", `/api/annotations/${id}`, 204);
    await expect("GET", `/api/documents/${slug}/export?format=csv`, 200);
  }
  await Promise.all(
    Array.from({ length: options.reviewers }, (_, i) =>
      expect("GET", `/api/documents/${options.articles[i % options.articles.length].slug}/annotations?fields=editor`, 200),
    ),
  );
}

/** Reads every claim of the load articles back and compares it with the reviewers' ledgers. */
async function checkWrites(
  options: LoadOptions,
  reviewers: { name: string; slug: string; own: Map<string, OwnClaim> }[],
  shared: { sharedLatest: Map<string, SeenClaim>; sharedUncertain: Set<string>; lostUpdates: string[] },
): Promise<WriteCheck> {
  const check: WriteCheck = { claims: 0, lost: [...shared.lostUpdates], doubled: [], afterErrors: [] };
  const listed = new Map<string, ClaimJson>();
  for (const { slug } of options.articles) {
    const response = await fetch(`${options.origin}/api/documents/${slug}/annotations`, {
      headers: options.admin.headers,
      signal: AbortSignal.timeout(60_000),
    });
    if (!response.ok) throw new Error(`reading back ${slug}: HTTP ${response.status}`);
    const { annotations } = (await response.json()) as { annotations: ClaimJson[] };
    for (const claim of annotations) listed.set(claim.id, claim);
  }
  check.claims = listed.size;
  const report = (uncertain: boolean, into: string[], line: string) => (uncertain ? check.afterErrors : into).push(line);

  const owners = new Map<string, string>();
  for (const reviewer of reviewers) {
    for (const [id, expected] of reviewer.own) {
      owners.set(id, reviewer.name);
      const found = listed.get(id);
      const where = `${reviewer.name}'s claim ${id}`;
      if (expected.deleted) {
        if (found) report(expected.uncertain, check.lost, `${where}: deleted (version ${expected.version}) but listed at version ${found.version}`);
      } else if (!found) {
        // A create that was never answered may or may not be stored: both are fine.
        if (expected.version > 0) report(expected.uncertain, check.lost, `${where}: acknowledged at version ${expected.version}, not listed`);
      } else if (expected.version === 0) {
        // Stored although never answered: the reviewer's retry with the same id would have found it.
      } else if (found.createdBy !== reviewer.name) {
        report(expected.uncertain, check.doubled, `${where}: listed as created by ${found.createdBy}`);
      } else if (found.version !== expected.version || found.tag !== expected.tag || found.note !== expected.note) {
        const into = found.version > expected.version ? check.doubled : check.lost;
        report(
          expected.uncertain,
          into,
          `${where}: expected version ${expected.version} ${expected.tag}, listed version ${found.version} ${found.tag}${found.note !== expected.note ? " with another note" : ""}`,
        );
      }
    }
  }
  for (const [id, found] of listed) {
    if (found.createdBy.startsWith(reviewerPrefix)) {
      if (!owners.has(id)) check.doubled.push(`claim ${id} by ${found.createdBy}: listed, but no reviewer created it`);
      continue;
    }
    // A seeded claim: version 1 unless a change was acknowledged.
    const latest = shared.sharedLatest.get(id);
    const uncertain = shared.sharedUncertain.has(id);
    const expected = latest?.version ?? 1;
    if (found.version < expected || (latest && found.version === expected && (found.tag !== latest.tag || found.note !== latest.note))) {
      report(
        uncertain,
        check.lost,
        `shared claim ${id}: acknowledged version ${expected} ${latest?.tag ?? ""}, listed version ${found.version} ${found.tag}`,
      );
    } else if (found.version > expected) {
      report(uncertain, check.doubled, `shared claim ${id}: listed at version ${found.version}, acknowledged up to ${expected}`);
    }
  }
  return check;
}
