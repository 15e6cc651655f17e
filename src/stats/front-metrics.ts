/**
 * Judging a set of architectures against the true Pareto front of a target
 * (minimise the target's latency, maximise accuracy), with the definitions of
 * docs/methods.md, written here once:
 *
 * - Valid rows: target latency and accuracy both non-NaN. Set rows that are
 *   not valid are ignored (they cannot be judged).
 * - Reference point of the hypervolume: (largest valid target latency, lowest
 *   valid accuracy) over the whole table. `hvRatio` = HV(set) / HV(all rows).
 * - Regret budgets: the 10th, 20th, ..., 90th percentiles of the valid target
 *   latencies (linear interpolation). At budget b, regret = best accuracy of
 *   all rows with latency <= b minus the best of the set's rows with latency
 *   <= b; when no set row meets b, the best under b minus the lowest valid
 *   accuracy. `regret` is the mean over budgets, in accuracy points.
 * - Precision: share of the set's valid rows that are on the true front.
 *   Recall: share of the true front's rows whose (latency, accuracy) point
 *   the set reaches exactly (so of two rows with identical objectives, either
 *   one counts for both).
 * - IGD: mean over true front rows of the Euclidean distance to the nearest
 *   set row, with latency and accuracy each divided by their valid range over
 *   the table (NaN for an empty set).
 */
import { InvalidArgumentError } from "../errors.js";
import { hypervolume, type ReferencePoint } from "./hypervolume.js";
import { paretoFront } from "./pareto.js";
import { quantiles } from "./quantile.js";

/** The default regret budgets: percentiles 10..90 of the target's valid latencies. */
export const REGRET_PERCENTILES: readonly number[] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/** A target's true front and what judging a set against it needs. */
export interface FrontReference {
  /** The target's latencies and the accuracies, one per row. */
  readonly latency: Float64Array;
  readonly accuracy: Float64Array;
  /** Rows of the true front, increasing latency. */
  readonly front: readonly number[];
  readonly ref: ReferencePoint;
  /** Hypervolume of the true front. */
  readonly hv: number;
  /** Latency budgets (ms) and the best accuracy of all rows under each. */
  readonly budgets: readonly number[];
  readonly bestUnderBudget: readonly number[];
  readonly lowestAccuracy: number;
  readonly latencyRange: number;
  readonly accuracyRange: number;
}

/** How a set does against a true front. */
export interface FrontMetrics {
  /** Valid rows of the set judged. */
  readonly size: number;
  readonly hvRatio: number;
  /** Mean accuracy regret over the budgets (accuracy points). */
  readonly regret: number;
  /** Regret at each budget. */
  readonly regretAt: readonly number[];
  readonly precision: number;
  readonly recall: number;
  readonly igd: number;
}

/**
 * Precomputes a target's true front, reference point and budgets.
 *
 * @throws {InvalidArgumentError} for unpaired columns or fewer than 2 valid rows
 * @example
 * ```ts
 * const ref = frontReference(help.latency("pixel2"), acc.accuracy("cifar10"));
 * ```
 */
export function frontReference(latency: ArrayLike<number>, accuracy: ArrayLike<number>, percentiles: readonly number[] = REGRET_PERCENTILES): FrontReference {
  if (latency.length !== accuracy.length) throw new InvalidArgumentError(`frontReference: ${latency.length} latencies and ${accuracy.length} accuracies; they must be paired`);
  const lat = Float64Array.from(latency);
  const acc = Float64Array.from(accuracy);
  let maxLat = Number.NEGATIVE_INFINITY;
  let minLat = Number.POSITIVE_INFINITY;
  let maxAcc = Number.NEGATIVE_INFINITY;
  let minAcc = Number.POSITIVE_INFINITY;
  const validLat: number[] = [];
  for (let r = 0; r < lat.length; r++) {
    const l = lat[r] as number;
    const a = acc[r] as number;
    if (Number.isNaN(l) || Number.isNaN(a)) continue;
    validLat.push(l);
    if (l > maxLat) maxLat = l;
    if (l < minLat) minLat = l;
    if (a > maxAcc) maxAcc = a;
    if (a < minAcc) minAcc = a;
  }
  if (validLat.length < 2) throw new InvalidArgumentError(`frontReference: ${validLat.length} rows have both a latency and an accuracy; need at least 2`);
  const ref = { latency: maxLat, accuracy: minAcc };
  const front = paretoFront(lat, acc);
  const budgets = quantiles(validLat, percentiles);
  const bestUnderBudget = budgets.map((b) => bestUnder(lat, acc, b, front));
  return { latency: lat, accuracy: acc, front, ref, hv: hypervolume(lat, acc, ref, front), budgets, bestUnderBudget, lowestAccuracy: minAcc, latencyRange: maxLat - minLat, accuracyRange: maxAcc - minAcc };
}

