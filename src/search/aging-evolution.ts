/**
 * Aging (regularized) evolution (Real et al. 2019) with a latency constraint:
 * maximise accuracy among architectures whose latency is within a limit.
 * Fitness: a feasible architecture beats an infeasible one; feasible ones
 * compare by accuracy, infeasible ones by latency (closer to the limit wins).
 */
import { InvalidArgumentError } from "../errors.js";
import { seededRng } from "../random.js";
import { Archive, type Evaluated, type Evaluator } from "./evaluator.js";
import type { Genome } from "./genome.js";
import { frontAfter, type SearchOptions, type SearchRun } from "./search-run.js";

/** Options of {@link agingEvolution}. */
export interface AgingOptions extends SearchOptions {
  /** Latency limit (ms). */
  readonly latencyLimit: number;
  /** Population size (default 50) and tournament sample size (default 10). */
  readonly population?: number;
  readonly sample?: number;
  /** Children proposed per objective call (default 10). */
  readonly batch?: number;
}

/** A run of aging evolution, with the best feasible architecture. */
export interface AgingRun extends SearchRun {
  readonly latencyLimit: number;
  /** The most accurate evaluated architecture within the limit (undefined: none found). */
  readonly best: Evaluated | undefined;
}

function fitter(a: Evaluated, b: Evaluated, limit: number): boolean {
  const fa = a.latency <= limit;
  const fb = b.latency <= limit;
  if (fa !== fb) return fa;
  return fa ? a.accuracy > b.accuracy || (a.accuracy === b.accuracy && a.latency < b.latency) : a.latency < b.latency;
}

/**
 * Runs aging evolution until the evaluation budget is spent.
 *
 * @throws {InvalidArgumentError} for a non-positive limit or sizes out of range
 * @example
 * ```ts
 * const run = agingEvolution(NB201_GENOME, ev, { evaluations: 500, latencyLimit: 20, seed: 0 });
 * run.best?.accuracy;
 * ```
 */
export function agingEvolution<G>(genome: Genome<G>, evaluator: Evaluator, options: AgingOptions): AgingRun {
  const t0 = performance.now();
  const limit = options.latencyLimit;
  const size = options.population ?? 50;
  const s = options.sample ?? 10;
  const batch = options.batch ?? 10;
  if (!(limit > 0) || !Number.isFinite(limit)) throw new InvalidArgumentError(`agingEvolution: latency limit ${limit} must be a positive number of ms`);
  if (!Number.isInteger(size) || size < 2 || !Number.isInteger(s) || s < 1 || s > size) throw new InvalidArgumentError(`agingEvolution: population ${size} and sample ${s} must be integers with 1 <= sample <= population, population >= 2`);
  if (!Number.isInteger(batch) || batch < 1) throw new InvalidArgumentError(`agingEvolution: batch ${batch} must be a positive integer`);
  const seed = options.seed ?? 0;
  const rng = seededRng(seed);
  const archive = new Archive(evaluator, options.evaluations);
  const genes = new Map<string, G>();
  const start: string[] = [];
  for (let tries = 0; start.length < Math.min(size, archive.budget) && tries < 100 * size; tries++) {
    const g = genome.sample(rng);
    const a = genome.format(g);
    if (!genes.has(a)) {
      genes.set(a, g);
      start.push(a);
    }
  }
  const queue: Evaluated[] = archive.evaluate(start);
  options.onProgress?.(archive.size, archive.budget);
  let proposals = 0;
  while (archive.left > 0 && proposals < 100 * archive.budget) {
    // propose children until `batch` of them are new (or 10 x batch proposals); seen ones cost nothing
    const kids: string[] = [];
    let fresh = 0;
    for (let c = 0; fresh < Math.min(batch, archive.left) && c < 10 * batch; c++) {
      let parent = queue[rng.int(queue.length)] as Evaluated;
      for (let k = 1; k < s; k++) {
        const other = queue[rng.int(queue.length)] as Evaluated;
        if (fitter(other, parent, limit)) parent = other;
      }
      const child = genome.mutate(genes.get(parent.arch) as G, rng);
      const a = genome.format(child);
      if (!genes.has(a)) genes.set(a, child);
      if (!archive.has(a) && !kids.includes(a)) fresh++;
      kids.push(a);
      proposals++;
    }
    // already-evaluated children re-enter the population from the archive, at no cost
    for (const e of archive.evaluate(kids)) {
      queue.push(e);
      if (queue.length > size) queue.shift();
    }
    options.onProgress?.(archive.size, archive.budget);
  }
  const evaluations = archive.all();
  let best: Evaluated | undefined;
  for (const e of evaluations) if (e.latency <= limit && (!best || fitter(e, best, limit))) best = e;
  return { algorithm: "aging", seed, evaluations, front: frontAfter(evaluations), batches: archive.batches, ms: performance.now() - t0, latencyLimit: limit, best };
}
