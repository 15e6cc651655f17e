/**
 * `device-aware`: a predictor trained across many devices (the context's
 * {@link DeviceModel}), described by the target's latencies on its reference
 * rows, blended with `proxy-ensemble-bagged` in log space, each weighted by
 * the inverse of its error on the K samples; then a ridge of log latency on
 * the operation counts (the context's `shared` features, no device knowledge
 * at all) joins the blend with a weight chosen on the samples' held-out
 * predictions. Reference rows the target was not measured on take the bagged
 * adaptation's prediction, so any K measurements describe the device, not
 * only the reference set.
 */
import { InvalidArgumentError } from "../errors.js";
import type { AdaptContext, DeviceModel, Measured, MethodOptions, MethodResult } from "./method.js";
import { operationCountsFit, requirePositive } from "./operation-counts.js";
import { OOB_MIN, proxyEnsembleBagged } from "./proxy-ensemble-bagged.js";

/**
 * Weight of the device model in `device-aware`'s log-space blend when the
 * samples cannot choose it (fewer than `OOB_MIN` out-of-bag predictions,
 * K <= 5): half and half.
 */
export const DEVICE_MODEL_WEIGHT = 0.5;

/**
 * Held-out log-latency predictions of the K samples by the two parts of the
 * blend: the bagged adaptation's out-of-bag predictions, and the device
 * model's with each measured reference replaced by that out-of-bag
 * prediction when predicting it (so neither part is scored on a sample it
 * saw). `index`: the positions in the measured rows of the samples that have
 * an out-of-bag prediction.
 */
export function heldOutParts(model: DeviceModel, m: Measured, bagged: MethodResult, refs: Float64Array, logModel: Float64Array): { index: number[]; model: number[]; bagged: number[] } {
  const out = { index: [] as number[], model: [] as number[], bagged: [] as number[] };
  const oob = bagged.outOfBag;
  if (!oob) return out;
  const refPos = new Map(model.referenceRows.map((r, j) => [r, j]));
  m.rows.forEach((r, i) => {
    const o = oob[i] as number;
    if (!(o > 0)) return;
    const j = refPos.get(r);
    let pm = logModel[r] as number;
    if (j !== undefined) {
      const input = refs.slice();
      input[j] = o;
      // one row is needed: a model that can predict rows alone saves predicting the whole table per reference
      pm = (model.predictLogRows ? model.predictLogRows(input, [r])[0] : model.predictLog(input)[r]) as number;
    }
    out.index.push(i);
    out.model.push(pm);
    out.bagged.push(Math.log(o));
  });
  return out;
}

/**
 * The device model's weight in the blend, from the K samples alone: the
 * inverse of each part's mean squared error in log latency on its
 * {@link heldOutParts} predictions.
 */
export function blendWeight(m: Measured, held: { index: readonly number[]; model: readonly number[]; bagged: readonly number[] }): number {
  const n = held.index.length;
  if (n < OOB_MIN) return DEVICE_MODEL_WEIGHT;
  let eb = 0;
  let em = 0;
  held.index.forEach((i, q) => {
    const y = Math.log(m.values[i] as number);
    eb += ((held.bagged[q] as number) - y) ** 2;
    em += ((held.model[q] as number) - y) ** 2;
  });
  if (em === 0) return 1;
  if (eb === 0) return 0;
  return 1 / em / (1 / em + 1 / eb);
}

/**
 * Steps of the operation-count ridge's weight in `device-aware`'s blend:
 * 0, 0.1, ..., 1.
 */
export const COUNTS_WEIGHT_STEPS = 10;

/**
 * The operation-count ridge's weight in the blend, from the K samples alone:
 * the value on a grid of 0..1 ({@link COUNTS_WEIGHT_STEPS} steps) whose mix
 * of the other parts' held-out prediction and the ridge's exact
 * leave-one-out prediction has the least squared error in log latency (the
 * smallest weight on ties; 0 with fewer than `OOB_MIN` held-out samples).
 *
 * @example
 * ```ts
 * countsWeight([1, 2, 3, 4, 5], [1, 2, 3, 4, 5], [0, 0, 0, 0, 0]); // 0: the other parts are exact
 * countsWeight([1, 2, 3, 4, 5], [0, 0, 0, 0, 0], [1, 2, 3, 4, 5]); // 1: the counts are
 * ```
 */
