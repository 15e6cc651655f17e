/**
 * How good a latency prediction is: rank agreement (what search needs) and
 * absolute error (what a latency budget needs), over rows valid on both.
 */
import { pairwiseComplete, spearman } from "../stats/correlation.js";
import { kendall } from "../stats/kendall.js";

/** Quality of a prediction. */
export interface PredictionMetrics {
  readonly srcc: number;
  readonly kendall: number;
  /** Root mean squared error, ms. */
  readonly rmse: number;
  /** Mean absolute percentage error. */
  readonly mape: number;
  /** Share of rows predicted within 10 % of the measured latency. */
  readonly within10: number;
  readonly rows: number;
}

/**
 * Metrics of predicted vs measured latencies (NaN on either side dropped).
 *
 * @example
 * ```ts
 * predictionMetrics(pred, table.latency("raspi4")).within10; // 0.83
 * ```
 */
export function predictionMetrics(predicted: ArrayLike<number>, measured: ArrayLike<number>): PredictionMetrics {
  const p = pairwiseComplete(predicted, measured, "predictionMetrics");
  let se = 0;
  let ape = 0;
  let within = 0;
  let apeRows = 0;
  for (let i = 0; i < p.x.length; i++) {
    const d = (p.x[i] as number) - (p.y[i] as number);
    se += d * d;
    const y = p.y[i] as number;
    if (y > 0) {
      const rel = Math.abs(d) / y;
      ape += rel;
      apeRows++;
      if (rel <= 0.1) within++;
    }
  }
  const n = p.x.length;
  return { srcc: spearman(p.x, p.y).value, kendall: kendall(p.x, p.y).value, rmse: Math.sqrt(se / n), mape: apeRows ? ape / apeRows : Number.NaN, within10: apeRows ? within / apeRows : Number.NaN, rows: n };
}
