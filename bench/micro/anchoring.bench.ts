/**
 * Anchoring micro-benchmarks, run by `npm run bench:micro` (vitest's bench
 * mode) and by `npm run bench`, whose figure 6 reads the median of the first
 * from `--outputJson`: `anchorAll` re-anchoring the 5,000 claims of the
 * benchmark's article on the revision every re-anchoring run publishes
 * (edits spread over the whole article), in-process, with no server and no
 * database. BENCH_ANCHOR_RUNS sets how many timed runs (10 by default).
 */
import { bench, describe } from "vitest";
import { anchorAll } from "@/lib/anchoring";
import { buildCorpus } from "../lib/corpus";

const runs = Number(process.env.BENCH_ANCHOR_RUNS ?? 10);
const corpus = buildCorpus({ large: false });
// Each run takes a few hundred ms: a fixed number of runs, not a time budget, after one unmeasured.
const options = { iterations: runs, time: 0, warmupIterations: 1, warmupTime: 0 };

describe("re-anchor 5,000 claims on a revision", () => {
  bench("anchorAll", () => void anchorAll(corpus.revision.text, corpus.claims5k), options);
});
