/**
 * Adapting proxies to a target device from K measurements: build the
 * proxy-side context once, choose which K architectures to measure, read the
 * target only there, predict every architecture, and (when the target column
 * is known, as in evaluations) report the SRCC before and after.
 */
import { sameDevice } from "../data/devices.js";
import type { LatencyTable } from "../data/latency-table.js";
import { InvalidArgumentError, InvalidDataError } from "../errors.js";
import { nb201FeatureMatrix } from "../predict/nb201-features.js";
import { choiceCounts } from "../predict/choice-counts.js";
import { layerOneHotMatrix } from "../predict/layer-one-hot.js";
import { ofaLatencyFeatureMatrix } from "../predict/ofa-latency-features.js";
import { ridgeFit, ridgePredict, hstack, type Matrix } from "../predict/ridge.js";
import { NB201_OPS } from "../spaces/nb201.js";
import { OFA_EXPANDS, OFA_KERNELS, OFA_SLOTS } from "../spaces/ofa.js";
import type { SpaceName } from "../spaces/space.js";
import { spearman } from "../stats/correlation.js";
import { ADAPT_METHODS, type AdaProxyNorm, type AdaptContext, type AdaptMethod, type DeviceModel, type Measured } from "./method.js";
import { bestProxyOnSamples } from "./proxy-only.js";
import { DEFAULT_ADAPT_METHOD, runMethod } from "./registry.js";
import { proxyRanking, selectSamples, type SelectionStrategy } from "./select.js";

/** Penalty of the proxies' own linear fits (well-posed one-hot systems; tiny). */
const PROXY_FIT_PENALTY = 1e-3;

/** Search spaces whose tables adaptation supports. */
export const ADAPT_SPACES: readonly SpaceName[] = ["nb201", "ofa-mbv3", "fbnet", "proxyless"];

/**
 * The operator features the methods use, per space: NAS-Bench-201's one-hot
 * and live one-hot; Once-for-All's per-slot (kernel, expand) one-hot scaled
 * by the resolution's pixel count; FBNet's and ProxylessNAS's per-layer
 * choice one-hot (the last three with no live block). `shared`: how often each choice occurs over
 * the slots (for NAS-Bench-201, over all edges and over live edges): an
 * operation's cost shared by every position, which the per-position one-hot
 * then only corrects.
 *
 * @example
 * ```ts
 * operatorFeatures("nb201", help.archs()).shared.cols; // 10
 * ```
 */
export function operatorFeatures(space: SpaceName, archs: readonly string[]): { onehot: Matrix; live: Matrix; shared: Matrix } {
  if (space === "nb201") {
    const onehot = nb201FeatureMatrix(archs, "onehot");
    const live = nb201FeatureMatrix(archs, "live");
    return { onehot, live, shared: hstack([choiceCounts(onehot, 6, NB201_OPS.length), choiceCounts(live, 6, NB201_OPS.length)]) };
  }
  const none = { rows: archs.length, cols: 0, data: new Float64Array(0) };
  if (space === "ofa-mbv3") {
    const onehot = ofaLatencyFeatureMatrix(archs);
    return { onehot, live: none, shared: choiceCounts(onehot, OFA_SLOTS, OFA_KERNELS.length * OFA_EXPANDS.length) };
  }
  const { matrix: onehot, layers, choices } = layerOneHotMatrix(space === "fbnet" ? "fbnet" : "proxyless", archs);
  return { onehot, live: none, shared: choiceCounts(onehot, layers, choices) };
}

/**
 * The proxy-side context of a table: features and each proxy's latencies and
 * linear fits. Computed once per (table, proxies), reused for every target.
 *
 * @throws {InvalidArgumentError} for a table of another space than NAS-Bench-201, Once-for-All, FBNet or ProxylessNAS, no proxy, or a proxy with missing latencies
 * @example
 * ```ts
 * const ctx = adaptContext(help, ["1080ti_1", "pixel3"]);
 * ```
 */
