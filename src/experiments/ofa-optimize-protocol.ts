/**
 * The optimizer protocol on Once-for-All's MobileNetV3 space (`npm run eval
 * -- --protocol optimize`, its Once-for-All part): the `ofa-batch` split
 * (trained on the batch-1 and batch-32 GPUs and mixtures of them, early
 * stopping on titan_rtx_1 and titan_rtx_32), each of the 4 batch-64 GPUs
 * described by its 10 reference latencies only, budgets the 10th..90th
 * percentiles of its measured latencies.
 *
 * The space cannot be enumerated, so there is no exact optimum. The judge of
 * a subnet's latency is the GPU's ridge model of its 5,000 measured subnets
 * (`fitOfaTargetModels`, standing in for measuring it), its accuracy OFA's
 * published predictor. Beside the optimizer: NSGA-II on the optimizer's own
 * calibrated predictions with the same margin (search on the same
 * information), and NSGA-II on the GPU's model itself (per-device search,
 * every evaluation a target measurement). Regret: the best accuracy within
 * the budget among every subnet any of them evaluated, minus the answer's,
 * in points, never below 0; an answer over budget counts as over budget.
 */
import type { FetchOptions } from "../data/fetch.js";
import type { LatencyTable } from "../data/latency-table.js";
import { loadReferenceArchitectures } from "../data/load-help.js";
import { loadOfaAccuracyPredictorWeights } from "../data/load-lut.js";
import { loadTable } from "../data/load.js";
import { InvalidArgumentError } from "../errors.js";
import { OFA_ACCURACY_RESOLUTIONS, OfaAccuracyPredictor } from "../predict/ofa-accuracy-predictor.js";
import { BudgetBelowFastestError } from "../scale/architecture-optimizer.js";
import { ofaArchitectureOptimizer, type OfaOptimizerSetup } from "../scale/ofa-optimizer-cache.js";
import { ofaGenomeAt } from "../search/genome.js";
import { nsga2 } from "../search/nsga2.js";
import { ofaFormat, ofaNormalize } from "../spaces/ofa.js";
import { REGRET_PERCENTILES } from "../stats/front-metrics.js";
import { quantiles } from "../stats/quantile.js";
import { fitOfaTargetModels } from "./ofa-space-protocol.js";
import { SCALE_SPLITS, type ScaleSplit } from "./scale-protocol.js";

/** What answers a (GPU, budget) on Once-for-All. */
export type OfaOptimizeMethod = "optimizer" | "nsga2 on predictions" | "nsga2 on the GPU";

/**
 * The methods, in report order.
 *
 * @example
 * ```ts
 * OFA_OPTIMIZE_METHODS[2]; // "nsga2 on the GPU"
 * ```
 */
export const OFA_OPTIMIZE_METHODS: readonly OfaOptimizeMethod[] = ["optimizer", "nsga2 on predictions", "nsga2 on the GPU"];

/** Evaluations of each NSGA-II run (on the predictions, and on the GPU's model). */
const SEARCH_EVALUATIONS = 2000;

/** One answer. */
export interface OfaOptimizeRun {
  readonly target: string;
  readonly seed: number;
  readonly method: OfaOptimizeMethod;
  readonly percentile: number;
  readonly budgetMs: number;
  readonly arch: string;
  /** OFA's predicted top-1 (%) of the answer. */
  readonly accuracy: number;
  /** The answer's latency under the GPU's model (ms). */
  readonly latencyMs: number;
  /** Points below the best subnet within the budget that any method evaluated (>= 0). */
  readonly regret: number;
  readonly over: boolean;
  /** Wall time (ms); NSGA-II: one run, serving all 9 budgets of the GPU. */
  readonly ms: number;
  /** Target measurements the answer took: the 10 references, or NSGA-II's evaluations on the GPU. */
  readonly measurements: number;
}

/** Options of {@link runOfaOptimizeProtocol}. */
export interface OfaOptimizeOptions extends FetchOptions {
  readonly seeds?: number;
  /** The split (default `ofa-batch`). */
  readonly split?: ScaleSplit;
  /** The table (default: loaded). */
  readonly table?: LatencyTable;
  /** Model cache folder, or `false` to train without one. */
  readonly modelCache?: string | false;
  /** Mixture devices beside the pool (default: the optimizer's, 30), and settings of the device-aware model and the optimizer's network. */
  readonly optimizer?: Pick<OfaOptimizerSetup, "mixtures" | "model" | "network">;
  /** NSGA-II evaluations of each search (default 2,000). */
  readonly evaluations?: number;
  readonly onProgress?: (line: string) => void;
}

