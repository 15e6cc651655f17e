/**
 * Random search: distinct uniformly random architectures until the budget.
 */
import { seededRng } from "../random.js";
import { Archive, type Evaluator } from "./evaluator.js";
import type { Genome } from "./genome.js";
import { frontAfter, type SearchOptions, type SearchRun } from "./search-run.js";

/** Architectures drawn per objective call. */
const BATCH = 100;

/**
 * Random search with a seeded generator.
 *
 * @example
 * ```ts
 * const run = randomSearch(NB201_GENOME, tableEvaluator(t, "cifar10", "pixel3"), { evaluations: 2000, seed: 0 });
 * ```
 */
export function randomSearch<G>(genome: Genome<G>, evaluator: Evaluator, options: SearchOptions): SearchRun {
  const t0 = performance.now();
  const seed = options.seed ?? 0;
  const rng = seededRng(seed);
  const archive = new Archive(evaluator, options.evaluations);
  let misses = 0;
  while (archive.left > 0 && misses < 1000 * BATCH) {
    const batch = new Set<string>();
    while (batch.size < Math.min(BATCH, archive.left) && misses < 1000 * BATCH) {
      const a = genome.format(genome.sample(rng));
      if (archive.has(a) || batch.has(a)) misses++;
      else batch.add(a);
    }
    archive.evaluate([...batch]);
    options.onProgress?.(archive.size, archive.budget);
  }
  const evaluations = archive.all();
  return { algorithm: "random", seed, evaluations, front: frontAfter(evaluations), batches: archive.batches, ms: performance.now() - t0 };
}
