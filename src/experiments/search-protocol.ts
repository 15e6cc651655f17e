/**
 * The evaluations of one-proxy search on NAS-Bench-201 (issue "One-proxy
 * NAS"): HELP's latencies joined with NATS-Bench accuracies, proxy `pixel3`,
 * every other HELP device as target, and for each seed the pipeline's sets
 * judged on the target's true latencies; plus the evolutionary search against
 * the exhaustive front.
 */
import { adaptContext } from "../adapt/adapt.js";
import type { FetchOptions } from "../data/fetch.js";
import type { LatencyTable } from "../data/latency-table.js";
import { loadTable } from "../data/load.js";
import { sameDevice } from "../data/devices.js";
import { loadLookupTables, loadOfaAccuracyPredictorWeights } from "../data/load-lut.js";
import { LookupTablePredictor } from "../predict/lut-predictor.js";
import { OfaAccuracyPredictor } from "../predict/ofa-accuracy-predictor.js";
import { hypervolume } from "../stats/hypervolume.js";
import { quantiles } from "../stats/quantile.js";
import { frontMetrics, frontReference, meanFrontMetrics, type FrontMetrics } from "../stats/front-metrics.js";
import { agingEvolution } from "../search/aging-evolution.js";
import { tableEvaluator } from "../search/evaluator.js";
import { NB201_GENOME, ofaGenomeAt } from "../search/genome.js";
import { nsga2 } from "../search/nsga2.js";
import { oneProxySearch, proxySets, scoreOneProxy, type OneProxyOptions, ONE_PROXY_DEFAULTS } from "../search/one-proxy.js";
import { randomSearch } from "../search/random-search.js";
import { frontAfter, type SearchRun } from "../search/search-run.js";

/**
 * NAS-Bench-201 accuracy columns.
 *
 * @example
 * ```ts
 * for (const acc of NB201_ACCURACIES) table.accuracy(acc);
 * ```
 */
export const NB201_ACCURACIES: readonly string[] = ["cifar10", "cifar100", "imagenet16_120"];

/**
 * HELP's NAS-Bench-201 latencies joined with the NATS-Bench accuracies.
 *
 * @example
 * ```ts
 * const t = await loadNb201SearchTable(); t.accuracyNames; // ["cifar10", "cifar100", "imagenet16_120"]
 * ```
 */
export async function loadNb201SearchTable(options: FetchOptions = {}): Promise<LatencyTable> {
  return (await loadTable("help-nb201", options)).join(await loadTable("nb201-accuracy", options));
}

/** Mean metrics of one target over seeds. */
export interface SearchProtocolRow {
  readonly accuracy: string;
  readonly target: string;
  readonly seeds: number;
  /** Share of seeds in which the pipeline adapted. */
  readonly adaptedShare: number;
  /** Mean SRCC of proxy vs target on the K samples. */
  readonly srccMeasured: number;
  readonly proxyFront: FrontMetrics;
  readonly proxy: FrontMetrics;
  readonly adapted: FrontMetrics;
  /** Mean distinct target rows read by the pipeline. */
  readonly targetMeasurements: number;
  /** Per-device NAS: target rows measured by an exhaustive search (valid rows), and its front size. */
  readonly perDeviceMeasurements: number;
  readonly frontSize: number;
  /** Mean ms per target of the pipeline (adaptation and band), and of the one proxy search (done once per accuracy). */
  readonly msAdapt: number;
  readonly msProxySearch: number;
}

/** Options of {@link runSearchProtocol}. */
export interface SearchProtocolOptions extends FetchOptions, Omit<OneProxyOptions, "seed" | "target"> {
  readonly proxy?: string;
  /**
   * Prior knowledge for the adaptation (proxy-ridge's prior block): other
   * devices' operator models from this table, or `"self"` for the search
   * table's own devices. Devices related to each target (aliases, the same
   * hardware elsewhere or at another batch size) are left out. Default: none
   * (the paper's setting).
   */
  readonly prior?: LatencyTable | "self";
  readonly accuracies?: readonly string[];
  readonly targets?: readonly string[];
  readonly seeds?: number;
  readonly table?: LatencyTable;
  readonly onProgress?: (line: string) => void;
}

