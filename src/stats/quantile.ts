/**
 * Quantiles of the valid (non-NaN) values of a sample, by linear
 * interpolation between order statistics (R's type 7, numpy's default).
 * Missing data rule: NaN values are ignored; with no valid value the result is NaN.
 */
import { InvalidArgumentError } from "../errors.js";

/**
 * The p-quantile of values already sorted ascending with no NaN.
 *
 * @throws {InvalidArgumentError} for p outside [0, 1]
 * @example
 * ```ts
 * quantileSorted([1, 2, 3, 4], 0.5); // 2.5
 * ```
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new InvalidArgumentError(`quantile: p ${p} is outside [0, 1]`);
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}

/**
 * Several quantiles of a sample, ignoring NaN. Does not modify `values`.
 *
 * @example
 * ```ts
 * quantiles([3, NaN, 1, 2], [0, 0.5, 1]); // [1, 2, 3]
 * ```
 */
export function quantiles(values: ArrayLike<number>, ps: readonly number[]): number[] {
  const sorted = Float64Array.from(Array.prototype.filter.call(values, (v: number) => !Number.isNaN(v)) as number[]).sort();
  return ps.map((p) => quantileSorted(sorted, p));
}

/**
 * The median of values already sorted ascending with no NaN: the middle
 * value, or the mean of the two middle values (NaN for none).
 *
 * @example
 * ```ts
 * medianSorted([1, 2, 3, 4]); // 2.5
 * ```
 */
export function medianSorted(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const mid = n >> 1;
  return n % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * The median of a sample, ignoring NaN (NaN when nothing is left). Does not modify `values`.
 *
 * @example
 * ```ts
 * median([3, NaN, 1, 2]); // 2
 * ```
 */
export function median(values: ArrayLike<number>): number {
  return medianSorted(Float64Array.from(Array.prototype.filter.call(values, (v: number) => !Number.isNaN(v)) as number[]).sort());
}
