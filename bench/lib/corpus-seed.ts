/**
 * The corpus figure's archive (figure 10): thousands of news-length articles
 * and a million claims, made from a seed and loaded in bulk with COPY
 * (postgres.js's `COPY … FROM STDIN`, PGlite's `COPY … FROM '/dev/blob'`),
 * not through the data layer row by row, which would take hours.
 *
 * The rows are what the app writes, so that the queries meet realistic data:
 * - articles with a title, outlet, author, source URL, published date (some
 *   undated), blocks and the plain text offsets count in, their revision 1,
 *   a twentieth archived; every article holds the common word
 *   `corpusWords.common`, a few the rare `corpusWords.rare`;
 * - claims on whole words of their article's text (`describeRange`, as the
 *   API describes them), with every tag and review state, a few hundred
 *   reviewers and claimants with accented names (accounts for the
 *   reviewers), notes, evidence, orphans, claims on changed words, deleted
 *   ones; each with its `annotation_anchors` row of revision 1;
 * - the verdicts claims in review and approved ones carry, and comments on
 *   some claims (`comment_count` kept).
 * `document_counts` is kept by the migrations' triggers as the rows go in
 * (they fire on COPY too). Claim events (each claim's `created` entry) are
 * not written: no measured query reads them.
 *
 * The claims' secondary indexes are dropped for the load and built again
 * after it, with the definitions the migrations gave them (read back from
 * the catalogue): building an index once is far faster than growing it row
 * by row, and the result is the same index. Then `vacuum analyze`.
 *
 * Run in a process of its own on a migrated database (the server's first
 * start migrates it), as PGlite lets one process open a data folder:
 *
 *   tsx bench/lib/corpus-seed.ts <articles> <claims>   (DATABASE_URL or PGLITE_DATA_DIR)
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { pathToFileURL } from "node:url";
import { type ArticleBlock, articleText } from "@/lib/article";
import { describeRange } from "@/lib/selectors";
import { CodePointIndex } from "@/lib/text-offsets";
import { tags } from "@/lib/tags";
import { randomSource } from "./article-data";

/** Words the figure searches for: one in every article (and many claims), one in a handful. */
export const corpusWords = { common: "minister", rare: "quokka" } as const;
/** Parts of names the review filters look for: each matches several accented names. */
export const corpusNameParts = { reviewer: "sam", claimant: "jose" } as const;
export const corpusSlug = (n: number) => `corpus-${n}`;

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const between = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

const firstNames =
  "José Zoë Søren Ana Łukasz François Amélie Björn Chloé Dmitri Émile Fatoumata Grégoire Hélène Inès Jürgen Kateřina Lúcia Mónica Núria Oğuz Pál Renée Sam Siobhán Tomás Ümit Wojciech Yusuf Zoltán".split(
    " ",
  );
const lastNames =
  "Álvarez Ortiz Müller Nguyễn Kowalski Dubois Sánchez Østergaard Çelik Novák Ferreira Brontë Ibáñez Jönsson Lefèvre Mäkinen O'Brien Petrović Quiñones Rossi".split(
    " ",
  );
/** Every first name with every last name, interleaved so that a prefix of the list has every first name. */
const allNames = lastNames.flatMap((last) => firstNames.map((first) => `${first} ${last}`));
/** 300 reviewers (accounts), 500 claimants (people and bodies). */
export const corpusReviewers = allNames.slice(0, 300);
const organisations =
  "the Treasury|the central bank|a ministry spokesperson|the opposition|the health agency|Statistics Office|the mayor's office|an unnamed official|the union|the police".split(
    "|",
  );
const claimants = [...allNames.slice(100, 590), ...organisations];
const outlets =
  "The Daily Ledger|Le Quotidien|Der Morgen|El Diario Público|The Northern Star|Gazeta Wiadomości|Il Corriere Civico|The Harbour Times|Nordic Wire|The Capital Report|Metro Noticias|Ørestad Avis".split(
    "|",
  );
const commonWords = (
  "the of and to in a that said is for on was with it as by at from his her their its be has have had " +
  "not but an they which this were would will been who more also after over new two than about " +
  "could when there into what some other year years first last people report government million budget"
).split(" ");
const syllables =
  "ba be bi co da de di fa fe ga ha ja ka ke ki la le li lo ma me mi mo na ne ni no pa pe po ra re ri ro sa se si so ta te ti to va ve vi wa za ze".split(
    " ",
  );
