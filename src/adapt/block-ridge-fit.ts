/**
 * Block ridge on the measured rows of a design, in the target's units: the
 * kernel every proxy-based method fits (penalties by exact leave-one-out,
 * see predict/block-ridge.ts).
 */
import { blockRidge } from "../predict/block-ridge.js";
import { ridgePredict, takeRows, type Matrix } from "../predict/ridge.js";
import { standardise } from "../stats/zscore.js";
import { PENALTY_GRID, type Measured } from "./method.js";

/**
 * Block ridge on the measured rows of a design (penalties by exact
 * leave-one-out, see predict/block-ridge.ts); predicts every row in the
 * target's units.
 */
export function blockRidgePredict(x: Matrix, blocks: readonly number[], m: Measured, grid: readonly number[] = PENALTY_GRID): Float64Array {
  return blockRidgeWithLoo(x, blocks, m, grid).predictions;
}

/** {@link blockRidgePredict} with the exact leave-one-out residuals (standardised units) and the chosen penalties. */
export function blockRidgeWithLoo(x: Matrix, blocks: readonly number[], m: Measured, grid: readonly number[] | readonly (readonly number[])[] = PENALTY_GRID): EnsembleMember {
  const t = standardise(m.values);
  const fit = blockRidge(takeRows(x, m.rows), blocks, t.y, grid);
  return { predictions: ridgePredict({ intercept: fit.intercept, weights: fit.weights }, x).map((v) => v * t.sd + t.mean), loo: fit.looResiduals, penalties: fit.penalties };
}

/** A fitted member of an ensemble: its prediction of every row and its exact leave-one-out residuals on the samples. */
export interface EnsembleMember {
  readonly predictions: Float64Array;
  readonly loo: Float64Array;
  /** The penalty chosen for each block of the member's design. */
  readonly penalties: readonly number[];
}

