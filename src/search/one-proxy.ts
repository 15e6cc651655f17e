/**
 * The one-proxy pipeline on an enumerable table (NAS-Bench-201): search on the
 * proxy, measure K architectures on the target, adapt when the proxy ranks
 * them unlike the target, and hand back the set of architectures to measure
 * on the target and pick from per latency budget.
 *
 * Sets: the proxy set is the band of rows within a factor e^m of the proxy's
 * Pareto front (see {@link paretoBand}), as wide as the measurement budget
 * allows. The adapted set holds the K measured rows (already measured, so
 * free to reuse) and then the rows that keep the most expected accuracy
 * within latency budgets over scenarios of the target's latencies: the
 * adapted predictor refitted on random halves of the measured rows, each
 * with independent log errors of sd σ ({@link expectedRegretSet}; `setRule:
 * "front-probability"` for {@link frontProbabilitySet} on the adapted
 * prediction alone, `"band"` for the band). `targetMeasurements` counts
 * every distinct target row read: the K samples plus the rest of the set.
 */
import { adaptTarget, contextRanking, type AdaptOptions } from "../adapt/adapt.js";
import { type AdaptContext, type AdaptMethod, DEFAULT_SAMPLES } from "../adapt/method.js";
import { selectSamples, type SelectionStrategy } from "../adapt/select.js";
import { InvalidArgumentError } from "../errors.js";
import { spearman } from "../stats/correlation.js";
import { frontMetrics, frontReference, type FrontMetrics } from "../stats/front-metrics.js";
import { paretoFront } from "../stats/pareto.js";
import { paretoBand } from "../stats/pareto-band.js";
import { DEFAULT_FRONT_SIGMA, frontProbabilitySet } from "../stats/front-probability.js";
import { expectedRegretSet } from "../stats/expected-regret-set.js";
import { deriveSeed, seededRng, shuffled, standardNormal } from "../random.js";

/**
 * How the adapted set is built from the predicted latencies:
 * `expected-regret` (default): greedy on the expected accuracy kept within
 * latency budgets over refits on random halves of the measured rows (see
 * stats/expected-regret-set.ts);
 * `front-probability`: the rows most likely to be on the true front
 * when predicted log-latencies err by sd σ (see stats/front-probability.ts);
 * `band`: every row within a factor e^m of the predicted front, m as large as
 * the budget allows (see stats/pareto-band.ts).
 */
export type SetRule = "expected-regret" | "front-probability" | "band";
/**
 * Every {@link SetRule}.
 *
 * @example
 * ```ts
 * for (const setRule of SET_RULES) oneProxySearch(ctx, acc, measure, { setRule });
 * ```
 */
export const SET_RULES: readonly SetRule[] = ["expected-regret", "front-probability", "band"];

/** When to adapt: on the pipeline's decision (default), always, or never. */
export type AdaptDecision = "auto" | "always" | "never";
/**
 * Every {@link AdaptDecision}.
 *
 * @example
 * ```ts
 * oneProxySearch(ctx, acc, measure, { decision: ADAPT_DECISIONS[1] }); // always adapt
 * ```
 */
export const ADAPT_DECISIONS: readonly AdaptDecision[] = ["auto", "always", "never"];

/**
 * The one-proxy pipeline's defaults, in one place: `oneProxySearch`,
 * `proxynas search` and the search protocol all read them here.
 *
 * - `samples` (K = 20) target measurements decide whether to adapt and adapt;
 * - `budget` (100) target measurements in all, K included;
 * - `threshold` (0.95): adapt when the proxy's SRCC on the K samples is below it;
 * - `method` (`proxy-ensemble`, one fit): the bagged default of `adaptTarget`
 *   would refit 17 times inside each of the set's refits, which already
 *   average over subsets of the samples; the search protocol was measured with it;
 * - `setRule`, `scenarios` (16 refits) and `subsample` (half of the K samples
 *   per refit) build the expected-regret set; `sigma` is the noise on each
 *   scenario's log-latencies (and the front-probability set's error sd).
 *
 * @example
 * ```ts
 * oneProxySearch(ctx, acc, measure, { budget: ONE_PROXY_DEFAULTS.budget * 2 });
 * ```
 */