/**
 * Runs the one-proxy pipeline for every accuracy x target x seed.
 *
 * @example
 * ```ts
 * const rows = await runSearchProtocol({ seeds: 10 });
 * rows.filter((r) => r.adapted.regret > 0.1);
 * ```
 */
export async function runSearchProtocol(options: SearchProtocolOptions = {}): Promise<SearchProtocolRow[]> {
  const table = options.table ?? (await loadNb201SearchTable(options));
  const proxy = options.proxy ?? "pixel3";
  const prior = options.prior === "self" ? table : options.prior;
  const ctx = adaptContext(table, [proxy], prior ? { prior } : {});
  const seeds = options.seeds ?? 10;
  const targets = options.targets ?? table.deviceNames.filter((d) => !sameDevice(d, proxy));
  const out: SearchProtocolRow[] = [];
  for (const accName of options.accuracies ?? NB201_ACCURACIES) {
    const acc = table.accuracy(accName);
    const side = proxySets(ctx, acc, (options.budget ?? ONE_PROXY_DEFAULTS.budget) - (options.samples ?? ONE_PROXY_DEFAULTS.samples));
    for (const target of targets) {
      const lat = table.latency(target);
      const runs = Array.from({ length: seeds }, (_, seed) => {
        const r = oneProxySearch(ctx, acc, (row) => lat[row] as number, { ...options, seed, target, proxySets: side });
        return { r, s: scoreOneProxy(r, lat, acc) };
      });
      const mean = (f: (x: (typeof runs)[number]) => number) => runs.reduce((s, x) => s + f(x), 0) / runs.length;
      out.push({
        accuracy: accName,
        target,
        seeds,
        adaptedShare: mean((x) => (x.r.adapted ? 1 : 0)),
        srccMeasured: mean((x) => x.r.srccMeasured),
        proxyFront: meanFrontMetrics(runs.map((x) => x.s.proxyFront)),
        proxy: meanFrontMetrics(runs.map((x) => x.s.proxy)),
        adapted: meanFrontMetrics(runs.map((x) => x.s.adapted)),
        targetMeasurements: mean((x) => x.r.targetMeasurements),
        perDeviceMeasurements: lat.reduce((k, v) => k + (Number.isNaN(v) ? 0 : 1), 0),
        frontSize: (runs[0] as (typeof runs)[number]).s.targetFront.length,
        msAdapt: mean((x) => x.r.ms.adapt),
        msProxySearch: mean((x) => x.r.ms.proxySearch),
      });
      options.onProgress?.(`search: ${accName} ${target} done`);
    }
  }
  return out;
}

/** Regret of each algorithm's front against the exhaustive front, at evaluation checkpoints. */
export interface EvolutionCurve {
  readonly algorithm: string;
  readonly checkpoints: readonly number[];
  /** Median over seeds of the regret at each checkpoint. */
  readonly medianRegret: readonly number[];
  /** Per seed, regret at the last checkpoint. */
  readonly finalRegrets: readonly number[];
  readonly medianRecall: number;
  readonly medianHvRatio: number;
  readonly msPerRun: number;
  readonly batchesPerRun: number;
}

function median(xs: readonly number[]): number {
  return quantiles(xs, [0.5])[0] as number;
}

/**
 * NSGA-II, aging evolution (latency limit: the median latency) and random
 * search on (accuracy, device latency) from the table, judged against the
 * exhaustive front of the same device.
 *
 * @example
 * ```ts
 * const curves = evolutionComparison(table, "cifar10", "pixel3", { seeds: 10, evaluations: 2000 });
 * ```
 */