export function adaptContext(table: LatencyTable, proxies: readonly string[], options: { prior?: LatencyTable; deviceModel?: DeviceModel } = {}): AdaptContext {
  if (!ADAPT_SPACES.includes(table.space)) throw new InvalidArgumentError(`adapt: ${table.source} is a ${table.space} table; adaptation supports ${ADAPT_SPACES.join(", ")}`);
  if (proxies.length === 0) throw new InvalidArgumentError("adapt: give at least one proxy");
  const archs = table.archs();
  const { onehot, live, shared } = operatorFeatures(table.space, archs);
  const both = hstack([onehot, live]);
  const cols = proxies.map((p) => {
    const latency = table.latency(p);
    const missing = latency.reduce((k, v) => k + (Number.isNaN(v) ? 1 : 0), 0);
    if (missing > 0) throw new InvalidArgumentError(`adapt: proxy ${p} has ${missing} missing latencies in ${table.source}; a proxy must be measured on every architecture`);
    return { name: p, latency };
  });
  const fitted = cols.map((c) => ridgePredict(ridgeFit(both, c.latency, new Float64Array(both.cols).fill(PROXY_FIT_PENALTY)).model, both));
  const operatorModels = cols.map((c) => ridgeFit(onehot, c.latency, new Float64Array(onehot.cols).fill(PROXY_FIT_PENALTY)).model);
  const prior = options.prior ? priorModels(options.prior, table.space, archs, proxies) : [];
  if (options.deviceModel && options.deviceModel.rows !== table.rows) throw new InvalidArgumentError(`adapt: the device model was trained for a table of ${options.deviceModel.rows} rows; ${table.source} has ${table.rows}`);
  return { onehot, live, shared, proxies: cols, fitted, operatorModels, prior, ...(options.deviceModel ? { deviceModel: options.deviceModel } : {}) };
}

/**
 * Every device of a prior table (other than the proxies) as a linear model on
 * one-hot + live features, fitted on its own rows and evaluated on `archs`.
 */
function priorModels(prior: LatencyTable, space: SpaceName, archs: readonly string[], proxies: readonly string[]): { name: string; fitted: Float64Array }[] {
  if (prior.space !== space) throw new InvalidArgumentError(`adapt: the prior table ${prior.source} is ${prior.space}; the table is ${space}`);
  const both = (f: { onehot: Matrix; live: Matrix }) => hstack([f.onehot, f.live]);
  const target = both(operatorFeatures(space, archs));
  const source = both(operatorFeatures(space, prior.archs()));
  return prior.deviceNames
    .filter((d) => !proxies.some((p) => sameDevice(p, d)))
    .map((d) => {
      const lat = prior.latencyView(d);
      const rows: number[] = [];
      for (let r = 0; r < lat.length; r++) if (!Number.isNaN(lat[r] as number)) rows.push(r);
      const xs = { rows: rows.length, cols: source.cols, data: new Float64Array(rows.length * source.cols) };
      rows.forEach((r, i) => xs.data.set(source.data.subarray(r * source.cols, (r + 1) * source.cols), i * source.cols));
      const model = ridgeFit(xs, rows.map((r) => lat[r] as number), new Float64Array(source.cols).fill(PROXY_FIT_PENALTY)).model;
      return { name: d, fitted: ridgePredict(model, target) };
    });
}

const rankings = new WeakMap<AdaptContext, Uint32Array>();

/**
 * The context's rows sorted by its proxies' first component
 * ({@link proxyRanking}), computed once per context: every `stratified`
 * selection from it cuts this order into strata.
 *
 * @example
 * ```ts
 * selectSamples([ctx.proxies[0].latency], 20, { seed: 1, ranking: contextRanking(ctx) });
 * ```
 */
export function contextRanking(ctx: AdaptContext): Uint32Array {
  let r = rankings.get(ctx);
  if (!r) rankings.set(ctx, (r = proxyRanking(ctx.proxies.map((p) => p.latency))));
  return r;
}

