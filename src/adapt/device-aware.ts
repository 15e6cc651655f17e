/**
 * `device-aware`: a predictor trained across many devices (the context's
 * {@link DeviceModel}), described by the target's latencies on its reference
 * rows, blended with `proxy-ensemble-bagged` in log space. Reference rows the
 * target was not measured on take the bagged adaptation's prediction, so any
 * K measurements describe the device, not only the reference set.
 */
import { InvalidArgumentError } from "../errors.js";
import type { AdaptContext, DeviceModel, Measured, MethodOptions, MethodResult } from "./method.js";
import { proxyEnsembleBagged } from "./proxy-ensemble-bagged.js";

/**
 * Weight of the device model in `device-aware`'s log-space blend (the rest
 * is `proxy-ensemble-bagged`'s). Scratch, HELP's split, the 10 reference
 * architectures, seed 0: mean SRCC over the 6 test devices 0.963 for the
 * device model alone, 0.967 for the bagged adaptation alone, 0.969 blended
 * half and half.
 */
export const DEVICE_MODEL_WEIGHT = 0.5;

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
  const w = DEVICE_MODEL_WEIGHT;
  // the bagged prediction can reach 0 or below far from the samples; floor it at the fastest measured latency's thousandth before the log
  const floor = Math.min(...Array.from(m.values)) / 1000;
  const predictions = Float64Array.from(bagged.predictions, (v, r) => Math.exp(w * (logModel[r] as number) + (1 - w) * Math.log(Math.max(v, floor))));
  return { predictions, ...(bagged.outOfBagSrcc === undefined ? {} : { outOfBagSrcc: bagged.outOfBagSrcc }) };
}