export const ONE_PROXY_DEFAULTS = {
  samples: DEFAULT_SAMPLES,
  budget: 100,
  threshold: 0.95,
  decision: "auto",
  method: "proxy-ensemble",
  setRule: "expected-regret",
  scenarios: 16,
  subsample: 0.5,
  sigma: DEFAULT_FRONT_SIGMA,
} as const satisfies { readonly method: AdaptMethod; readonly decision: AdaptDecision; readonly setRule: SetRule } & Record<string, unknown>;

/** The proxy side of the pipeline: the same for every target, so computable once. */
export interface ProxySets {
  /** The proxy's own Pareto front (the paper's reused set). */
  readonly proxyFront: readonly number[];
  /** The proxy's band of at most `setRows` rows. */
  readonly proxySet: readonly number[];
  readonly setRows: number;
  readonly ms: number;
}

function checkOneProxy(ctx: AdaptContext): void {
  if (ctx.proxies.length !== 1) throw new InvalidArgumentError(`oneProxySearch: the pipeline searches on one proxy; the context has ${ctx.proxies.length} (${ctx.proxies.map((p) => p.name).join(", ")})`);
}

/**
 * The proxy's front and band (search on the proxy), once for all targets.
 *
 * @example
 * ```ts
 * const side = proxySets(ctx, acc, 80);
 * for (const t of targets) oneProxySearch(ctx, acc, measure(t), { proxySets: side });
 * ```
 */
export function proxySets(ctx: AdaptContext, accuracy: ArrayLike<number>, setRows: number): ProxySets {
  checkOneProxy(ctx);
  const latency = (ctx.proxies[0] as { latency: Float64Array }).latency;
  const t0 = performance.now();
  const proxyFront = paretoFront(latency, accuracy);
  const proxySet = paretoBand(latency, accuracy, setRows).rows;
  return { proxyFront, proxySet, setRows, ms: performance.now() - t0 };
}

/** Options of {@link oneProxySearch}. */
export interface OneProxyOptions {
  /** Target samples K (default 20). */
  readonly samples?: number;
  /**
   * Adapt when the proxy's SRCC with the target on the K samples is below
   * this (default 0.95: the K samples are measured either way, so adapting
   * costs no measurement; on the search protocol, CIFAR-10, 0.95 gave a mean
   * regret of 0.056 points against 0.069 with the paper's reuse rule, 0.9).
   */
  readonly threshold?: number;
  /** Target measurements in all, K included (default 100). */
  readonly budget?: number;
  readonly decision?: AdaptDecision;
  /**
   * Adaptation method (default `ONE_PROXY_DEFAULTS.method`, not the adapt
   * command's default: the expected-regret set already refits the
   * adaptation on 16 random halves of the K samples).
   */
  readonly method?: AdaptMethod;
  readonly select?: SelectionStrategy;
  readonly seed?: number;
  /** The target's column name, when it has one (devices related to it are left out of a prior). */
  readonly target?: string;
  /**
   * How the adapted set is built (default `expected-regret`; see
   * {@link SetRule} and the README for the measured comparison).
   */
  readonly setRule?: SetRule;
  /** σ of the log errors: `front-probability`'s, and the noise on each `expected-regret` scenario (default 0.02). */
  readonly sigma?: number;
  /** `expected-regret`: how many refits on random subsets of the measured rows (default `ONE_PROXY_DEFAULTS.scenarios`). */
  readonly scenarios?: number;
  /** `expected-regret`: the share of the measured rows in each refit (default `ONE_PROXY_DEFAULTS.subsample`). */
  readonly subsample?: number;
  /** The proxy side, when already computed for this context and accuracy (its `setRows` must be budget - samples). */
  readonly proxySets?: ProxySets;
}

/** What the pipeline measured, decided and returned. */
export interface OneProxyResult {
  readonly proxy: string;
  readonly samples: number;
  readonly seed: number;
  /** Rows measured on the target for the decision (and the adaptation). */
  readonly measured: readonly number[];
  /** The proxy's SRCC with the target on the measured rows. */
  readonly srccMeasured: number;
  readonly adapted: boolean;
  /** The proxy's own Pareto front (the paper's reused set). */
  readonly proxyFront: readonly number[];
  /** The proxy's band, as large as the set budget (budget - K). */
  readonly proxySet: readonly number[];
  /** The set the pipeline reuses: the adapted set (measured rows included), or the proxy set when it did not adapt. */
  readonly pipelineSet: readonly number[];
  /** Distinct target rows read in all (K + the rest of the reused set). */
  readonly targetMeasurements: number;
  /** Adapted latency prediction of every row (undefined when not adapted). */
  readonly predictions: Float64Array | undefined;
  readonly ms: { readonly proxySearch: number; readonly adapt: number };
}