const noteOpenings = [
  "Checked against the filing;",
  "The ministry's own figures say otherwise:",
  "Two sources dispute this;",
  "No record of this in the archive;",
  "The minister repeated it in parliament;",
  "Needs the original dataset;",
  "Café owners interviewed disagree;",
  "Compare the 2019 report;",
];

function inventedWord(random: Random): string {
  let word = "";
  for (let i = between(random, 2, 4); i > 0; i--) word += pick(random, syllables);
  return word;
}

/** One article's paragraphs: news prose from a shared vocabulary, the common word in the first. */
function paragraphsOf(random: Random, vocabulary: string[], words: number, rare: boolean): string[] {
  const paragraphs: string[] = [];
  let left = words;
  while (left > 0) {
    const length = Math.min(left, between(random, 25, 60));
    const parts: string[] = [];
    let sinceStop = 0;
    for (let i = 0; i < length; i++) {
      const r = random();
      let word = r < 0.45 ? pick(random, commonWords) : r < 0.97 ? pick(random, vocabulary) : pick(random, allNames).split(" ")[1];
      if (sinceStop === 0) word = word[0].toUpperCase() + word.slice(1);
      sinceStop++;
      if (i === length - 1 || sinceStop >= between(random, 8, 18)) {
        word += ".";
        sinceStop = 0;
      } else if (random() < 0.06) word += ",";
      parts.push(word);
    }
    if (paragraphs.length === 0) parts.splice(between(random, 1, 5), 0, corpusWords.common);
    else if (random() < 0.08) parts.splice(between(random, 1, parts.length - 1), 0, corpusWords.common);
    if (rare && paragraphs.length === 1) parts.splice(2, 0, corpusWords.rare);
    paragraphs.push(parts.join(" "));
    left -= length;
  }
  return paragraphs;
}

/** Rows of one table in CSV, as COPY reads them: null unquoted and empty, everything else quoted. */
function csvLine(values: readonly (string | number | boolean | null)[]): string {
  return `${values.map((value) => (value === null ? "" : typeof value === "string" ? `"${value.replaceAll('"', '""')}"` : String(value))).join(",")}\n`;
}

export interface CorpusSize {
  articles: number;
  claims: number;
}

/** The columns each table is loaded with, in the order `csvLine` gets their values. */
const columns = {
  users: ["id", "name", "email", "role", "email_verified"],
  documents: ["id", "slug", "title", "outlet", "source_url", "author", "published_at", "text", "blocks", "created_at", "archived_at", "archived_by"],
  document_revisions: ["document_id", "number", "text", "blocks", "published_by", "published_at"],
  annotations: [
    "id",
    "document_id",
    "start_offset",
    "end_offset",
    "exact",
    "prefix",
    "suffix",
    "tag",
    "note",
    "claimant",
    "evidence",
    "status",
    "previous_quote",
    "comment_count",
    "created_by",
    "updated_by",
    "created_by_id",
    "updated_by_id",
    "created_at",
    "updated_at",
    "deleted_at",
    "deleted_by",
    "review_state",
    "approved_by",
    "approved_by_id",
    "approved_at",
    "verdict_count",
    "verdicts_differ",
  ],
  annotation_anchors: ["annotation_id", "revision", "status", "start_offset", "end_offset", "exact", "method", "actor", "actor_id", "at"],
  claim_verdicts: ["annotation_id", "kind", "tag", "note", "by_name", "by_id", "at"],
  comments: ["annotation_id", "author", "author_id", "body", "created_at", "updated_at"],
} as const;
type Table = keyof typeof columns;
type Lines = Record<Table, string[]>;

const userId = (n: number) => `corpus-user-${n}`;
const day = 86_400_000;
/** The archive's first article was added on this day; one every few hours since. */
const epoch = Date.UTC(2021, 0, 4);

/**
 * The rows of articles `from` to `to` (exclusive) and of their claims, as
 * CSV lines per table. `claimsOf(n)` says how many claims article n has.
 */