/** Training cost per seed. */
export interface OfaOptimizeTraining {
  readonly seed: number;
  readonly ms: number;
  readonly epochs: number;
  readonly margin: number;
}

/**
 * Runs the protocol.
 *
 * @example
 * ```ts
 * const { runs } = await runOfaOptimizeProtocol({ seeds: 1 });
 * summariseOfaOptimize(runs);
 * ```
 */
export async function runOfaOptimizeProtocol(options: OfaOptimizeOptions = {}): Promise<{ runs: OfaOptimizeRun[]; training: OfaOptimizeTraining[]; heldOutSrcc: Record<string, number> }> {
  const fetch: FetchOptions = { ...(options.mirror !== undefined ? { mirror: options.mirror } : {}), ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}) };
  const split = options.split ?? SCALE_SPLITS["ofa-batch"];
  const table = options.table ?? (await loadTable(split.dataset, fetch));
  if (table.space !== "ofa-mbv3") throw new InvalidArgumentError(`OFA optimize protocol: ${table.source} is a ${table.space} table; it takes Once-for-All subnets (help-ofa)`);
  const refs = await loadReferenceArchitectures("help-ofa", fetch);
  const seeds = options.seeds ?? 3;
  const evaluations = options.evaluations ?? SEARCH_EVALUATIONS;
  const accuracy = OfaAccuracyPredictor.create(await loadOfaAccuracyPredictorWeights(fetch));
  const judges = new Map((await fitOfaTargetModels(fetch)).map((m) => [m.name, m]));
  // answers and searches at the accuracy predictor's resolutions; the judge's ridge model is fitted on all of HELP's
  const resolutions = [...OFA_ACCURACY_RESOLUTIONS];
  const genome = ofaGenomeAt(resolutions);
  const cache = options.modelCache === false ? { cache: false } : options.modelCache ? { modelDir: options.modelCache } : {};
  const runs: OfaOptimizeRun[] = [];
  const training: OfaOptimizeTraining[] = [];
  for (let seed = 0; seed < seeds; seed++) {
    const opt = await ofaArchitectureOptimizer(table, { pool: split.pool, validation: split.validation ?? [], references: refs, resolutions, seed, ...options.optimizer, ...fetch, ...cache });
    training.push({ seed, ms: opt.training.ms, epochs: opt.training.epochs, margin: opt.margin.constant });
    for (const target of split.targets) {
      const judge = judges.get(target);
      if (!judge) throw new InvalidArgumentError(`OFA optimize protocol: no latency model of ${target}; valid: ${[...judges.keys()].join(", ")}`);
      const measured = Array.from(table.latency(target)).filter((v) => !Number.isNaN(v));
      const refMs = refs.map((r) => table.latency(target)[r] as number);
      const budgets = quantiles(measured, REGRET_PERCENTILES);
      const answers: Omit<OfaOptimizeRun, "regret" | "over" | "latencyMs" | "accuracy">[] = [];
      budgets.forEach((b, i) => {
        const t0 = performance.now();
        let arch: string;
        try {
          arch = (opt.answer(refMs, b, { top: 1 }).answers[0] as { arch: string }).arch;
        } catch (e) {
          if (!(e instanceof BudgetBelowFastestError)) throw e;
          // no answer within the budget: the smallest subnet, counted as over budget when it is
          arch = smallestSubnet(resolutions);
        }
        answers.push({ target, seed, method: "optimizer", percentile: REGRET_PERCENTILES[i] as number, budgetMs: b, arch, ms: performance.now() - t0, measurements: refs.length });
      });
      // NSGA-II on the optimizer's calibrated predictions, with its margin
      const t1 = performance.now();
      const onPred = nsga2(genome, (archs) => ({ accuracy: accuracy.predict(archs), latency: opt.predictLatency(refMs, archs).latencyMs }), { evaluations, seed });
      const predMs = performance.now() - t1;
      const logMargin = opt.predictLatency(refMs, []).calibration.margin;
      const pick = (evals: readonly { arch: string; accuracy: number; latency: number }[], limit: number) => {
        const ok = evals.filter((e) => e.latency <= limit);
        return (ok.length ? ok.reduce((x, y) => (y.accuracy > x.accuracy ? y : x)) : evals.reduce((x, y) => (y.latency < x.latency ? y : x))).arch;
      };
      budgets.forEach((b, i) => answers.push({ target, seed, method: "nsga2 on predictions", percentile: REGRET_PERCENTILES[i] as number, budgetMs: b, arch: pick(onPred.evaluations, b * Math.exp(-logMargin)), ms: predMs, measurements: refs.length }));
      // per-device search: NSGA-II on the GPU's model, every evaluation a measurement
      const t2 = performance.now();
      const onGpu = nsga2(genome, (archs) => ({ accuracy: accuracy.predict(archs), latency: judge.predict(archs) }), { evaluations, seed });
      const gpuMs = performance.now() - t2;
      budgets.forEach((b, i) => answers.push({ target, seed, method: "nsga2 on the GPU", percentile: REGRET_PERCENTILES[i] as number, budgetMs: b, arch: pick(onGpu.evaluations, b), ms: gpuMs, measurements: evaluations }));
      // the judge: every subnet any method evaluated, at the GPU's model's latency
      const pool = [...new Set([...onGpu.evaluations.map((e) => e.arch), ...onPred.evaluations.map((e) => e.arch), ...answers.map((a) => a.arch)])];
      const lat = judge.predict(pool);
      const acc = accuracy.predict(pool);
      const index = new Map(pool.map((a, i) => [a, i]));
      for (const a of answers) {
        let best = Number.NEGATIVE_INFINITY;
        for (let j = 0; j < pool.length; j++) if ((lat[j] as number) <= a.budgetMs && (acc[j] as number) > best) best = acc[j] as number;
        const j = index.get(a.arch) as number;
        const over = (lat[j] as number) > a.budgetMs;
        runs.push({ ...a, accuracy: acc[j] as number, latencyMs: lat[j] as number, over, regret: Number.isFinite(best) ? Math.max(0, best - (acc[j] as number)) : 0 });
      }
    }
    options.onProgress?.(`optimize ofa: seed ${seed} done (optimizer ${(opt.training.ms / 1000).toFixed(1)} s, ${opt.training.epochs} epochs)`);
  }
  return { runs, training, heldOutSrcc: Object.fromEntries(split.targets.map((t) => [t, judges.get(t)?.heldOutSrcc ?? Number.NaN])) };
}

