/**
 * A robust Pareto set for predicted latencies: the rows that no other row
 * beats "surely". Row s surely dominates row r when s is at least as
 * accurate and its predicted log-latency is lower by more than a margin m
 * (log(lat_s) + m < log(lat_r), i.e. faster by a factor e^m). At m = 0 this is
 * the Pareto front of {@link paretoFront}; a larger m keeps every row within a factor
 * e^m of the front, hedging against prediction error in proportion to the
 * latency. {@link paretoBand} takes the largest m whose set fits a row budget.
 *
 * Rows with a NaN or a latency <= 0 are not candidates.
 */
import { InvalidArgumentError } from "../errors.js";
import { fastestMoreAccurate } from "./fastest-more-accurate.js";

/** Options of {@link paretoBand}. */
export interface ParetoBandOptions {
  /** Rows always in the set (e.g. rows already measured); they count toward `maxRows`. */
  readonly include?: readonly number[];
  /** Bisection steps on the margin (default 40). */
  readonly steps?: number;
}

/** The band, and the margin that produced it. */
export interface ParetoBand {
  readonly rows: number[];
  /** Log-latency margin m (the band holds rows within a factor e^m of the front). */
  readonly margin: number;
}

/**
 * The widest band around the predicted Pareto front that holds at most
 * `maxRows` rows. When the front itself (with the included rows) is larger
 * than `maxRows`, the set is the included rows plus front rows spread evenly
 * over the front's latency order (the fastest and the most accurate kept), so
 * that the budget holds; the margin is then 0.
 *
 * @throws {InvalidArgumentError} for unpaired columns or a budget below 1
 * @example
 * ```ts
 * const { rows, margin } = paretoBand(predictedLatency, accuracy, 80);
 * ```
 */
export function paretoBand(latency: ArrayLike<number>, accuracy: ArrayLike<number>, maxRows: number, options: ParetoBandOptions = {}): ParetoBand {
  if (latency.length !== accuracy.length) throw new InvalidArgumentError(`paretoBand: ${latency.length} latencies and ${accuracy.length} accuracies; they must be paired`);
  if (!Number.isInteger(maxRows) || maxRows < 1) throw new InvalidArgumentError(`paretoBand: maxRows ${maxRows} must be a positive integer`);
  const include = options.include ?? [];
  for (const r of include) if (!Number.isInteger(r) || r < 0 || r >= latency.length) throw new InvalidArgumentError(`paretoBand: included row ${r} is not in 0..${latency.length - 1}`);
  const { rows, logLatency, fastestBetter } = fastestMoreAccurate(latency, accuracy);
  // a row is beaten by the fastest strictly more accurate row, and by the fastest row of its own accuracy
  const fastestEqual = new Map<number, number>();
  for (const r of rows) fastestEqual.set(accuracy[r] as number, Math.min(fastestEqual.get(accuracy[r] as number) ?? Number.POSITIVE_INFINITY, logLatency[r] as number));
  const bound = new Float64Array(latency.length);
  for (const r of rows) bound[r] = Math.min(fastestBetter[r] as number, fastestEqual.get(accuracy[r] as number) as number);
  const build = (m: number): Set<number> => {
    const set = new Set(include);
    for (const r of rows) if (!((bound[r] as number) + m < (logLatency[r] as number))) set.add(r);
    return set;
  };
  const steps = options.steps ?? 40;
  let lo = 0;
  let best = build(0);
  if (best.size > maxRows) return { rows: thinFront(best, include, latency, maxRows), margin: 0 };
  if (best.size === maxRows) return { rows: [...best].sort((a, b) => a - b), margin: 0 };
  let hi = 1;
  while (build(hi).size <= maxRows && hi < 64) {
    lo = hi;
    hi *= 2;
  }
  best = build(lo);
  for (let s = 0; s < steps; s++) {
    const mid = (lo + hi) / 2;
    const set = build(mid);
    if (set.size <= maxRows) {
      lo = mid;
      best = set;
    } else hi = mid;
  }
  return { rows: [...best].sort((a, b) => a - b), margin: lo };
}

/** The included rows plus front rows evenly spaced in latency order, `maxRows` in all (the included rows alone when they fill it). */
function thinFront(front: Set<number>, include: readonly number[], latency: ArrayLike<number>, maxRows: number): number[] {
  const kept = new Set(include);
  const rest = [...front].filter((r) => !kept.has(r)).sort((a, b) => (latency[a] as number) - (latency[b] as number) || a - b);
  const room = maxRows - kept.size;
  if (room >= 1 && rest.length > 0) {
    if (room === 1) kept.add(rest[0] as number);
    else for (let i = 0; i < room; i++) kept.add(rest[Math.round((i * (rest.length - 1)) / (room - 1))] as number);
  }
  return [...kept].sort((a, b) => a - b);
}
