/**
 * The one-proxy pipeline over Once-for-All's whole MobileNetV3 space, where
 * no table holds every subnet. Targets are latency models fitted on HELP's
 * measured GPU latencies (ridge on the per-slot features; their held-out SRCC
 * is reported), standing in for measuring a subnet on the GPU.
 *
 * Per seed: NSGA-II on (OFA's accuracy predictor, the Note10 lookup table)
 * gives the proxy's pool (every subnet it evaluated) and front; the pipeline
 * measures K pool subnets on the target and decides whether to adapt. When it
 * adapts, the adapted prediction (made for the pool) is carried to any subnet
 * by a ridge fit on (lookup-table latency, subnet features), exact here since
 * the adapted model is linear in those, and NSGA-II searches again on
 * (accuracy, adapted latency): the set is the band around that search's front
 * (with the K measured subnets), as the paper's pipeline searches on the
 * adapted predictor. The pool's own band is reported too. Per target: NSGA-II
 * on (accuracy, the target model) is per-device NAS, run once. Sets are judged
 * on the union of all searches' subnets at the target model's latency: the
 * best subnets any search found.
 */
import { adaptContext } from "../adapt/adapt.js";
import type { FetchOptions } from "../data/fetch.js";
import { LatencyTable } from "../data/latency-table.js";
import { loadTable } from "../data/load.js";
import { loadLookupTables, loadOfaAccuracyPredictorWeights } from "../data/load-lut.js";
import { LookupTablePredictor } from "../predict/lut-predictor.js";
import { OfaAccuracyPredictor } from "../predict/ofa-accuracy-predictor.js";
import { ofaLatencyFeatureMatrix } from "../predict/ofa-latency-features.js";
import { ridgeFit, ridgePredict, takeRows } from "../predict/ridge.js";
import { seededRng, shuffled } from "../random.js";
import { spearman } from "../stats/correlation.js";
import { frontMetrics, frontReference, meanFrontMetrics, type FrontMetrics } from "../stats/front-metrics.js";
import { paretoFront } from "../stats/pareto.js";
import { paretoBand } from "../stats/pareto-band.js";
import { ofaGenomeAt } from "../search/genome.js";
import { nsga2 } from "../search/nsga2.js";
import { carryAdaptedLatency } from "../search/carry-adapted-latency.js";
import { oneProxySearch, type AdaptDecision, ONE_PROXY_DEFAULTS } from "../search/one-proxy.js";

/** A target's latency model, fitted on HELP's measured subnets. */
export interface OfaTargetModel {
  readonly name: string;
  /** SRCC on 20 % of HELP's subnets held out from a fit on the other 80 %. */
  readonly heldOutSrcc: number;
  predict(archs: readonly string[]): Float64Array;
}

const TARGET_PENALTY = 1e-2;

/**
 * Ridge latency models of HELP's 12 OFA GPU settings (fitted on all 5,000
 * subnets; the held-out SRCC comes from a seeded 80/20 split).
 *
 * @example
 * ```ts
 * const models = await fitOfaTargetModels();
 * models.find((m) => m.name === "v100_1")?.heldOutSrcc;
 * ```
 */
export async function fitOfaTargetModels(options: FetchOptions & { seed?: number } = {}): Promise<OfaTargetModel[]> {
  const help = await loadTable("help-ofa", options);
  const x = ofaLatencyFeatureMatrix(help.archs());
  const rng = seededRng(options.seed ?? 0);
  const order = shuffled(rng, Array.from({ length: help.rows }, (_, i) => i));
  const held = order.slice(0, Math.round(help.rows / 5));
  const fitRows = order.slice(held.length);
  const penalty = new Float64Array(x.cols).fill(TARGET_PENALTY);
  return help.deviceNames.map((name) => {
    const y = help.latency(name);
    const valid = (rows: number[]) => rows.filter((r) => !Number.isNaN(y[r] as number));
    const trial = ridgeFit(takeRows(x, valid(fitRows)), valid(fitRows).map((r) => y[r] as number), penalty).model;
    const heldValid = valid(held);
    const heldOutSrcc = spearman(ridgePredict(trial, takeRows(x, heldValid)), heldValid.map((r) => y[r] as number)).value;
    const all = valid(order);
    const model = ridgeFit(takeRows(x, all), all.map((r) => y[r] as number), penalty).model;
    return { name, heldOutSrcc, predict: (archs: readonly string[]) => ridgePredict(model, ofaLatencyFeatureMatrix(archs)) };
  });
}