/**
 * Runs the one-proxy pipeline. `measure(row)` is the target measurement (ms,
 * NaN when it failed); it is called once per measured row and nowhere else.
 * `accuracy` is the accuracy of every row (true or predicted).
 *
 * @throws {InvalidArgumentError} for options out of range or a context of another size
 * @example
 * ```ts
 * const ctx = adaptContext(table, ["pixel3"]);
 * const target = table.latency("pixel2");
 * const r = oneProxySearch(ctx, table.accuracy("cifar10"), (row) => target[row], { seed: 0 });
 * r.adapted; r.pipelineSet.length;
 * ```
 */
export function oneProxySearch(ctx: AdaptContext, accuracy: ArrayLike<number>, measure: (row: number) => number, options: OneProxyOptions = {}): OneProxyResult {
  checkOneProxy(ctx);
  const n = ctx.onehot.rows;
  if (accuracy.length !== n) throw new InvalidArgumentError(`oneProxySearch: ${accuracy.length} accuracies for ${n} rows`);
  const k = options.samples ?? ONE_PROXY_DEFAULTS.samples;
  const budget = options.budget ?? ONE_PROXY_DEFAULTS.budget;
  const threshold = options.threshold ?? ONE_PROXY_DEFAULTS.threshold;
  const decision = options.decision ?? ONE_PROXY_DEFAULTS.decision;
  const setRule = options.setRule ?? ONE_PROXY_DEFAULTS.setRule;
  const scenarioCount = options.scenarios ?? ONE_PROXY_DEFAULTS.scenarios;
  if (!Number.isInteger(scenarioCount) || scenarioCount < 1) throw new InvalidArgumentError(`oneProxySearch: scenarios ${scenarioCount} must be a positive integer`);
  const subsample = options.subsample ?? ONE_PROXY_DEFAULTS.subsample;
  if (!(subsample > 0 && subsample < 1)) throw new InvalidArgumentError(`oneProxySearch: subsample ${subsample} must be in (0, 1)`);
  const sigma = options.sigma ?? ONE_PROXY_DEFAULTS.sigma;
  if (!(sigma >= 0) || !Number.isFinite(sigma)) throw new InvalidArgumentError(`oneProxySearch: sigma ${sigma} must be a finite number >= 0`);
  if (setRule === "front-probability" && !(sigma > 0)) throw new InvalidArgumentError("oneProxySearch: sigma must be > 0 for the front-probability set");
  if (!SET_RULES.includes(setRule)) throw new InvalidArgumentError(`oneProxySearch: set rule ${JSON.stringify(setRule)} is not valid; valid: ${SET_RULES.join(", ")}`);
  const seed = options.seed ?? 0;
  if (!Number.isInteger(k) || k < 3) throw new InvalidArgumentError(`oneProxySearch: samples ${k} must be an integer >= 3`);
  if (!Number.isInteger(budget) || budget <= k) throw new InvalidArgumentError(`oneProxySearch: budget ${budget} must be an integer above samples ${k}`);
  if (!(threshold >= -1 && threshold <= 1)) throw new InvalidArgumentError(`oneProxySearch: threshold ${threshold} must be in [-1, 1]`);
  if (!ADAPT_DECISIONS.includes(decision)) throw new InvalidArgumentError(`oneProxySearch: decision ${JSON.stringify(decision)} is not valid; valid: ${ADAPT_DECISIONS.join(", ")}`);
  if (options.proxySets && options.proxySets.setRows !== budget - k) throw new InvalidArgumentError(`oneProxySearch: the given proxy sets hold up to ${options.proxySets.setRows} rows; this budget needs ${budget - k} (budget - samples)`);
  const side = options.proxySets ?? proxySets(ctx, accuracy, budget - k);
  const { proxyFront, proxySet } = side;
  const proxy = ctx.proxies[0] as { name: string; latency: Float64Array };

  // the context has this one proxy, so its ranking is the proxy's
  const measured = selectSamples([proxy.latency], k, { strategy: options.select ?? "stratified", seed, ranking: contextRanking(ctx) });
  const values = new Map<number, number>();
  const read = (r: number): number => {
    if (!values.has(r)) values.set(r, measure(r));
    return values.get(r) as number;
  };
  for (const r of measured) read(r);
  const ok = measured.filter((r) => !Number.isNaN(values.get(r) as number));
  const srccMeasured = spearman(ok.map((r) => proxy.latency[r] as number), ok.map((r) => values.get(r) as number)).value;
  const adapted = decision === "always" || (decision === "auto" && !(srccMeasured >= threshold));

  let pipelineSet = proxySet;
  let predictions: Float64Array | undefined;
  const t2 = performance.now();
  if (adapted) {
    const opts: AdaptOptions = {
      samples: k,
      rows: measured,
      seed,
      method: options.method ?? ONE_PROXY_DEFAULTS.method,
      ...(options.select ? { select: options.select } : {}),
      ...(options.target ? { target: options.target } : {}),
    };
    predictions = adaptTarget(ctx, read, opts).predictions;
    if (setRule === "band") pipelineSet = paretoBand(predictions, accuracy, budget, { include: measured }).rows;
    else if (setRule === "front-probability") pipelineSet = frontProbabilitySet(predictions, accuracy, budget, { include: measured, sigma }).rows;
    else {
      const known = new Map(ok.map((r) => [r, values.get(r) as number]));
      const scenarios = subsampleScenarios(ctx, ok, read, predictions, opts, { count: scenarioCount, subsample, sigma, seed });
      pipelineSet = expectedRegretSet(predictions, scenarios, accuracy, budget, { include: measured, known }).rows;
    }
  }
  const t3 = performance.now();
  const reads = new Set([...measured, ...pipelineSet]);
  return {
    proxy: proxy.name,
    samples: k,
    seed,
    measured,
    srccMeasured,
    adapted,
    proxyFront,
    proxySet,
    pipelineSet,
    targetMeasurements: reads.size,
    predictions,
    ms: { proxySearch: side.ms, adapt: t3 - t2 },
  };
}

