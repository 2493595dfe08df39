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

/** One article per re-anchoring run (publishing a revision changes the article for good). */
export const reanchorRuns = 3;
export const reanchorSlug = (run: number) => `bench-reanchor-${run}`;

export interface CorpusDocument {
  slug: string;
  title: string;
  claims: BenchClaim[];
}

export interface Corpus {
  article: BenchArticle;
  /** The revision every re-anchoring run publishes. */
  revision: BenchArticle;
  claims5k: BenchClaim[];
  documents: CorpusDocument[];
}

/** Builds the whole corpus; `large` false leaves out the 50,000 and 100,000-claim sets (quick runs). */
export function buildCorpus({ large = true } = {}): Corpus {
  const article = makeArticle(1);
  const claims5k = makeClaims(article, { count: 5_000, seed: 5, overlapShare: 0.25 });
  const documents: CorpusDocument[] = [
    { slug: slugs.claims5k, title: "Benchmark: 5,000 claims", claims: claims5k },
    { slug: slugs.empty, title: "Benchmark: no claims", claims: [] },
    { slug: slugs.create, title: "Benchmark: claims created through the API", claims: [] },
    ...Array.from({ length: reanchorRuns }, (_, i) => ({ slug: reanchorSlug(i + 1), title: `Benchmark: re-anchoring run ${i + 1}`, claims: claims5k })),
  ];
  if (large) {
    documents.push(
      { slug: slugs.claims50k, title: "Benchmark: 50,000 claims", claims: makeClaims(article, { count: 50_000, seed: 50 }) },
      { slug: slugs.claims100k, title: "Benchmark: 100,000 claims", claims: makeClaims(article, { count: 100_000, seed: 100 }) },
    );
  }
  return { article, revision: reviseArticle(article, 7), claims5k, documents };
}