/** Best accuracy among `rows` with latency <= b (NaN when none). */
function bestUnder(lat: Float64Array, acc: Float64Array, b: number, rows: readonly number[]): number {
  let best = Number.NaN;
  for (const r of rows) {
    const l = lat[r] as number;
    const a = acc[r] as number;
    if (l <= b && !Number.isNaN(a) && !(a <= best)) best = a;
  }
  return best;
}

/**
 * Judges a set of rows against a true front (definitions in the file header).
 * Duplicate rows in the set count once.
 *
 * @example
 * ```ts
 * const m = frontMetrics(ref, proxyFrontRows); // { regret: 0.42, recall: 0.31, hvRatio: 0.993, ... }
 * ```
 */
export function frontMetrics(reference: FrontReference, set: Iterable<number>): FrontMetrics {
  const { latency: lat, accuracy: acc } = reference;
  const rows: number[] = [];
  const seen = new Set<number>();
  for (const r of set) {
    if (!Number.isInteger(r) || r < 0 || r >= lat.length) throw new InvalidArgumentError(`frontMetrics: row ${r} is not in 0..${lat.length - 1}`);
    if (seen.has(r)) continue;
    seen.add(r);
    if (!Number.isNaN(lat[r] as number) && !Number.isNaN(acc[r] as number)) rows.push(r);
  }
  const regretAt = reference.budgets.map((b, i) => {
    const best = reference.bestUnderBudget[i] as number;
    const mine = bestUnder(lat, acc, b, rows);
    return Number.isNaN(mine) ? best - reference.lowestAccuracy : best - mine;
  });
  const onFront = new Set(reference.front);
  const points = new Set(rows.map((r) => `${lat[r]},${acc[r]}`));
  const hits = rows.reduce((k, r) => k + (onFront.has(r) ? 1 : 0), 0);
  const recalled = reference.front.reduce((k, r) => k + (points.has(`${lat[r]},${acc[r]}`) ? 1 : 0), 0);
  let igd = 0;
  if (rows.length === 0) igd = Number.NaN;
  else {
    const sl = reference.latencyRange || 1;
    const sa = reference.accuracyRange || 1;
    for (const f of reference.front) {
      let d = Number.POSITIVE_INFINITY;
      for (const r of rows) {
        const dl = ((lat[f] as number) - (lat[r] as number)) / sl;
        const da = ((acc[f] as number) - (acc[r] as number)) / sa;
        const e = dl * dl + da * da;
        if (e < d) d = e;
      }
      igd += Math.sqrt(d);
    }
    igd /= reference.front.length;
  }
  return {
    size: rows.length,
    hvRatio: reference.hv > 0 ? hypervolume(lat, acc, reference.ref, rows) / reference.hv : Number.NaN,
    regret: regretAt.reduce((s, v) => s + v, 0) / regretAt.length,
    regretAt,
    precision: rows.length ? hits / rows.length : Number.NaN,
    recall: reference.front.length ? recalled / reference.front.length : Number.NaN,
    igd,
  };
}

/**
 * The mean of several sets' metrics (e.g. over seeds), field by field;
 * `regretAt` budget by budget.
 *
 * @throws {InvalidArgumentError} for an empty list
 * @example
 * ```ts
 * meanFrontMetrics(seeds.map((s) => frontMetrics(ref, s.set))).regret;
 * ```
 */
export function meanFrontMetrics(xs: readonly FrontMetrics[]): FrontMetrics {
  if (xs.length === 0) throw new InvalidArgumentError("meanFrontMetrics: no metrics to average");
  const avg = (f: (m: FrontMetrics) => number) => xs.reduce((s, m) => s + f(m), 0) / xs.length;
  return {
    size: avg((m) => m.size),
    hvRatio: avg((m) => m.hvRatio),
    regret: avg((m) => m.regret),
    regretAt: (xs[0] as FrontMetrics).regretAt.map((_, i) => avg((m) => m.regretAt[i] as number)),
    precision: avg((m) => m.precision),
    recall: avg((m) => m.recall),
    igd: avg((m) => m.igd),
  };
}