export function evolutionComparison(table: LatencyTable, accuracy: string, device: string, options: { seeds?: number; evaluations?: number; checkpoints?: readonly number[] } = {}): EvolutionCurve[] {
  const evaluations = options.evaluations ?? 2000;
  const checkpoints = options.checkpoints ?? [100, 200, 300, 500, 750, 1000, 1500, 2000].filter((c) => c <= evaluations);
  const seeds = options.seeds ?? 10;
  const ref = frontReference(table.latency(device), table.accuracy(accuracy));
  const ev = tableEvaluator(table, accuracy, device);
  const rowOf = (arch: string) => table.rowOfArch(arch) as number;
  const algorithms: [string, (seed: number) => SearchRun][] = [
    ["nsga2", (seed) => nsga2(NB201_GENOME, ev, { evaluations, seed })],
    ["aging", (seed) => agingEvolution(NB201_GENOME, ev, { evaluations, seed, latencyLimit: ref.budgets[4] as number })],
    ["random", (seed) => randomSearch(NB201_GENOME, ev, { evaluations, seed })],
  ];
  return algorithms.map(([algorithm, run]) => {
    const runs = Array.from({ length: seeds }, (_, s) => run(s));
    const at = checkpoints.map((c) => runs.map((r) => frontMetrics(ref, frontAfter(r.evaluations, c).map((e) => rowOf(e.arch)))));
    const last = at[at.length - 1] as FrontMetrics[];
    return {
      algorithm,
      checkpoints,
      medianRegret: at.map((ms) => median(ms.map((m) => m.regret))),
      finalRegrets: last.map((m) => m.regret),
      medianRecall: median(last.map((m) => m.recall)),
      medianHvRatio: median(last.map((m) => m.hvRatio)),
      msPerRun: runs.reduce((s, r) => s + r.ms, 0) / runs.length,
      batchesPerRun: runs.reduce((s, r) => s + r.batches, 0) / runs.length,
    };
  });
}

/** NSGA-II vs random search on Once-for-All (predicted accuracy, Note10 lookup-table latency). */
export interface OfaSearchSummary {
  readonly algorithm: string;
  readonly seeds: number;
  readonly evaluations: number;
  /** Median hypervolume of the found front (reference: slowest and least accurate evaluation over all runs). */
  readonly medianHv: number;
  readonly medianFrontSize: number;
  /** Best predicted accuracy found under each latency limit (ms), median over seeds. */
  readonly bestUnder: Readonly<Record<string, number>>;
  readonly msPerRun: number;
}

/**
 * Searches Once-for-All MobileNetV3 with the published accuracy predictor and
 * the Note10 lookup table (its resolutions), NSGA-II against random search.
 *
 * @example
 * ```ts
 * const s = await ofaNote10Search({ seeds: 3, evaluations: 2000 });
 * ```
 */
export async function ofaNote10Search(options: FetchOptions & { seeds?: number; evaluations?: number; limits?: readonly number[] } = {}): Promise<OfaSearchSummary[]> {
  const lut = LookupTablePredictor.create(await loadLookupTables("ofa-note10-lut", options));
  const acc = OfaAccuracyPredictor.create(await loadOfaAccuracyPredictorWeights(options));
  const genome = ofaGenomeAt(lut.resolutions);
  const ev = (archs: readonly string[]) => ({ accuracy: acc.predict(archs), latency: lut.predict(archs) });
  const seeds = options.seeds ?? 10;
  const evaluations = options.evaluations ?? 2000;
  const limits = options.limits ?? [15, 20, 25, 30];
  const runs = (["nsga2", "random"] as const).map((algorithm) => ({
    algorithm,
    runs: Array.from({ length: seeds }, (_, seed) => (algorithm === "nsga2" ? nsga2(genome, ev, { evaluations, seed }) : randomSearch(genome, ev, { evaluations, seed }))),
  }));
  const all = runs.flatMap((r) => r.runs.flatMap((x) => x.evaluations));
  const ref = { latency: Math.max(...all.map((e) => e.latency)), accuracy: Math.min(...all.map((e) => e.accuracy)) };
  return runs.map(({ algorithm, runs: rs }) => ({
    algorithm,
    seeds,
    evaluations,
    medianHv: median(rs.map((r) => hypervolume(r.front.map((e) => e.latency), r.front.map((e) => e.accuracy), ref))),
    medianFrontSize: median(rs.map((r) => r.front.length)),
    bestUnder: Object.fromEntries(limits.map((l) => [String(l), median(rs.map((r) => { const best = Math.max(Number.NEGATIVE_INFINITY, ...r.front.filter((e) => e.latency <= l).map((e) => e.accuracy)); return best === Number.NEGATIVE_INFINITY ? Number.NaN : best; }))])),
    msPerRun: rs.reduce((s, r) => s + r.ms, 0) / rs.length,
  }));
}
