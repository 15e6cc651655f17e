/**
 * Carrying an adaptation made on a pool of subnets to the whole Once-for-All
 * space, where no table holds every subnet.
 */
import { OFA_LATENCY_FEATURES, ofaLatencyFeatureMatrix } from "../predict/ofa-latency-features.js";
import { hstack, ridgeFit, ridgePredict } from "../predict/ridge.js";

/**
 * Carries an adapted latency prediction, made for the subnets of a pool, to
 * any subnet: a ridge fit (penalty 1e-6) on (proxy latency, per-slot
 * features). The adaptation methods are linear in those (the proxy's
 * latency, its linear fit on the features, the features, and other devices'
 * linear models), so on the pool the carried prediction equals the adapted
 * one up to rounding (tested).
 *
 * @example
 * ```ts
 * const latency = carryAdaptedLatency(pool, lut.predict(pool), adaptation.predictions, (a) => lut.predict(a));
 * latency(["r224-d44444-k..."]);
 * ```
 */
export function carryAdaptedLatency(pool: readonly string[], poolProxy: Float64Array, predictions: Float64Array, proxy: (archs: readonly string[]) => Float64Array): (archs: readonly string[]) => Float64Array {
  const design = (archs: readonly string[], proxyLatency: Float64Array) => hstack([proxyLatency, ofaLatencyFeatureMatrix(archs)]);
  const model = ridgeFit(design(pool, poolProxy), predictions, new Float64Array(OFA_LATENCY_FEATURES + 1).fill(1e-6)).model;
  return (archs) => ridgePredict(model, design(archs, proxy(archs)));
}
