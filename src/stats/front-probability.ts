/**
 * A Pareto set for predicted latencies that ranks rows by their chance of
 * being on the true front. Each predicted log-latency is taken to be off by
 * an independent normal error of standard deviation `sigma`; a row r is on
 * the true front when it is faster than every more accurate row s, so
 *
 *   log P(r on the front) = Σ_{s: acc_s > acc_r} log Φ((x_s − x_r) / (σ √2)),
 *
 * with x the predicted log-latency and Φ the standard normal CDF. The set is
 * the included rows, then the rows in decreasing order of that score, up to
 * the budget (ties: the faster predicted row, then the lower row index).
 * Rows whose probability is below e^-40 come last, nearest to the predicted
 * front first (by how much faster their fastest more accurate row is), so
 * the set fills the budget whenever there are enough candidates.
 * Rows with equal accuracy do not compete here, unlike the dominance of
 * {@link paretoFront} (where the faster of two equally accurate rows
 * dominates): the errors are on latency only, and equally accurate rows in
 * NAS-Bench-201 are mostly isomorphic cells with nearly equal predicted
 * latencies, whose order is a coin toss. Rows with a NaN accuracy or a
 * latency that is not a positive finite number are not candidates.
 *
 * Unlike {@link paretoBand} (a latency margin the same for every row), a row
 * far from other accurate rows survives a large error, while a row among
 * many near-equals must be clearly ahead. On the search protocol
 * (`npm run eval -- --protocol search`) σ = 0.02 was chosen on CIFAR-10.
 */
import { InvalidArgumentError } from "../errors.js";
import { fastestMoreAccurate } from "./fastest-more-accurate.js";

/** Default σ of the predicted log-latency errors. */
export const DEFAULT_FRONT_SIGMA = 0.02;

/** Options of {@link frontProbabilitySet}. */
export interface FrontProbabilityOptions {
  /** Rows always in the set (e.g. rows already measured); they count toward `maxRows`. */
  readonly include?: readonly number[];
  /** Standard deviation of the predicted log-latency errors (default `DEFAULT_FRONT_SIGMA`). */
  readonly sigma?: number;
}

/** The set and every candidate's log-probability of being on the front. */
export interface FrontProbabilitySet {
  readonly rows: number[];
  /** log P(on the front) per row (NaN for rows that are not candidates; −Infinity when pruned as hopeless). */
  readonly logProbability: Float64Array;
}

/** Stops summing a row's score below this (its probability is < e^-40: it never enters a set before a live row). */
const HOPELESS = -40;

/** log erfc(x) for x >= 0 (Numerical Recipes' erfcc: fractional error < 1.2e-7 everywhere; in logs, so it never underflows). */
function logErfc(x: number): number {
  const t = 1 / (1 + 0.5 * x);
  const poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return Math.log(t) - x * x + poly;
}

/**
 * log Φ(z), the standard normal CDF, accurate in the far left tail as well.
 *
 * @example
 * ```ts
 * logNormalCdf(0); // log(0.5)
 * ```
 */
export function logNormalCdf(z: number): number {
  const x = -z / Math.SQRT2;
  if (x >= 0) return Math.log(0.5) + logErfc(x);
  return Math.log(1 - 0.5 * Math.exp(logErfc(-x)));
}

/**
 * The `maxRows` rows most likely to be on the true (accuracy, latency) front
 * when the latencies are predictions with log errors of sd `sigma`.
 *
 * @throws {InvalidArgumentError} for unpaired columns, a budget below 1, sigma not > 0, or an included row out of range
 * @example
 * ```ts
 * const { rows } = frontProbabilitySet(predictedLatency, accuracy, 80, { include: measured, sigma: 0.02 });
 * ```
 */
export function frontProbabilitySet(latency: ArrayLike<number>, accuracy: ArrayLike<number>, maxRows: number, options: FrontProbabilityOptions = {}): FrontProbabilitySet {
  const n = latency.length;
  if (n !== accuracy.length) throw new InvalidArgumentError(`frontProbabilitySet: ${n} latencies and ${accuracy.length} accuracies; they must be paired`);
  if (!Number.isInteger(maxRows) || maxRows < 1) throw new InvalidArgumentError(`frontProbabilitySet: maxRows ${maxRows} must be a positive integer`);
  const sigma = options.sigma ?? DEFAULT_FRONT_SIGMA;
  if (!(sigma > 0) || !Number.isFinite(sigma)) throw new InvalidArgumentError(`frontProbabilitySet: sigma ${sigma} must be a positive number`);
  const include = options.include ?? [];
  for (const r of include) if (!Number.isInteger(r) || r < 0 || r >= n) throw new InvalidArgumentError(`frontProbabilitySet: included row ${r} is not in 0..${n - 1}`);

  const { rows, logLatency: x, fastestBetter } = fastestMoreAccurate(latency, accuracy);
  const scale = sigma * Math.SQRT2;
  const byX = rows.slice().sort((a, b) => (x[a] as number) - (x[b] as number) || a - b);
  const firstAtLeast = (v: number): number => {
    let lo = 0;
    let hi = byX.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((x[byX[mid] as number] as number) < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const logP = new Float64Array(n).fill(Number.NaN);
  for (const r of rows) {
    const xr = x[r] as number;
    const ar = accuracy[r] as number;
    // Φ(-9) ~ 1e-19 per surely-faster better row; Φ(+6) ~ 1: rows outside the window change nothing that matters
    if ((fastestBetter[r] as number) < xr - 9 * scale) {
      logP[r] = Number.NEGATIVE_INFINITY;
      continue;
    }
    let s = 0;
    for (let q = firstAtLeast(xr - 9 * scale); q < byX.length; q++) {
      const o = byX[q] as number;
      const d = (x[o] as number) - xr;
      if (d > 6 * scale) break;
      if ((accuracy[o] as number) > ar) {
        s += logNormalCdf(d / scale);
        if (s < HOPELESS) break;
      }
    }
    logP[r] = s < HOPELESS ? Number.NEGATIVE_INFINITY : s;
  }
  const set = new Set(include);
  const live = rows.filter((r) => (logP[r] as number) > Number.NEGATIVE_INFINITY).sort((a, b) => (logP[b] as number) - (logP[a] as number) || (x[a] as number) - (x[b] as number) || a - b);
  // then the hopeless rows, nearest to the front first: by how much faster the fastest more accurate row is predicted (the band's margin)
  const hopeless = rows
    .filter((r) => !((logP[r] as number) > Number.NEGATIVE_INFINITY))
    .sort((a, b) => (x[a] as number) - (fastestBetter[a] as number) - ((x[b] as number) - (fastestBetter[b] as number)) || a - b);
  for (const r of [...live, ...hopeless]) {
    if (set.size >= maxRows) break;
    set.add(r);
  }
  return { rows: [...set], logProbability: logP };
}
