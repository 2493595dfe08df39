/** Order statistics of samples; p95 interpolates between the two nearest ranks. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

export const median = (samples: readonly number[]) => percentile(samples, 50);
export const p95 = (samples: readonly number[]) => percentile(samples, 95);

/** Milliseconds since `start` (a `performance.now()` reading). */
export const since = (start: number) => performance.now() - start;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs the subject and its baseline in turn, `runs` times each, swapping
 * which goes first every round so that a machine that slows down or speeds up
 * during the run weighs on both alike.
 */
export async function interleave(runs: number, subject: (run: number) => Promise<void>, baseline: (run: number) => Promise<void>): Promise<void> {
  for (let run = 0; run < runs; run++) {
    if (run % 2 === 0) {
      await subject(run);
      await baseline(run);
    } else {
      await baseline(run);
      await subject(run);
    }
  }
}
