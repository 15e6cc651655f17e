/**
 * `operation-counts`: a ridge of log latency on how often each operation
 * occurs (the context's `shared` features), from the K samples alone: no
 * proxy and no device model. The baseline that holds where no pool device
 * ranks like the target, and a part of `device-aware`'s blend.
 */
import { InvalidArgumentError } from "../errors.js";
import { standardise } from "../stats/zscore.js";
import { blockRidgeWithLoo } from "./block-ridge-fit.js";
import type { AdaptContext, Measured } from "./method.js";

/** The operation-count ridge fitted on the samples: its log-latency prediction of every row and each sample's exact leave-one-out prediction (log ms). */
export interface OperationCountsFit {
  readonly logPredictions: Float64Array;
  readonly logLoo: Float64Array;
}

/**
 * Checks that every measured latency is positive, for a method that works in
 * log latency.
 *
 * @throws {InvalidArgumentError} naming the first row measured at 0 ms or less
 */
export function requirePositive(method: string, m: Measured): void {
  const bad = m.values.findIndex((v) => !(v > 0) || !Number.isFinite(v));
  if (bad >= 0) throw new InvalidArgumentError(`adapt: ${method}: the measured latency ${m.values[bad]} ms of row ${m.rows[bad]} is not valid; valid: a finite latency > 0 ms (the method works in log latency)`);
}

/**
 * Fits the ridge of log latency on the operation counts (penalty by exact
 * leave-one-out).
 *
 * @throws {InvalidArgumentError} for a measured latency of 0 ms or less
 */
export function operationCountsFit(ctx: AdaptContext, m: Measured): OperationCountsFit {
  requirePositive("operation-counts", m);
  const logValues = Float64Array.from(m.values, (v) => Math.log(v));
  const fit = blockRidgeWithLoo(ctx.shared, [ctx.shared.cols], { rows: m.rows, values: logValues });
  // the leave-one-out residuals are in standardised units
  const sd = standardise(logValues).sd;
  return { logPredictions: fit.predictions, logLoo: Float64Array.from(logValues, (v, i) => v - (fit.loo[i] as number) * sd) };
}

/** Predicts every row (ms) with `operation-counts`. */
export function operationCounts(ctx: AdaptContext, m: Measured): Float64Array {
  return operationCountsFit(ctx, m).logPredictions.map((v) => Math.exp(v));
}
