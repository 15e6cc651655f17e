/**
 * One device's walk along the front: the architecture optimizer's first
 * answer at a sweep of budgets (percentiles of the device's true latencies),
 * beside the exact optimum under the true latency, for the budget-walk
 * figure and its table.
 */
import type { LatencyTable } from "../data/latency-table.js";
import { BudgetBelowFastestError, type ArchitectureOptimizer } from "../scale/architecture-optimizer.js";
import { budgetFrontier, optimumUnderBudget } from "../scale/exact-optima.js";
import { quantiles } from "../stats/quantile.js";
import { InvalidArgumentError } from "../errors.js";

/** Per budget: the budget, the optimizer's answer, the exact optimum, the regret and whether the answer is over budget. */
export interface OptimizerWalk {
  readonly device: string;
  readonly accuracy: string;
  readonly percentiles: readonly number[];
  readonly budgets: readonly number[];
  /** The answer's row (-1: the budget is below every predicted latency, no answer). */
  readonly answers: readonly number[];
  readonly optima: readonly number[];
  /** Accuracy points below the optimum (>= 0; NaN without an answer). */
  readonly regret: readonly number[];
  readonly over: readonly boolean[];
  /** Wall time of each answer (ms). */
  readonly ms: readonly number[];
}

/** Percentiles of the walk by default: 5th, 10th, ..., 95th. */
const WALK_PERCENTILES: readonly number[] = Array.from({ length: 19 }, (_, i) => (i + 1) / 20);

/**
 * Walks one device of the table (every latency known, judged on the true
 * latency), described to the optimizer by its latencies on the optimizer's
 * reference rows only.
 *
 * @throws {InvalidArgumentError} for a percentile outside (0, 1), or a device with a missing latency
 * @example
 * ```ts
 * const w = optimizerWalk(opt, table, "pixel2", refs);
 * w.regret; // points per budget
 * ```
 */
export function optimizerWalk(opt: ArchitectureOptimizer, table: LatencyTable, device: string, references: readonly number[], options: { percentiles?: readonly number[] } = {}): OptimizerWalk {
  const percentiles = options.percentiles ?? WALK_PERCENTILES;
  const badP = percentiles.find((p) => !(p > 0 && p < 1));
  if (badP !== undefined) throw new InvalidArgumentError(`optimizer walk: percentile ${badP}; valid: a number in (0, 1)`);
  const lat = table.latency(device);
  const missing = lat.findIndex((v) => !(v > 0));
  if (missing >= 0) throw new InvalidArgumentError(`optimizer walk: ${device} has no valid latency at row ${missing} (${lat[missing]}); the walk judges every row on the true latency, so give a device with all of them`);
  const acc = table.accuracy(opt.accuracy);
  const frontier = budgetFrontier(lat, acc);
  const refMs = references.map((r) => lat[r] as number);
  const budgets = quantiles(lat, percentiles);
  const answers: number[] = [];
  const optima: number[] = [];
  const regret: number[] = [];
  const over: boolean[] = [];
  const ms: number[] = [];
  for (const b of budgets) {
    const o = optimumUnderBudget(frontier, b);
    const t0 = performance.now();
    let row = -1;
    try {
      row = (opt.answer(refMs, b, { top: 1 }).answers[0] as { row: number }).row;
    } catch (e) {
      if (!(e instanceof BudgetBelowFastestError)) throw e;
    }
    ms.push(performance.now() - t0);
    answers.push(row);
    optima.push(o);
    regret.push(row < 0 ? Number.NaN : Math.max(0, (acc[o] as number) - (acc[row] as number)));
    over.push(row >= 0 && (lat[row] as number) > b);
  }
  return { device, accuracy: opt.accuracy, percentiles: [...percentiles], budgets, answers, optima, regret, over, ms };
}