function makeBatch(from: number, to: number, claimsOf: (n: number) => number, firstClaim: number, vocabulary: string[], size: CorpusSize): Lines {
  const lines: Lines = {
    users: [],
    documents: [],
    document_revisions: [],
    annotations: [],
    annotation_anchors: [],
    claim_verdicts: [],
    comments: [],
  };
  let claimNumber = firstClaim;
  for (let n = from; n < to; n++) {
    const random = randomSource(1_000_003 * (n + 1));
    const rare = n % Math.max(1, Math.floor(size.articles / 4)) === 1;
    const paragraphs = paragraphsOf(random, vocabulary, between(random, 400, 1_100), rare);
    const titleWords = Array.from({ length: between(random, 4, 9) }, () => pick(random, vocabulary));
    const title = `${titleWords[0][0].toUpperCase()}${titleWords.slice(0).join(" ").slice(1)}${random() < 0.3 ? ` ${corpusWords.common}` : ""}`;
    const blocks: ArticleBlock[] = [{ type: "heading", level: 1, text: title }, ...paragraphs.map((text) => ({ type: "paragraph" as const, text }))];
    const text = articleText(blocks);
    const outlet = pick(random, outlets);
    const author = pick(random, allNames);
    const createdAt = new Date(epoch + n * (day / 6) + between(random, 0, 3_600_000));
    const published = random() < 0.05 ? null : new Date(createdAt.getTime() - between(random, 0, 20) * day).toISOString().slice(0, 10);
    const host = outlet.toLowerCase().replace(/[^a-z]+/g, "");
    const slug = corpusSlug(n);
    const id = crypto.randomUUID();
    const archived = n % 20 === 7;
    const blocksJson = JSON.stringify(blocks);
    lines.documents.push(
      csvLine([
        id,
        slug,
        title,
        outlet,
        `https://www.${host}.example/${createdAt.toISOString().slice(0, 7).replace("-", "/")}/${titleWords.slice(0, 4).join("-")}-${n}`,
        author,
        published,
        text,
        blocksJson,
        createdAt.toISOString(),
        archived ? new Date(createdAt.getTime() + 90 * day).toISOString() : null,
        archived ? pick(random, corpusReviewers) : null,
      ]),
    );
    lines.document_revisions.push(csvLine([id, 1, text, blocksJson, "corpus seed", createdAt.toISOString()]));

    // Claims on whole words: the words' code point spans in the text, per paragraph.
    const index = new CodePointIndex(text);
    const spans: { start: number; end: number }[][] = [];
    let utf16 = title.length + 1;
    for (const paragraph of paragraphs) {
      const words: { start: number; end: number }[] = [];
      for (const match of paragraph.matchAll(/\S+/g)) {
        const bare = match[0].replace(/[.,]+$/, "");
        const at = utf16 + match.index;
        words.push({ start: index.toCodePoint(at), end: index.toCodePoint(at + bare.length) });
      }
      spans.push(words);
      utf16 += paragraph.length + 1;
    }
    for (let c = claimsOf(n); c > 0; c--, claimNumber++) addClaim(random, lines, id, index, spans, createdAt, claimNumber);
  }
  return lines;
}

