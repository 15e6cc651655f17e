/**
 * Wall-clock timing of repeated runs, for benchmarks (`npm run bench`), not
 * for tests: timings are noisy, so benchmarks print them, they do not assert.
 */
import { InvalidArgumentError } from "../errors.js";
import { medianSorted } from "../stats/quantile.js";

/** Timings of one benchmark, in ms. */
export interface Timing {
  /** The first run (cold: module loading, JIT, file cache). */
  readonly firstMs: number;
  /** Median of the runs after the first. */
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly runs: number;
}

/**
 * Runs `fn` `runs` times (awaiting each) and reports the first run and the
 * median of the others.
 *
 * @throws {InvalidArgumentError} when runs < 2
 * @example
 * ```ts
 * const t = await timeRuns(() => loadTable("help-nb201"), 5);
 * t.medianMs;
 * ```
 */
export async function timeRuns(fn: () => unknown, runs = 5): Promise<Timing> {
  if (!Number.isInteger(runs) || runs < 2) throw new InvalidArgumentError(`timeRuns: runs ${runs} must be an integer >= 2 (one cold run, then the timed ones)`);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  const first = times[0] as number;
  const rest = times.slice(1).sort((a, b) => a - b);
  const median = medianSorted(rest);
  return { firstMs: first, medianMs: median, minMs: rest[0] as number, maxMs: rest[rest.length - 1] as number, runs };
}