/** The smallest subnet at the smallest resolution: depth 2 everywhere, kernel 3 and expand 3. */
function smallestSubnet(resolutions: readonly number[]): string {
  return ofaFormat(ofaNormalize({ ks: Array(20).fill(3), e: Array(20).fill(3), d: [2, 2, 2, 2, 2], r: resolutions[0] as number }, "OFA optimize protocol"));
}

/** Means per (method, target) over seeds and budgets; target `all` over the targets. */
export interface OfaOptimizeSummary {
  readonly method: OfaOptimizeMethod;
  readonly target: string;
  readonly answers: number;
  readonly seeds: number;
  readonly regret: number;
  readonly violations: number;
  /** Median wall time per answer (ms); NSGA-II: per run. */
  readonly msPerAnswer: number;
  readonly measurements: number;
}

/**
 * Summaries of the runs.
 *
 * @example
 * ```ts
 * summariseOfaOptimize(runs).filter((s) => s.target === "all");
 * ```
 */
export function summariseOfaOptimize(runs: readonly OfaOptimizeRun[]): OfaOptimizeSummary[] {
  const groups = new Map<string, OfaOptimizeRun[]>();
  for (const r of runs)
    for (const key of [JSON.stringify([r.method, r.target]), JSON.stringify([r.method, "all"])]) {
      const g = groups.get(key);
      if (g) g.push(r);
      else groups.set(key, [r]);
    }
  return [...groups.entries()].map(([key, g]) => {
    const [method, target] = JSON.parse(key) as [OfaOptimizeMethod, string];
    return {
      method,
      target,
      answers: g.length,
      seeds: new Set(g.map((r) => r.seed)).size,
      regret: g.reduce((t, r) => t + r.regret, 0) / g.length,
      violations: g.filter((r) => r.over).length / g.length,
      msPerAnswer: quantiles(g.map((r) => r.ms), [0.5])[0] as number,
      measurements: g[0]?.measurements ?? 0,
    };
  });
}