function addClaim(
  random: Random,
  lines: Lines,
  documentId: string,
  index: CodePointIndex,
  spans: { start: number; end: number }[][],
  articleAdded: Date,
  claimNumber: number,
) {
  const words = pick(random, spans);
  const length = Math.min(words.length, 1 + Math.floor(-Math.log(1 - random()) * 2.5));
  const first = between(random, 0, words.length - length);
  const anchor = describeRange(index, words[first].start, words[first + length - 1].end);
  const id = crypto.randomUUID();
  const r = random();
  const tag = tags[r < 0.4 ? 0 : r < 0.7 ? 1 : 2];
  const creator = between(random, 0, corpusReviewers.length - 1);
  const editor = random() < 0.7 ? creator : between(random, 0, corpusReviewers.length - 1);
  const createdAt = new Date(articleAdded.getTime() + between(random, 0, 30 * day));
  const updatedAt = editor === creator ? createdAt : new Date(createdAt.getTime() + between(random, 0, 10 * day));
  const s = random();
  const state = s < 0.55 ? "draft" : s < 0.8 ? "in_review" : "approved";
  let approver = (creator + between(random, 1, corpusReviewers.length - 1)) % corpusReviewers.length;
  if (approver === creator) approver = (creator + 1) % corpusReviewers.length;
  const differ = state === "approved" && random() < 0.1;
  const o = random();
  const status = o < 0.01 ? "orphan" : "anchored";
  const previousQuote = status === "anchored" && o < 0.015 ? `${anchor.exact} (before the revision)` : null;
  const deleted = random() < 0.02;
  const commentCount = random() < 0.05 ? between(random, 1, 3) : 0;
  const rareNote = claimNumber % 50_000 === 7;
  const note =
    random() < 0.35 && !rareNote
      ? ""
      : `${pick(random, noteOpenings)} ${between(random, 2, 40)} figures quoted here${rareNote ? `, like the ${corpusWords.rare} count` : ""}.`;
  const at = (date: Date) => date.toISOString();
  lines.annotations.push(
    csvLine([
      id,
      documentId,
      anchor.start,
      anchor.end,
      anchor.exact,
      anchor.prefix,
      anchor.suffix,
      tag,
      note,
      random() < 0.45 ? "" : pick(random, claimants),
      random() < 0.7 ? "[]" : JSON.stringify([`https://example.org/evidence/${between(random, 1, 99_999)}`]),
      status,
      previousQuote,
      commentCount,
      corpusReviewers[creator],
      corpusReviewers[editor],
      userId(creator),
      userId(editor),
      at(createdAt),
      at(updatedAt),
      deleted ? at(new Date(updatedAt.getTime() + day)) : null,
      deleted ? corpusReviewers[editor] : null,
      state,
      state === "approved" ? corpusReviewers[approver] : null,
      state === "approved" ? userId(approver) : null,
      state === "approved" ? at(updatedAt) : null,
      state === "draft" ? 0 : state === "approved" ? 2 : 1,
      differ,
    ]),
  );
  lines.annotation_anchors.push(
    csvLine([id, 1, "anchored", anchor.start, anchor.end, anchor.exact, "created", corpusReviewers[creator], userId(creator), at(createdAt)]),
  );
  if (state !== "draft") lines.claim_verdicts.push(csvLine([id, "first", tag, "", corpusReviewers[creator], userId(creator), at(createdAt)]));
  if (state === "approved") {
    const second = differ ? tags[(tags.indexOf(tag) + 1) % tags.length] : tag;
    lines.claim_verdicts.push(csvLine([id, "second", second, "", corpusReviewers[approver], userId(approver), at(updatedAt)]));
  }
  for (let c = 0; c < commentCount; c++) {
    const by = between(random, 0, corpusReviewers.length - 1);
    const body = `${pick(random, ["Agreed", "Not sure", "Source?", "See the minister's statement", "The café owner confirmed", "Checked"])}: ${anchor.exact}${claimNumber % 40_000 === 11 ? ` and the ${corpusWords.rare} angle` : ""}`;
    const when = at(new Date(createdAt.getTime() + (c + 1) * 3_600_000));
    lines.comments.push(csvLine([id, corpusReviewers[by], userId(by), body, when, when]));
  }
}

/** How many claims each article has: skewed (a few with hundreds, many with a few dozen), adding up to `size.claims`. */
export function claimCounts(size: CorpusSize): number[] {
  const random = randomSource(77);
  const weights = Array.from({ length: size.articles }, () => 0.2 + -Math.log(1 - random()));
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.floor((w / sum) * size.claims));
  let left = size.claims - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % counts.length, left--) counts[i]++;
  return counts;
}

/** What a load needs of a database: a statement, and COPY of CSV lines into a table's columns. */
interface Loader {
  exec(statement: string): Promise<void>;
  query<T>(statement: string): Promise<T[]>;
  copy(table: Table, lines: string[]): Promise<void>;
  close(): Promise<void>;
}

/** Lines joined into chunks of about 1 MB: one socket write each, not one per row. */
function* chunked(lines: string[]): Generator<string> {
  let chunk = "";
  for (const line of lines) {
    chunk += line;
    if (chunk.length > 1_000_000) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk) yield chunk;
}

async function postgresLoader(url: string): Promise<Loader> {
  const { default: postgres } = await import("postgres");
  const client = postgres(url, { max: 1, onnotice: () => {} });
  return {
    exec: async (statement) => void (await client.unsafe(statement)),
    query: async <T>(statement: string) => (await client.unsafe(statement)) as unknown as T[],
    async copy(table, lines) {
      const writable = await client.unsafe(`copy ${table} (${columns[table].join(", ")}) from stdin with (format csv)`).writable();
      await pipeline(Readable.from(chunked(lines)), writable);
    },
    close: () => client.end({ timeout: 5 }),
  };
}

