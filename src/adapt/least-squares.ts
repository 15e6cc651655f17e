/** `least-squares`: ridge on operator features from the K samples alone (no proxy): the baseline. */
import { hstack } from "../predict/ridge.js";
import { blockRidgePredict } from "./block-ridge-fit.js";
import type { AdaptContext, Measured } from "./method.js";

/** Predicts every row from the samples alone. */
export function leastSquares(ctx: AdaptContext, m: Measured): Float64Array {
  return blockRidgePredict(hstack([ctx.onehot, ctx.live]), [ctx.onehot.cols, ctx.live.cols], m);
}