/** Options of {@link adaptTarget}. */
export interface AdaptOptions {
  /** Target rows to read (K), validation included. */
  readonly samples: number;
  /** Default {@link DEFAULT_ADAPT_METHOD}. */
  readonly method?: AdaptMethod;
  readonly select?: SelectionStrategy;
  readonly seed?: number;
  /** AdaProxy: validation samples within K, and the norm on b. */
  readonly validation?: number;
  readonly norm?: AdaProxyNorm;
  /** Rows to measure, when already chosen (e.g. the user measured them); default: chosen by `select`. */
  readonly rows?: readonly number[];
  /** The target's column name when it has one: devices related to it are left out of the prior. */
  readonly target?: string;
  /**
   * Called after each fit of the method with the fits done and their total
   * (the default method makes 17, the others 1): the fits cost about K x
   * columns^2 each beyond a few hundred samples, so a caller with thousands of
   * measurements can show progress.
   */
  readonly onProgress?: (done: number, total: number) => void;
}

/** What {@link adaptTarget} measured and predicted. */
export interface Adaptation {
  readonly method: AdaptMethod;
  readonly select: SelectionStrategy;
  /** Rows read on the target (K of them), in order. */
  readonly measuredRows: readonly number[];
  /** Rows whose measurement failed (missing latency), not used in the fit. */
  readonly failedRows: readonly number[];
  /** The proxy the samples pick (highest SRCC on them). */
  readonly pickedProxy: string;
  /** Predicted latency (ms) of every row. */
  readonly predictions: Float64Array;
  /**
   * An estimate, from the measured rows alone, of how well `predictions`
   * rank the target: the SRCC of the samples' out-of-bag predictions
   * (`proxy-ensemble-bagged` with K > 5 only; see `MethodResult`). Each
   * out-of-bag prediction comes from refits on 3/4 of the samples, so the
   * estimate leans low.
   */
  readonly outOfBagSrcc?: number;
  /** `device-aware` only: the device model's weight in the blend with the bagged adaptation, chosen on the samples (0..1). */
  readonly deviceModelWeight?: number;
  /** `device-aware` only: the weight of a ridge on the operation counts (log latency, no device knowledge) in the final blend, chosen on the samples (0..1); the rest is the blend of the device model and the bagged adaptation. */
  readonly countsWeight?: number;
  /** `device-aware` only: the root mean square of the blend's held-out log errors on the samples (ln units), an estimate of its error sd from the measured rows alone (absent with too few held-out samples). */
  readonly heldOutLogError?: number;
}

/**
 * Adapts to a target from K measurements. `measure(row)` is called once for
 * each chosen row and nowhere else: it returns the latency in ms, or NaN when
 * the measurement failed.
 *
 * @throws {InvalidArgumentError} when K is not in 3..rows, or fewer than 3 measurements succeed
 * @example
 * ```ts
 * const ctx = adaptContext(table, ["true_vpu"]);
 * const target = table.latency("eagle_gtx");
 * const a = adaptTarget(ctx, (r) => target[r], { samples: 20, seed: 1 });
 * ```
 */
