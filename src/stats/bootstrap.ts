/**
 * Bootstrap confidence intervals for a correlation: resample the complete
 * pairs with replacement (seeded), recompute, take percentiles.
 */
import { InvalidArgumentError } from "../errors.js";
import { seededRng } from "../random.js";
import { correlate } from "./correlate.js";
import { pairwiseComplete, type CorrelationMethod } from "./correlation.js";
import { quantiles } from "./quantile.js";

/** A correlation with its bootstrap interval. */
export interface BootstrapInterval {
  readonly value: number;
  readonly lower: number;
  readonly upper: number;
  readonly level: number;
  readonly resamples: number;
  readonly pairs: number;
}

/**
 * Percentile bootstrap interval of a correlation.
 *
 * @param options.level - coverage (default 0.95)
 * @param options.resamples - default 1000
 * @param options.seed - default 0; the same seed gives the same interval
 * @throws {InvalidArgumentError} for a level outside (0, 1) or fewer than 10 resamples
 * @example
 * ```ts
 * bootstrapCorrelation(a, b, "spearman", { seed: 1 }); // { value, lower, upper, ... }
 * ```
 */
export function bootstrapCorrelation(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  method: CorrelationMethod,
  options: { level?: number; resamples?: number; seed?: number } = {},
): BootstrapInterval {
  const level = options.level ?? 0.95;
  const resamples = options.resamples ?? 1000;
  if (!(level > 0 && level < 1)) throw new InvalidArgumentError(`bootstrapCorrelation: level ${level} must be in (0, 1)`);
  if (!Number.isInteger(resamples) || resamples < 10) throw new InvalidArgumentError(`bootstrapCorrelation: resamples ${resamples} must be an integer >= 10`);
  const p = pairwiseComplete(x, y, "bootstrapCorrelation");
  const n = p.x.length;
  const value = correlate(p.x, p.y, method).value;
  const rng = seededRng(options.seed ?? 0);
  const stats = new Float64Array(resamples);
  const bx = new Float64Array(n);
  const by = new Float64Array(n);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) {
      const k = rng.int(n);
      bx[i] = p.x[k] as number;
      by[i] = p.y[k] as number;
    }
    stats[b] = correlate(bx, by, method).value;
  }
  const [lower, upper] = quantiles(stats, [(1 - level) / 2, 1 - (1 - level) / 2]) as [number, number];
  return { value, lower, upper, level, resamples, pairs: n };
}