/** One target's result, averaged over seeds. */
export interface OfaSpaceSearchRow {
  readonly target: string;
  readonly heldOutSrcc: number;
  readonly seeds: number;
  /** Mean SRCC of the lookup table with the target model on the K samples. */
  readonly srccMeasured: number;
  readonly adaptedShare: number;
  readonly proxyFront: FrontMetrics;
  /** The pipeline's set: after adapting, the band of a new search on the adapted latency. */
  readonly pipeline: FrontMetrics;
  /** The set chosen within the proxy's pool only (no new search). */
  readonly poolOnly: FrontMetrics;
  readonly targetMeasurements: number;
  /** Subnets the proxy's search evaluated (the pool), mean over seeds. */
  readonly poolSize: number;
  /** Evaluations of per-device NAS on the target (each a target measurement). */
  readonly perDeviceEvaluations: number;
}

/** Options of {@link runOfaSpaceSearch}. */
export interface OfaSpaceSearchOptions extends FetchOptions {
  readonly seeds?: number;
  /** NSGA-II evaluations of each search (default 2,000). */
  readonly evaluations?: number;
  readonly samples?: number;
  readonly budget?: number;
  /** When to adapt (default: the pipeline's rule, see `OneProxyOptions.threshold`). */
  readonly decision?: AdaptDecision;
  /** Give the adaptation the other GPUs' models as prior (related GPUs left out). */
  readonly prior?: boolean;
  readonly targets?: readonly string[];
  readonly onProgress?: (line: string) => void;
}

/**
 * Runs the pipeline over the whole space for every target.
 *
 * @example
 * ```ts
 * const rows = await runOfaSpaceSearch({ seeds: 3 });
 * rows.map((r) => [r.target, r.pipeline.regret]);
 * ```
 */