export function adaptTarget(ctx: AdaptContext, measure: (row: number) => number, options: AdaptOptions): Adaptation {
  const n = ctx.onehot.rows;
  const k = options.samples;
  if (!Number.isInteger(k) || k < 3 || k > n) throw new InvalidArgumentError(`adapt: samples ${k} must be an integer in 3..${n}`);
  const method = options.method ?? DEFAULT_ADAPT_METHOD;
  if (!ADAPT_METHODS.includes(method)) throw new InvalidArgumentError(`adapt: invalid method ${JSON.stringify(method)}; valid: ${ADAPT_METHODS.join(", ")}`);
  const select = options.select ?? "stratified";
  const rows = options.rows ? [...options.rows] : selectSamples(ctx.proxies.map((p) => p.latency), k, { strategy: select, seed: options.seed ?? 0, ranking: contextRanking(ctx) });
  if (options.rows && (rows.length !== k || new Set(rows).size !== k || rows.some((r) => !Number.isInteger(r) || r < 0 || r >= n))) {
    throw new InvalidArgumentError(`adapt: rows must be ${k} distinct rows in 0..${n - 1}`);
  }
  const ok: number[] = [];
  const values: number[] = [];
  const failed: number[] = [];
  for (const r of rows) {
    const v = measure(r);
    if (typeof v !== "number" || Number.isNaN(v)) failed.push(r);
    else if (!(v >= 0) || !Number.isFinite(v)) throw new InvalidDataError(`adapt: measured latency ${v} at row ${r} is not valid; valid: a finite value >= 0 ms, or NaN for a failed measurement`);
    else {
      ok.push(r);
      values.push(v);
    }
  }
  if (ok.length < 3) throw new InvalidArgumentError(`adapt: only ${ok.length} of ${k} measurements succeeded (${failed.length} failed); need at least 3`);
  const m: Measured = { rows: ok, values: Float64Array.from(values) };
  const result = runMethod(method, ctx, m, {
    ...(options.norm === undefined ? {} : { norm: options.norm }),
    ...(options.validation === undefined ? {} : { validation: options.validation }),
    ...(options.target === undefined ? {} : { target: options.target }),
    ...(options.onProgress === undefined ? {} : { onFit: options.onProgress }),
    seed: options.seed ?? 0,
  });
  return {
    method,
    select,
    measuredRows: rows,
    failedRows: failed,
    pickedProxy: (ctx.proxies[bestProxyOnSamples(ctx, m)] as { name: string }).name,
    predictions: result.predictions,
    ...(result.outOfBagSrcc === undefined ? {} : { outOfBagSrcc: result.outOfBagSrcc }),
    ...(result.modelWeight === undefined ? {} : { deviceModelWeight: result.modelWeight }),
    ...(result.countsWeight === undefined ? {} : { countsWeight: result.countsWeight }),
    ...(result.heldOutLogError === undefined ? {} : { heldOutLogError: result.heldOutLogError }),
  };
}

/** SRCCs of an adaptation against the known target column. */
export interface AdaptationScore {
  /** The picked proxy against the target over all rows with a valid target latency. */
  readonly srccBefore: number;
  /** The prediction against the target over the same rows. */
  readonly srccAfter: number;
  /** The same, excluding the measured rows. */
  readonly srccUnmeasured: number;
  readonly rows: number;
}

/**
 * Scores an adaptation against the target column (evaluations only: a real
 * user has no such column).
 *
 * @example
 * ```ts
 * const a = adaptTarget(ctx, (r) => target[r], { samples: 10 });
 * scoreAdaptation(ctx, a, target).srccAfter;
 * ```
 */
export function scoreAdaptation(ctx: AdaptContext, a: Adaptation, target: Float64Array): AdaptationScore {
  const proxy = (ctx.proxies.find((p) => p.name === a.pickedProxy) as { latency: Float64Array }).latency;
  const measured = new Set(a.measuredRows);
  const unmeasuredPred = Float64Array.from(a.predictions, (v, r) => (measured.has(r) ? Number.NaN : v));
  const after = spearman(a.predictions, target);
  return { srccBefore: spearman(proxy, target).value, srccAfter: after.value, srccUnmeasured: spearman(unmeasuredPred, target).value, rows: after.pairs };
}

/**
 * The proxies of a pool usable for a target: the target and its aliases removed.
 *
 * @throws {InvalidArgumentError} when a proxy equals the target, or none is left
 *
 * @example
 * ```ts
 * checkProxies(["pixel3"], "pixel2"); // fine
 * checkProxies(["pixel3"], "pixel3"); // throws InvalidArgumentError
 * ```
 */
export function checkProxies(proxies: readonly string[], target: string): void {
  for (const p of proxies) {
    if (sameDevice(p, target)) throw new InvalidArgumentError(`adapt: proxy ${p} is ${p === target ? "the target itself" : `the same physical device as the target ${target}`}; remove it from the proxies`);
  }
}
