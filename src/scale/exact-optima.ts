/**
 * Exact optima of a table under latency budgets: for a device's latencies and
 * an accuracy column, the most accurate row whose latency is within each
 * budget. On NAS-Bench-201 this is exact over all 15,625 architectures, and it
 * is what the architecture optimizer learns to output.
 */
import { InvalidArgumentError } from "../errors.js";
import { quantiles } from "../stats/quantile.js";

/** The sorted view of one (latency, accuracy) pair that answers any budget by binary search. */
export interface BudgetFrontier {
  /** Latencies of the valid rows, increasing. */
  readonly latency: Float64Array;
  /** Row of the most accurate valid row at or below each latency (ties: the faster one). */
  readonly bestRow: Int32Array;
  /** Its accuracy. */
  readonly bestAccuracy: Float64Array;
}

/**
 * The frontier of a device: rows with both latency and accuracy (NaN is not a
 * row; no row is changed), sorted by latency, with the running best.
 *
 * @throws {InvalidArgumentError} for unpaired columns, or a non-positive or infinite latency
 * @example
 * ```ts
 * const f = budgetFrontier([3, 1, 2], [0.9, 0.5, 0.7]);
 * optimumUnderBudget(f, 2.5); // 2 (latency 2, accuracy 0.7)
 * ```
 */
export function budgetFrontier(latency: ArrayLike<number>, accuracy: ArrayLike<number>): BudgetFrontier {
  if (latency.length !== accuracy.length) throw new InvalidArgumentError(`budgetFrontier: ${latency.length} latencies and ${accuracy.length} accuracies; they must be paired`);
  const rows: number[] = [];
  for (let r = 0; r < latency.length; r++) {
    const l = latency[r] as number;
    if (Number.isNaN(l) || Number.isNaN(accuracy[r] as number)) continue;
    if (!(l > 0) || !Number.isFinite(l)) throw new InvalidArgumentError(`budgetFrontier: latency ${l} at row ${r}; valid: a finite latency > 0 ms, or NaN for missing`);
    rows.push(r);
  }
  rows.sort((a, b) => (latency[a] as number) - (latency[b] as number) || a - b);
  const lat = Float64Array.from(rows, (r) => latency[r] as number);
  const bestRow = new Int32Array(rows.length);
  const bestAccuracy = new Float64Array(rows.length);
  let best = -1;
  let bestAcc = Number.NEGATIVE_INFINITY;
  rows.forEach((r, i) => {
    const a = accuracy[r] as number;
    if (a > bestAcc) {
      bestAcc = a;
      best = r;
    }
    bestRow[i] = best;
    bestAccuracy[i] = bestAcc;
  });
  return { latency: lat, bestRow, bestAccuracy };
}

/** Index of the last frontier entry with latency <= budget, or -1. */
function lastWithin(f: BudgetFrontier, budget: number): number {
  let lo = 0;
  let hi = f.latency.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((f.latency[mid] as number) <= budget) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * The most accurate row with latency <= budget (of two equally accurate, the
 * faster), or -1 when no row is that fast.
 *
 * @example
 * ```ts
 * optimumUnderBudget(budgetFrontier(help.latency("pixel2"), acc), 20); // a row index
 * ```
 */
export function optimumUnderBudget(frontier: BudgetFrontier, budget: number): number {
  const i = lastWithin(frontier, budget);
  return i < 0 ? -1 : (frontier.bestRow[i] as number);
}

/**
 * The best accuracy with latency <= budget, or NaN when no row is that fast.
 *
 * @example
 * ```ts
 * bestAccuracyUnderBudget(budgetFrontier([1, 2], [0.5, 0.7]), 1.5); // 0.5
 * ```
 */
export function bestAccuracyUnderBudget(frontier: BudgetFrontier, budget: number): number {
  const i = lastWithin(frontier, budget);
  return i < 0 ? Number.NaN : (frontier.bestAccuracy[i] as number);
}

/** One budget's answer of {@link optimaAtQuantiles}. */
export interface BudgetPick {
  /** The budget (ms): a quantile of the latencies. */
  readonly budget: number;
  /** The most accurate row within it. */
  readonly row: number;
  readonly latency: number;
  readonly accuracy: number;
}

/**
 * The most accurate row within budgets set at quantiles of the latencies
 * given (a device's predicted latencies, say: the architecture a predictor
 * would pick at each budget). The quantiles are over the rows with both a
 * latency and an accuracy; no row is changed.
 *
 * @throws {InvalidArgumentError} for unpaired columns, a bad latency, no paired row, or a level outside [0, 1]
 * @example
 * ```ts
 * optimaAtQuantiles(adapted.predictions, help.accuracy("cifar10"), [0.1, 0.5, 0.9]).map((p) => p.row);
 * ```
 */
export function optimaAtQuantiles(latency: ArrayLike<number>, accuracy: ArrayLike<number>, levels: readonly number[]): BudgetPick[] {
  const frontier = budgetFrontier(latency, accuracy);
  if (frontier.latency.length === 0) throw new InvalidArgumentError("optimaAtQuantiles: no row has both a latency and an accuracy");
  const bad = levels.find((q) => !(q >= 0 && q <= 1));
  if (bad !== undefined) throw new InvalidArgumentError(`optimaAtQuantiles: level ${bad}; valid: a number in [0, 1]`);
  return quantiles(frontier.latency, levels).map((budget) => {
    const row = optimumUnderBudget(frontier, budget);
    return { budget, row, latency: latency[row] as number, accuracy: accuracy[row] as number };
  });
}
