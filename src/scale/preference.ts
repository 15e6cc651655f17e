/**
 * A preference weight between accuracy and latency instead of a budget. The
 * utility of an architecture on a device is
 *
 *   u = w x (acc - accLo) / (accHi - accLo) - (1 - w) x (ln lat - ln refLo) / (ln refHi - ln refLo)
 *
 * with accLo the space's median accuracy, accHi its best, and refLo..refHi
 * the device's fastest and slowest reference latency, so the accuracy term
 * moves one unit across the better half of the space (where every Pareto
 * front lives) and the latency term about one unit across the references,
 * whatever the device's speed: w = 1 asks for the most accurate
 * architecture, w = 0 for the fastest, and the weights between walk along
 * the Pareto front. The scale comes from the reference measurements,
 * which the optimizer and its judge both see, so an answer and the exact
 * optimum are scored alike.
 */
import { InvalidArgumentError } from "../errors.js";
import { medianSorted as median } from "../stats/quantile.js";

/** The ranges that normalise the utility's two terms. */
export interface PreferenceScale {
  readonly accLo: number;
  readonly accHi: number;
  /** ln of the device's fastest and slowest reference latency (ms). */
  readonly logLatLo: number;
  readonly logLatHi: number;
}

/**
 * The scale of a device: the accuracy column's median and maximum (NaN rows
 * skipped; or the median and best computed before) and its reference
 * latencies' range.
 *
 * @throws {InvalidArgumentError} for an accuracy column without two distinct values, or reference latencies that are not finite, > 0 and distinct
 * @example
 * ```ts
 * const scale = preferenceScale(table.accuracy("cifar10"), refs.map((r) => pixel2[r]));
 * ```
 */
export function preferenceScale(accuracy: ArrayLike<number> | AccuracyRange, referenceMs: ArrayLike<number>): PreferenceScale {
  const { accLo, accHi } = "accLo" in accuracy ? accuracy : accuracyRange(accuracy);
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < referenceMs.length; i++) {
    const v = referenceMs[i] as number;
    if (!(v > 0) || !Number.isFinite(v)) throw new InvalidArgumentError(`preference: reference latency ${i + 1} is ${v}; valid: a finite latency > 0 ms`);
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (!(hi > lo)) throw new InvalidArgumentError("preference: the reference latencies are all equal; they cannot scale the latency term");
  return { accLo, accHi, logLatLo: Math.log(lo), logLatHi: Math.log(hi) };
}

/** The accuracy part of a {@link PreferenceScale}: the column's median and best. */
export type AccuracyRange = Pick<PreferenceScale, "accLo" | "accHi">;

/**
 * The accuracy column's median and best (NaN rows skipped), computed once
 * per column by a caller that scales many devices.
 *
 * @throws {InvalidArgumentError} when the best is not above the median
 */
export function accuracyRange(accuracy: ArrayLike<number>): AccuracyRange {
  const sorted = Float64Array.from(Array.prototype.filter.call(accuracy, (a: number) => !Number.isNaN(a)) as number[]).sort();
  const accLo = sorted.length ? median(sorted) : Number.NaN;
  const accHi = sorted.length ? (sorted[sorted.length - 1] as number) : Number.NaN;
  if (!(accHi > accLo)) throw new InvalidArgumentError("preference: the accuracy column's best is not above its median; it cannot scale the accuracy term");
  return { accLo, accHi };
}

/**
 * Checks a preference weight.
 *
 * @throws {InvalidArgumentError} unless it is a number in [0, 1]
 * @example
 * ```ts
 * checkPreferenceWeight(0.7); // 0.7
 * ```
 */
export function checkPreferenceWeight(weight: number): number {
  if (!(weight >= 0 && weight <= 1)) throw new InvalidArgumentError(`preference weight ${weight}; valid: a number in [0, 1] (1: the most accurate, 0: the fastest)`);
  return weight;
}

/**
 * The utility of an architecture of this latency and accuracy.
 *
 * @example
 * ```ts
 * preferenceUtility(4.2, 93.1, 0.7, scale);
 * ```
 */
export function preferenceUtility(latencyMs: number, accuracy: number, weight: number, scale: PreferenceScale): number {
  return (weight * (accuracy - scale.accLo)) / (scale.accHi - scale.accLo) - ((1 - weight) * (Math.log(latencyMs) - scale.logLatLo)) / (scale.logLatHi - scale.logLatLo);
}

/**
 * The row of highest utility over every row with a latency and an accuracy
 * (the exact optimum when the latencies are true; ties to the lower row).
 *
 * @throws {InvalidArgumentError} for columns of different lengths or no row with both values
 * @example
 * ```ts
 * const { row, utility } = preferenceOptimum(pixel2, table.accuracy("cifar10"), 0.7, scale);
 * ```
 */
export function preferenceOptimum(latencyMs: ArrayLike<number>, accuracy: ArrayLike<number>, weight: number, scale: PreferenceScale): { row: number; utility: number } {
  checkPreferenceWeight(weight);
  if (latencyMs.length !== accuracy.length) throw new InvalidArgumentError(`preference: ${latencyMs.length} latencies and ${accuracy.length} accuracies`);
  let row = -1;
  let best = Number.NEGATIVE_INFINITY;
  for (let r = 0; r < latencyMs.length; r++) {
    const l = latencyMs[r] as number;
    const a = accuracy[r] as number;
    if (!(l > 0) || Number.isNaN(a)) continue;
    const u = preferenceUtility(l, a, weight, scale);
    if (u > best) {
      best = u;
      row = r;
    }
  }
  if (row < 0) throw new InvalidArgumentError("preference: no row has both a latency and an accuracy");
  return { row, utility: best };
}
