/**
 * The articles a benchmark run stores, each the same 50,000-word text with a
 * different set of claims. Seeding and measuring both build them from here,
 * so the measuring side knows every row without reading it back.
 */
import { type BenchArticle, type BenchClaim, makeArticle, makeClaims, reviseArticle } from "./article-data";

export const slugs = {
  /** 5,000 claims, a quarter overlapping another: the editor and list figures. */
  claims5k: "bench-5k",
  /** The same text with no claims: the editor figures' baseline. */
  empty: "bench-empty",
  /** 50,000 claims: can the editor still open and respond. */
  claims50k: "bench-50k",
  /** 100,000 claims: exports. */
  claims100k: "bench-100k",
  /** No claims at first: the create figure adds its claims here. */
  create: "bench-create",
} as const;

/**
 * The create figure's second row: 16 clients each creating on an article of
 * its own (news-length, no claims at first), where the first row's 16 all
 * create on `bench-create`.
 */
export const createSpreadArticles = 16;
const createSpreadSlug = (n: number) => `bench-create-${n}`;

/** One article per re-anchoring run (publishing a revision changes the article for good). */
export const reanchorRuns = 3;
export const reanchorSlug = (run: number) => `bench-reanchor-${run}`;

/**
 * The articles of the load figure: a few news-length articles (2,000 words
 * in 80 paragraphs) with 100 claims each, which the simulated reviewers share
 * and change, and to which they add their own.
 */
export const loadArticles = 4;
export const loadSlug = (n: number) => `bench-load-${n}`;
const loadShape = { paragraphs: 80, words: 2_000 };
export const loadClaimsPerArticle = 100;

export interface CorpusDocument {
  slug: string;
  title: string;
  claims: BenchClaim[];
  /** Its own article; absent: the corpus's 50,000-word `article`. */
  article?: BenchArticle;
}

export interface Corpus {
  article: BenchArticle;
  /** The revision every re-anchoring run publishes. */
  revision: BenchArticle;
  claims5k: BenchClaim[];
  documents: CorpusDocument[];
  /** The load figure's articles (also in `documents`). */
  load: (CorpusDocument & { article: BenchArticle })[];
  /** The create figure's articles of one client each (in `documents`, with no claims), and the claims to create on each. */
  createSpread: { slug: string; claims: BenchClaim[] }[];
}

/**
 * Builds the whole corpus; `large` false leaves out the 50,000 and
 * 100,000-claim sets (quick runs), `loadOnly` keeps only the load figure's
 * articles (`--only load`).
 */
export function buildCorpus({ large = true, loadOnly = false } = {}): Corpus {
  const article = makeArticle(1);
  const claims5k = makeClaims(article, { count: 5_000, seed: 5, overlapShare: 0.25 });
  const load = Array.from({ length: loadArticles }, (_, i) => {
    const loadArticle = makeArticle(11 + i, loadShape);
    const claims = makeClaims(loadArticle, { count: loadClaimsPerArticle, seed: 21 + i });
    return { slug: loadSlug(i + 1), title: `Benchmark: load article ${i + 1}`, claims, article: loadArticle };
  });
  if (loadOnly) return { article, revision: reviseArticle(article, 7), claims5k, documents: load, load, createSpread: [] };
  const spread = Array.from({ length: createSpreadArticles }, (_, i) => {
    const spreadArticle = makeArticle(41 + i, loadShape);
    return { slug: createSpreadSlug(i + 1), article: spreadArticle, claims: makeClaims(spreadArticle, { count: 200, seed: 61 + i }) };
  });
  const documents: CorpusDocument[] = [
    { slug: slugs.claims5k, title: "Benchmark: 5,000 claims", claims: claims5k },
    { slug: slugs.empty, title: "Benchmark: no claims", claims: [] },
    { slug: slugs.create, title: "Benchmark: claims created through the API", claims: [] },
    ...spread.map(({ slug, article }, i) => ({ slug, title: `Benchmark: claims created through the API, client ${i + 1}`, claims: [], article })),
    ...Array.from({ length: reanchorRuns }, (_, i) => ({
      slug: reanchorSlug(i + 1),
      title: `Benchmark: re-anchoring run ${i + 1}`,
      claims: claims5k,
    })),
  ];
  if (large) {
    documents.push(
      { slug: slugs.claims50k, title: "Benchmark: 50,000 claims", claims: makeClaims(article, { count: 50_000, seed: 50 }) },
      { slug: slugs.claims100k, title: "Benchmark: 100,000 claims", claims: makeClaims(article, { count: 100_000, seed: 100 }) },
    );
  }
  documents.push(...load);
  const createSpread = spread.map(({ slug, claims }) => ({ slug, claims }));
  return { article, revision: reviseArticle(article, 7), claims5k, documents, load, createSpread };
}