export async function runOfaSpaceSearch(options: OfaSpaceSearchOptions = {}): Promise<OfaSpaceSearchRow[]> {
  const lut = LookupTablePredictor.create(await loadLookupTables("ofa-note10-lut", options));
  const accuracy = OfaAccuracyPredictor.create(await loadOfaAccuracyPredictorWeights(options));
  const models = await fitOfaTargetModels(options);
  const targets = models.filter((m) => !options.targets || options.targets.includes(m.name));
  const genome = ofaGenomeAt(lut.resolutions);
  const evaluations = options.evaluations ?? 2000;
  const seeds = options.seeds ?? 10;
  const budget = options.budget ?? ONE_PROXY_DEFAULTS.budget;
  const accOf = (archs: readonly string[]) => accuracy.predict(archs);
  // per-device NAS, once per target
  const perDevice = new Map(targets.map((m) => [m.name, nsga2(genome, (a) => ({ accuracy: accOf(a), latency: m.predict(a) }), { evaluations, seed: 0 }).evaluations.map((e) => e.arch)]));
  options.onProgress?.("ofa space: per-device NAS done");
  const runs = new Map<string, { srcc: number; adapted: boolean; proxyFront: FrontMetrics; pipeline: FrontMetrics; poolOnly: FrontMetrics; measurements: number; pool: number }[]>();
  for (let seed = 0; seed < seeds; seed++) {
    const proxyRun = nsga2(genome, (a) => ({ accuracy: accOf(a), latency: lut.predict(a) }), { evaluations, seed });
    const pool = [...new Set(proxyRun.evaluations.map((e) => e.arch))];
    const poolAcc = accOf(pool);
    const poolLut = lut.predict(pool);
    const devices = [{ info: { name: "note10_lut", source: "ofa-note10-lut" }, values: poolLut }, ...models.map((m) => ({ info: { name: m.name, source: "ridge model of help-ofa" }, values: m.predict(pool) }))];
    const poolTable = LatencyTable.create({ space: "ofa-mbv3", archs: pool, devices, accuracies: { ofa_top1: poolAcc }, source: `NSGA-II pool (seed ${seed})` });
    // with a prior, the other GPUs' models: the target and the GPUs related to it are left out inside the adaptation
    const ctx = options.prior ? adaptContext(poolTable, ["note10_lut"], { prior: poolTable }) : adaptContext(poolTable, ["note10_lut"]);
    const proxyFrontRows = paretoFront(poolLut, poolAcc);
    for (const m of targets) {
      const lat = poolTable.latency(m.name);
      const r = oneProxySearch(ctx, poolAcc, (row) => lat[row] as number, { seed, target: m.name, ...(options.samples ? { samples: options.samples } : {}), budget, ...(options.decision ? { decision: options.decision } : {}) });
      const measuredArchs = r.measured.map((row) => pool[row] as string);
      let setArchs = r.pipelineSet.map((row) => pool[row] as string);
      let searched: string[] = [];
      if (r.adapted && r.predictions) {
        // carry the adapted prediction to any subnet, then search on it
        const adaptedLatency = carryAdaptedLatency(pool, poolLut, r.predictions, (archs) => lut.predict(archs));
        searched = [...new Set(nsga2(genome, (a) => ({ accuracy: accOf(a), latency: adaptedLatency(a) }), { evaluations, seed }).evaluations.map((e) => e.arch))];
        const candidates = [...new Set([...measuredArchs, ...searched])];
        const band = paretoBand(adaptedLatency(candidates), accOf(candidates), budget, { include: measuredArchs.map((_, i) => i) });
        setArchs = band.rows.map((row) => candidates[row] as string);
      }
      // judge on the union of every search's subnets
      const union = [...new Set([...pool, ...searched, ...(perDevice.get(m.name) as string[])])];
      const ref = frontReference(m.predict(union), accOf(union));
      const rowOf = new Map(union.map((a, i) => [a, i]));
      const toUnion = (archs: readonly string[]) => archs.map((a) => rowOf.get(a) as number);
      const list = runs.get(m.name) ?? [];
      list.push({
        srcc: r.srccMeasured,
        adapted: r.adapted,
        proxyFront: frontMetrics(ref, toUnion(proxyFrontRows.map((row) => pool[row] as string))),
        pipeline: frontMetrics(ref, toUnion(setArchs)),
        poolOnly: frontMetrics(ref, toUnion(r.pipelineSet.map((row) => pool[row] as string))),
        measurements: new Set([...measuredArchs, ...setArchs]).size,
        pool: pool.length,
      });
      runs.set(m.name, list);
    }
    options.onProgress?.(`ofa space: seed ${seed} done`);
  }
  return targets.map((m) => {
    const xs = runs.get(m.name) ?? [];
    const avg = (f: (x: (typeof xs)[number]) => number) => xs.reduce((s, x) => s + f(x), 0) / xs.length;
    return {
      target: m.name,
      heldOutSrcc: m.heldOutSrcc,
      seeds,
      srccMeasured: avg((x) => x.srcc),
      adaptedShare: avg((x) => (x.adapted ? 1 : 0)),
      proxyFront: meanFrontMetrics(xs.map((x) => x.proxyFront)),
      pipeline: meanFrontMetrics(xs.map((x) => x.pipeline)),
      poolOnly: meanFrontMetrics(xs.map((x) => x.poolOnly)),
      targetMeasurements: avg((x) => x.measurements),
      poolSize: avg((x) => x.pool),
      perDeviceEvaluations: evaluations,
    };
  });
}
