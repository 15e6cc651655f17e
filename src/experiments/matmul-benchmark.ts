/**
 * A micro-benchmark of the active tfjs backend: square matrix products timed
 * with warm-up and repeats. It shows what the backend choice is worth on this
 * machine (the quickstart's first measurement).
 */
import { InvalidArgumentError } from "../errors.js";
import { initBackend, tfjs, type BackendRequest } from "../runtime/backend.js";
import { medianSorted } from "../stats/quantile.js";

/** One size's timing. */
export interface MatmulTiming {
  readonly backend: string;
  readonly size: number;
  /** Median wall time of one product, data read back included. */
  readonly medianMs: number;
  readonly minMs: number;
  readonly repeats: number;
  /** 2 n^3 / median time. */
  readonly gflops: number;
}

/** Options of {@link matmulBenchmark}. */
export interface MatmulBenchmarkOptions {
  /** Matrix sizes (default 64, 128, 256, 512). */
  readonly sizes?: readonly number[];
  /** Timed runs per size after 2 warm-up runs (default 7). */
  readonly repeats?: number;
  /** Backend to initialise first (default: keep the active one, or `auto`). */
  readonly backend?: BackendRequest;
  /** Seed of the random matrices (default 0). */
  readonly seed?: number;
}

/**
 * Times `n x n` matrix products on the active backend. Leaks no tensors.
 *
 * @throws {InvalidArgumentError} for a size that is not a positive integer, or repeats < 1
 * @example
 * ```ts
 * const rows = await matmulBenchmark({ sizes: [128, 256], repeats: 5 });
 * rows[0].medianMs;
 * ```
 */
export async function matmulBenchmark(options: MatmulBenchmarkOptions = {}): Promise<MatmulTiming[]> {
  const sizes = options.sizes ?? [64, 128, 256, 512];
  const repeats = options.repeats ?? 7;
  for (const n of sizes) if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`matmulBenchmark: size ${n} is not a positive integer`);
  if (!Number.isInteger(repeats) || repeats < 1) throw new InvalidArgumentError(`matmulBenchmark: repeats ${repeats} must be a positive integer`);
  const report = await initBackend(options.backend);
  const tf = tfjs();
  const out: MatmulTiming[] = [];
  for (const n of sizes) {
    const a = tf.randomNormal([n, n], 0, 1, "float32", options.seed ?? 0);
    const times: number[] = [];
    for (let i = 0; i < repeats + 2; i++) {
      const t0 = performance.now();
      const c = tf.matMul(a, a);
      await c.data();
      c.dispose();
      if (i >= 2) times.push(performance.now() - t0);
    }
    a.dispose();
    times.sort((x, y) => x - y);
    const median = medianSorted(times);
    out.push({ backend: report.backend, size: n, medianMs: median, minMs: times[0] as number, repeats, gflops: (2 * n ** 3) / (median * 1e6) });
  }
  return out;
}