/**
 * Latency scenarios for the `expected-regret` set: the adaptation refitted on
 * `count` random subsets of the measured rows (a share `subsample` of them, at least 3 rows each; reads
 * only rows already measured), each prediction times e^(σ z) per row with z
 * standard normal. A refit's prediction that is not a positive finite number
 * falls back to the full fit's. Seeded: the same seed gives the same scenarios.
 */
function subsampleScenarios(ctx: AdaptContext, ok: readonly number[], read: (r: number) => number, full: Float64Array, adapt: AdaptOptions, o: { count: number; subsample: number; sigma: number; seed: number }): Float64Array[] {
  const rng = seededRng(deriveSeed(o.seed, "scenarios"));
  const size = Math.min(ok.length, Math.max(3, Math.round(ok.length * o.subsample)));
  const out: Float64Array[] = [];
  for (let m = 0; m < o.count; m++) {
    const sub = shuffled(rng, ok).slice(0, size);
    const refit = adaptTarget(ctx, read, { ...adapt, samples: sub.length, rows: sub }).predictions;
    const s = new Float64Array(full.length);
    for (let i = 0; i < s.length; i++) {
      const v = refit[i] as number;
      const base = v > 0 && Number.isFinite(v) ? v : (full[i] as number);
      s[i] = o.sigma > 0 ? base * Math.exp(o.sigma * standardNormal(rng)) : base;
    }
    out.push(s);
  }
  return out;
}

/** A pipeline result judged against the target's true latencies. */
export interface OneProxyScore {
  /** Rows of the true target front. */
  readonly targetFront: readonly number[];
  readonly proxyFront: FrontMetrics;
  readonly proxy: FrontMetrics & { readonly targetMeasurements: number };
  readonly adapted: FrontMetrics & { readonly targetMeasurements: number };
}

/**
 * Judges the pipeline's sets on the target's true latencies (evaluations only).
 *
 * @example
 * ```ts
 * scoreOneProxy(result, table.latency("pixel2"), table.accuracy("cifar10")).adapted.regret;
 * ```
 */
export function scoreOneProxy(result: OneProxyResult, targetLatency: ArrayLike<number>, accuracy: ArrayLike<number>): OneProxyScore {
  const ref = frontReference(targetLatency, accuracy);
  return {
    targetFront: ref.front,
    proxyFront: frontMetrics(ref, result.proxyFront),
    proxy: { ...frontMetrics(ref, result.proxySet), targetMeasurements: result.proxySet.length },
    adapted: { ...frontMetrics(ref, result.pipelineSet), targetMeasurements: result.targetMeasurements },
  };
}