async function pgliteLoader(dataDir: string): Promise<Loader> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { pgliteExtensions } = await import("@/db/pglite-extensions");
  const db = await PGlite.create(dataDir, { extensions: pgliteExtensions });
  return {
    exec: async (statement) => void (await db.exec(statement)),
    query: async <T>(statement: string) => (await db.query<T>(statement)).rows,
    async copy(table, lines) {
      await db.query(`copy ${table} (${columns[table].join(", ")}) from '/dev/blob' with (format csv)`, [], { blob: new Blob(lines) });
    },
    close: () => db.close(),
  };
}

/** The tables whose secondary indexes are built after the load (not those behind a constraint). */
const rebuilt = ["annotations", "annotation_anchors", "claim_verdicts", "comments"];

/** Seeds the corpus into a migrated database with no corpus yet; returns the seconds each step took. */
export async function seedCorpus(loader: Loader, size: CorpusSize, log: (message: string) => void): Promise<Record<string, number>> {
  const timings: Record<string, number> = {};
  let mark = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round((now - mark) / 100) / 10;
    mark = now;
    log(`${name}: ${timings[name]} s`);
  };
  const indexes = await loader.query<{ name: string; definition: string }>(`
    select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
    from pg_index i
    where i.indrelid::regclass::text in (${rebuilt.map((t) => `'${t}'`).join(", ")})
      and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`);
  for (const { name } of indexes) await loader.exec(`drop index ${name}`);
  lap(`dropped ${indexes.length} indexes`);

  await loader.copy(
    "users",
    corpusReviewers.map((name, n) =>
      csvLine([
        userId(n),
        name,
        `${name
          .normalize("NFD")
          .replace(/[^A-Za-z]+/g, ".")
          .toLowerCase()}.${n}@corpus.example`,
        "reviewer",
        true,
      ]),
    ),
  );
  const vocabularyRandom = randomSource(4242);
  const vocabulary = Array.from({ length: 6_000 }, () => inventedWord(vocabularyRandom));
  const counts = claimCounts(size);
  const batch = Math.max(1, Math.floor(size.articles / 20));
  let claims = 0;
  const copyMs: Record<string, number> = {};
  for (let from = 0; from < size.articles; from += batch) {
    const to = Math.min(size.articles, from + batch);
    const lines = makeBatch(from, to, (n) => counts[n], claims, vocabulary, size);
    for (const table of ["documents", "document_revisions", "annotations", "annotation_anchors", "claim_verdicts", "comments"] as const) {
      const start = performance.now();
      await loader.copy(table, lines[table]);
      copyMs[table] = (copyMs[table] ?? 0) + (performance.now() - start);
    }
    for (let n = from; n < to; n++) claims += counts[n];
    log(`${to.toLocaleString("en")} articles, ${claims.toLocaleString("en")} claims`);
  }
  lap("rows copied");
  log(
    `COPY by table: ${Object.entries(copyMs)
      .map(([table, ms]) => `${table} ${(ms / 1000).toFixed(1)} s`)
      .join(", ")}`,
  );
  for (const { definition } of indexes) await loader.exec(definition);
  lap(`built ${indexes.length} indexes again`);
  await loader.exec("vacuum analyze");
  lap("vacuum analyze");
  return timings;
}

async function main() {
  const [articles, claims] = process.argv.slice(2).map(Number);
  if (!(articles > 0 && claims >= 0)) throw new Error("usage: tsx bench/lib/corpus-seed.ts <articles> <claims>");
  const started = performance.now();
  const url = process.env.DATABASE_URL;
  const loader = url ? await postgresLoader(url) : await pgliteLoader(process.env.PGLITE_DATA_DIR!);
  try {
    // Building indexes on a million rows: as much memory as the machine spares.
    if (url) await loader.exec("set maintenance_work_mem = '512MB'");
    const timings = await seedCorpus(loader, { articles, claims }, (message) => console.log(`[corpus seed] ${message}`));
    const seconds = (performance.now() - started) / 1000;
    console.log(JSON.stringify({ seeded: { articles, claims }, seconds, timings }));
  } finally {
    await loader.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
