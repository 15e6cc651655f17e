/**
 * `device-aware`: a predictor trained across many devices (the context's
 * {@link DeviceModel}), described by the target's latencies on its reference
 * rows, blended with `proxy-ensemble-bagged` in log space, each weighted by
 * the inverse of its error on the K samples. Reference rows the
 * target was not measured on take the bagged adaptation's prediction, so any
 * K measurements describe the device, not only the reference set.
 */
import { InvalidArgumentError } from "../errors.js";
import type { AdaptContext, DeviceModel, Measured, MethodOptions, MethodResult } from "./method.js";
import { OOB_MIN, proxyEnsembleBagged } from "./proxy-ensemble-bagged.js";

/**
 * Weight of the device model in `device-aware`'s log-space blend when the
 * samples cannot choose it (fewer than `OOB_MIN` out-of-bag predictions,
 * K <= 5): half and half.
 */
export const DEVICE_MODEL_WEIGHT = 0.5;

/**
 * The device model's weight in the blend, from the K samples alone: the
 * inverse of each part's mean squared error in log latency, the bagged
 * adaptation's from its out-of-bag predictions and the device model's with
 * each measured reference replaced by that out-of-bag prediction when
 * predicting it (so neither part is scored on a sample it saw).
 */
export function blendWeight(model: DeviceModel, m: Measured, bagged: MethodResult, refs: Float64Array, logModel: Float64Array): number {
  const oob = bagged.outOfBag;
  if (!oob) return DEVICE_MODEL_WEIGHT;
  const refPos = new Map(model.referenceRows.map((r, j) => [r, j]));
  let eb = 0;
  let em = 0;
  let n = 0;
  m.rows.forEach((r, i) => {
    const o = oob[i] as number;
    if (!(o > 0)) return;
    const y = Math.log(m.values[i] as number);
    const j = refPos.get(r);
    let pm = logModel[r] as number;
    if (j !== undefined) {
      const input = refs.slice();
      input[j] = o;
      pm = model.predictLog(input)[r] as number;
    }
    eb += (Math.log(o) - y) ** 2;
    em += (pm - y) ** 2;
    n++;
  });
  if (n < OOB_MIN) return DEVICE_MODEL_WEIGHT;
  if (em === 0) return 1;
  if (eb === 0) return 0;
  return 1 / em / (1 / em + 1 / eb);
}

/**
 * The target's latencies on the model's reference rows: measured where it
 * was measured, else the bagged adaptation's prediction.
 */
export function referenceLatencies(model: DeviceModel, m: Measured, fallback: Float64Array): Float64Array {
  const measured = new Map<number, number>();
  m.rows.forEach((r, i) => measured.set(r, m.values[i] as number));
  return Float64Array.from(model.referenceRows, (r) => measured.get(r) ?? (fallback[r] as number));
}

/** Predicts every row with `device-aware`. */
export function deviceAware(ctx: AdaptContext, m: Measured, options: MethodOptions): MethodResult {
  const model = ctx.deviceModel;
  if (!model) throw new InvalidArgumentError("adapt: method device-aware needs a device model in the context: train one (proxynas/scale trainDeviceAware) and pass it as adaptContext(table, proxies, { deviceModel })");
  const n = ctx.onehot.rows;
  if (model.rows !== n) throw new InvalidArgumentError(`adapt: the device model was trained for a table of ${model.rows} rows; this one has ${n}`);
  const bagged = proxyEnsembleBagged(ctx, m, options);
  const refs = referenceLatencies(model, m, bagged.predictions);
  const bad = refs.findIndex((v) => !(v > 0) || !Number.isFinite(v));
  if (bad >= 0) throw new InvalidArgumentError(`adapt: device-aware: the latency ${refs[bad]} ms of reference row ${model.referenceRows[bad]} is not a positive number`);
  const logModel = model.predictLog(refs);
  const w = blendWeight(model, m, bagged, refs, logModel);
  // the bagged prediction can reach 0 or below far from the samples; floor it at the fastest measured latency's thousandth before the log
  const floor = Math.min(...Array.from(m.values)) / 1000;
  const predictions = Float64Array.from(bagged.predictions, (v, r) => Math.exp(w * (logModel[r] as number) + (1 - w) * Math.log(Math.max(v, floor))));
  return { predictions, modelWeight: w, ...(bagged.outOfBagSrcc === undefined ? {} : { outOfBagSrcc: bagged.outOfBagSrcc }) };
}
