/**
 * NSGA-II (Deb et al. 2002) for (minimise latency, maximise accuracy):
 * binary tournaments on (non-dominated layer, crowding distance), uniform
 * crossover, one mutation per child, elitist (mu + lambda) survival. The
 * returned front is the non-dominated set of every evaluation of the run.
 */
import { InvalidArgumentError } from "../errors.js";
import { seededRng, type Rng } from "../random.js";
import { nonDominatedLayers } from "../stats/non-dominated-sort.js";
import { Archive, type Evaluated, type Evaluator } from "./evaluator.js";
import type { Genome } from "./genome.js";
import { frontAfter, type SearchOptions, type SearchRun } from "./search-run.js";

/** Options of {@link nsga2}. */
export interface Nsga2Options extends SearchOptions {
  /** Population size (default 50). */
  readonly population?: number;
  /** Probability that a child is a crossover of two parents (default 0.9); otherwise a copy of one. Every child is then mutated. */
  readonly crossover?: number;
}

interface Member<G> {
  readonly g: G;
  readonly e: Evaluated;
}

/** Crowding distance of each member within its layer (boundary members: Infinity). */
function crowding<G>(pop: readonly Member<G>[], layer: Int32Array): Float64Array {
  const d = new Float64Array(pop.length);
  const layers = new Map<number, number[]>();
  layer.forEach((l, i) => (layers.get(l) ?? layers.set(l, []).get(l) as number[]).push(i));
  for (const members of layers.values()) {
    for (const key of ["latency", "accuracy"] as const) {
      members.sort((a, b) => (pop[a] as Member<G>).e[key] - (pop[b] as Member<G>).e[key] || a - b);
      const lo = (pop[members[0] as number] as Member<G>).e[key];
      const hi = (pop[members[members.length - 1] as number] as Member<G>).e[key];
      d[members[0] as number] = Number.POSITIVE_INFINITY;
      d[members[members.length - 1] as number] = Number.POSITIVE_INFINITY;
      if (hi === lo) continue;
      for (let k = 1; k < members.length - 1; k++) {
        const i = members[k] as number;
        d[i] = (d[i] as number) + ((pop[members[k + 1] as number] as Member<G>).e[key] - (pop[members[k - 1] as number] as Member<G>).e[key]) / (hi - lo);
      }
    }
  }
  return d;
}

/** Ranks a population: layer and crowding distance. */
function rankPopulation<G>(pop: readonly Member<G>[]): { layer: Int32Array; crowd: Float64Array } {
  const layer = nonDominatedLayers(pop.map((m) => m.e.latency), pop.map((m) => m.e.accuracy));
  return { layer, crowd: crowding(pop, layer) };
}

/** Fills up to `n` distinct random members not in `taken`. */
function randomMembers<G>(genome: Genome<G>, archive: Archive, rng: Rng, n: number, taken: Set<string>): Member<G>[] {
  const gs = new Map<string, G>();
  for (let tries = 0; gs.size < n && tries < 100 * n; tries++) {
    const g = genome.sample(rng);
    const a = genome.format(g);
    if (!taken.has(a) && !gs.has(a)) gs.set(a, g);
  }
  return archive.evaluate([...gs.keys()]).map((e) => ({ g: gs.get(e.arch) as G, e }));
}

/**
 * Runs NSGA-II until the evaluation budget is spent.
 *
 * @throws {InvalidArgumentError} for a population below 4 or a crossover probability outside [0, 1]
 * @example
 * ```ts
 * const run = nsga2(NB201_GENOME, tableEvaluator(t, "cifar10", "pixel3"), { evaluations: 2000, seed: 1 });
 * run.front.length; // non-dominated architectures found
 * ```
 */
export function nsga2<G>(genome: Genome<G>, evaluator: Evaluator, options: Nsga2Options): SearchRun {
  const t0 = performance.now();
  const size = options.population ?? 50;
  const pc = options.crossover ?? 0.9;
  if (!Number.isInteger(size) || size < 4) throw new InvalidArgumentError(`nsga2: population ${size} must be an integer >= 4`);
  if (!(pc >= 0 && pc <= 1)) throw new InvalidArgumentError(`nsga2: crossover probability ${pc} is outside [0, 1]`);
  const seed = options.seed ?? 0;
  const rng = seededRng(seed);
  const archive = new Archive(evaluator, options.evaluations);
  let pop = randomMembers(genome, archive, rng, Math.min(size, archive.budget), new Set());
  options.onProgress?.(archive.size, archive.budget);
  let stale = 0;
  while (archive.left > 0 && stale < 50) {
    const { layer, crowd } = rankPopulation(pop);
    const better = (i: number, j: number) => (layer[i] as number) < (layer[j] as number) || ((layer[i] as number) === (layer[j] as number) && (crowd[i] as number) > (crowd[j] as number));
    const tournament = () => {
      const i = rng.int(pop.length);
      const j = rng.int(pop.length);
      return (pop[better(j, i) ? j : i] as Member<G>).g;
    };
    const taken = new Set(pop.map((m) => m.e.arch));
    const children = new Map<string, G>();
    for (let tries = 0; children.size < size && tries < 50 * size; tries++) {
      const p1 = tournament();
      const base = rng.next() < pc ? genome.crossover(p1, tournament(), rng) : p1;
      const child = genome.mutate(base, rng);
      const a = genome.format(child);
      if (!taken.has(a) && !children.has(a)) children.set(a, child);
    }
    const before = archive.size;
    let offspring = archive.evaluate([...children.keys()]).map((e) => ({ g: children.get(e.arch) as G, e }));
    // nothing new to evaluate: refresh with random architectures so the run cannot stall
    if (archive.size === before && archive.left > 0) {
      stale++;
      offspring = offspring.concat(randomMembers(genome, archive, rng, Math.min(size, archive.left), new Set([...taken, ...children.keys()])));
    } else stale = 0;
    const merged = pop.concat(offspring);
    const ranked = rankPopulation(merged);
    const order = merged.map((_, i) => i).sort((i, j) => (ranked.layer[i] as number) - (ranked.layer[j] as number) || (ranked.crowd[j] as number) - (ranked.crowd[i] as number) || i - j);
    pop = order.slice(0, size).map((i) => merged[i] as Member<G>);
    options.onProgress?.(archive.size, archive.budget);
  }
  const evaluations = archive.all();
  return { algorithm: "nsga2", seed, evaluations, front: frontAfter(evaluations), batches: archive.batches, ms: performance.now() - t0 };
}
