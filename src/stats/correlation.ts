/**
 * Correlations of two samples with pairwise removal of missing values.
 *
 * One rule for degenerate input, written once: pairs where either value is
 * NaN are dropped and counted; with fewer than 2 pairs left, or when either
 * side is constant over the pairs left, the value is NaN and `reason` says
 * why. Never a silent 0.
 */
import { InvalidArgumentError } from "../errors.js";
import { averageRanks } from "./rank.js";

/** A correlation, the number of pairs it used, and why it is NaN when it is. */
export interface Correlation {
  readonly value: number;
  /** Pairs with both values present. */
  readonly pairs: number;
  /** Pairs dropped because a value was missing. */
  readonly dropped: number;
  /** Set when `value` is NaN. */
  readonly reason?: "fewer than 2 pairs" | "constant column";
}

/** The correlation methods. */
export type CorrelationMethod = "spearman" | "kendall" | "pearson";
/**
 * Every {@link CorrelationMethod}.
 *
 * @example
 * ```ts
 * for (const method of CORRELATION_METHODS) monotonicityMatrix(table, { method });
 * ```
 */
export const CORRELATION_METHODS: readonly CorrelationMethod[] = ["spearman", "kendall", "pearson"];

/** The pairs of `x` and `y` where both are present. */
export function pairwiseComplete(x: ArrayLike<number>, y: ArrayLike<number>, where = "correlation"): { x: Float64Array; y: Float64Array; dropped: number } {
  if (x.length !== y.length) throw new InvalidArgumentError(`${where}: samples have ${x.length} and ${y.length} values; they must be paired (same length)`);
  let m = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i] as number) && !Number.isNaN(y[i] as number)) m++;
  const px = new Float64Array(m);
  const py = new Float64Array(m);
  for (let i = 0, k = 0; i < x.length; i++) {
    const a = x[i] as number;
    const b = y[i] as number;
    if (!Number.isNaN(a) && !Number.isNaN(b)) {
      px[k] = a;
      py[k++] = b;
    }
  }
  return { x: px, y: py, dropped: x.length - m };
}

/** Pearson's r of complete samples (no NaN), NaN with a reason when degenerate. */
export function pearsonComplete(x: ArrayLike<number>, y: ArrayLike<number>, dropped = 0): Correlation {
  const n = x.length;
  if (n < 2) return { value: Number.NaN, pairs: n, dropped, reason: "fewer than 2 pairs" };
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i] as number;
    my += y[i] as number;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - mx;
    const dy = (y[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return { value: Number.NaN, pairs: n, dropped, reason: "constant column" };
  return { value: Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy))), pairs: n, dropped };
}

/**
 * Pearson's correlation coefficient.
 *
 * @example
 * ```ts
 * pearson([1, 2, 3], [2, 4, 7]).value; // 0.9934
 * ```
 */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): Correlation {
  const p = pairwiseComplete(x, y, "pearson");
  return pearsonComplete(p.x, p.y, p.dropped);
}

/**
 * Spearman's rank correlation (SRCC): Pearson's r of average ranks, ranks
 * taken over the complete pairs only.
 *
 * @example
 * ```ts
 * spearman([1, 2, 3, NaN], [10, 30, 20, 5]); // { value: 0.5, pairs: 3, dropped: 1 }
 * ```
 */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): Correlation {
  const p = pairwiseComplete(x, y, "spearman");
  return pearsonComplete(averageRanks(p.x), averageRanks(p.y), p.dropped);
}