export function countsWeight(y: readonly number[], rest: readonly number[], counts: readonly number[]): number {
  if (y.length < OOB_MIN) return 0;
  let best = Infinity;
  let w = 0;
  for (let s = 0; s <= COUNTS_WEIGHT_STEPS; s++) {
    const c = s / COUNTS_WEIGHT_STEPS;
    let e = 0;
    y.forEach((v, i) => (e += ((1 - c) * (rest[i] as number) + c * (counts[i] as number) - v) ** 2));
    if (s === 0 || e < best * (1 - 1e-12)) {
      best = e;
      w = c;
    }
  }
  return w;
}

/**
 * The target's latencies on the model's reference rows: measured where it
 * was measured, else the bagged adaptation's prediction, floored at `floor`
 * ms (a linear fit can predict 0 or less far from the samples).
 */
export function referenceLatencies(model: DeviceModel, m: Measured, fallback: Float64Array, floor: number): Float64Array {
  const measured = new Map<number, number>();
  m.rows.forEach((r, i) => measured.set(r, m.values[i] as number));
  return Float64Array.from(model.referenceRows, (r) => measured.get(r) ?? Math.max(fallback[r] as number, floor));
}

/** Predicts every row with `device-aware`. */
export function deviceAware(ctx: AdaptContext, m: Measured, options: MethodOptions): MethodResult {
  const model = ctx.deviceModel;
  if (!model) throw new InvalidArgumentError("adapt: method device-aware needs a device model in the context: train one (proxynas/scale trainDeviceAware) and pass it as adaptContext(table, proxies, { deviceModel })");
  const n = ctx.onehot.rows;
  if (model.rows !== n) throw new InvalidArgumentError(`adapt: the device model was trained for a table of ${model.rows} rows; this one has ${n}`);
  requirePositive("device-aware", m);
  // the bagged prediction can reach 0 or below far from the samples; floor it at the fastest measured latency's thousandth before the log
  const floor = Math.min(...Array.from(m.values)) / 1000;
  const bagged = proxyEnsembleBagged(ctx, m, options);
  const refs = referenceLatencies(model, m, bagged.predictions, floor);
  const logModel = model.predictLog(refs);
  const held = heldOutParts(model, m, bagged, refs, logModel);
  const w = blendWeight(m, held);
  // the operation counts in log space, without any device: strong where no pool device ranks like the target
  const counts = operationCountsFit(ctx, m);
  // its weight is chosen on the samples that are not reference rows: references are picked to describe devices (HELP's, or greedy picks at the extremes), not to be typical rows, and their held-out errors misjudge the rest
  const refRows = new Set(model.referenceRows);
  const typical = held.index.flatMap((i, q) => (refRows.has(m.rows[i] as number) ? [] : [q]));
  const wc = countsWeight(
    typical.map((q) => Math.log(m.values[held.index[q] as number] as number)),
    typical.map((q) => w * (held.model[q] as number) + (1 - w) * (held.bagged[q] as number)),
    typical.map((q) => counts.logLoo[held.index[q] as number] as number),
  );
  const predictions = Float64Array.from(bagged.predictions, (v, r) =>
    Math.exp((1 - wc) * (w * (logModel[r] as number) + (1 - w) * Math.log(Math.max(v, floor))) + wc * (counts.logPredictions[r] as number)),
  );
  const heldOut = heldOutLogError(m, held, w, wc, counts.logLoo);
  return { predictions, modelWeight: w, countsWeight: wc, ...(heldOut === undefined ? {} : { heldOutLogError: heldOut }), ...(bagged.outOfBagSrcc === undefined ? {} : { outOfBagSrcc: bagged.outOfBagSrcc }) };
}

/**
 * The root mean square of the blend's held-out log errors: each sample with
 * an out-of-bag prediction, predicted by the parts' {@link heldOutParts}
 * predictions and the counts ridge's exact leave-one-out one, mixed with the
 * blend's weights; undefined with fewer than `OOB_MIN` such samples.
 *
 * @example
 * ```ts
 * heldOutLogError(m, held, 0.5, 0, counts.logLoo); // ln units, e.g. 0.05
 * ```
 */
export function heldOutLogError(m: Measured, held: { index: readonly number[]; model: readonly number[]; bagged: readonly number[] }, w: number, wc: number, countsLoo: ArrayLike<number>): number | undefined {
  const n = held.index.length;
  if (n < OOB_MIN) return undefined;
  let e = 0;
  held.index.forEach((i, q) => {
    const rest = w * (held.model[q] as number) + (1 - w) * (held.bagged[q] as number);
    e += ((1 - wc) * rest + wc * (countsLoo[i] as number) - Math.log(m.values[i] as number)) ** 2;
  });
  return Math.sqrt(e / n);
}
