/**
 * The result of a search run and the options all searches share.
 */
import { paretoFront } from "../stats/pareto.js";
import type { Evaluated } from "./evaluator.js";

/** Search algorithms. */
export type SearchAlgorithm = "nsga2" | "aging" | "random";
/**
 * The search algorithms: NSGA-II, aging evolution, random search.
 *
 * @example
 * ```ts
 * SEARCH_ALGORITHMS; // ["nsga2", "aging", "random"]
 * ```
 */
export const SEARCH_ALGORITHMS: readonly SearchAlgorithm[] = ["nsga2", "aging", "random"];

/** Options every search takes. */
export interface SearchOptions {
  /** Evaluations allowed (distinct architectures queried). */
  readonly evaluations: number;
  readonly seed?: number;
  /** Called after every batch with evaluations done and the budget. */
  readonly onProgress?: (done: number, budget: number) => void;
}

/** What a search evaluated and found. */
export interface SearchRun {
  readonly algorithm: SearchAlgorithm;
  readonly seed: number;
  /** Every evaluation, in order. */
  readonly evaluations: readonly Evaluated[];
  /** The non-dominated evaluations (increasing latency). */
  readonly front: readonly Evaluated[];
  /** Objective calls made (each a batch). */
  readonly batches: number;
  /** Wall time of the run (ms). */
  readonly ms: number;
}

/**
 * The non-dominated set among the first `n` evaluations (for convergence curves).
 *
 * @example
 * ```ts
 * frontAfter(run.evaluations, 500).map((e) => e.arch);
 * ```
 */
export function frontAfter(evaluations: readonly Evaluated[], n = evaluations.length): Evaluated[] {
  const first = evaluations.slice(0, n);
  return paretoFront(first.map((e) => e.latency), first.map((e) => e.accuracy)).map((r) => first[r] as Evaluated);
}
