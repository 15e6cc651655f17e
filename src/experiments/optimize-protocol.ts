/**
 * The optimizer protocol (`npm run eval -- --protocol optimize`): on HELP's
 * 6 unseen NAS-Bench-201 devices, each described by its 10 reference
 * measurements only, at budgets the 10th..90th percentiles of the device's
 * true latencies, the architecture optimizer's answer against the exact
 * optimum under the true latency; beside it, exhaustive search and NSGA-II on
 * the same calibrated predictions with the same feasibility margin, the
 * optimizer trained without synthetic devices, and the first paper's
 * one-proxy pipeline on the same 10 measurements.
 *
 * Regret of an answer: best accuracy within the budget minus the answer's
 * accuracy, in points, never below 0 (an answer over budget is counted as a
 * violation, not as a gain). Hypervolume: of one device's answers over the 9
 * budgets, under the true latencies, as a share of the whole table's.
 */
import type { FetchOptions } from "../data/fetch.js";
import type { LatencyTable } from "../data/latency-table.js";
import { loadTable } from "../data/load.js";
import { BudgetBelowFastestError, type ArchitectureOptimizer, type FeasibilityCheck } from "../scale/architecture-optimizer.js";
import { budgetFrontier, optimumUnderBudget } from "../scale/exact-optima.js";
import { architectureOptimizer, OPTIMIZER_SYNTHETIC, type OptimizerSetup } from "../scale/optimizer-cache.js";
import { referenceRows, type ReferenceChoice } from "../scale/references.js";
import { nsga2 } from "../search/nsga2.js";
import { adaptContext, adaptTarget } from "../adapt/adapt.js";
import { InvalidArgumentError } from "../errors.js";
import { NB201_GENOME } from "../search/genome.js";
import { frontMetrics, frontReference, REGRET_PERCENTILES } from "../stats/front-metrics.js";
import { quantiles } from "../stats/quantile.js";
import { SCALE_SPLITS, type ScaleSplit } from "./scale-protocol.js";
import { NB201_ACCURACIES } from "./search-protocol.js";

/** What answers a (device, budget): the optimizer, or a search on the same calibrated predictions. */
export type OptimizeMethod = "optimizer" | "optimizer, real devices only" | "optimizer, device-aware check" | "optimizer, device-model check" | "exhaustive on predictions" | "nsga2 on predictions" | "one proxy, adapted on the references";

/**
 * The methods, in report order.
 *
 * @example
 * ```ts
 * OPTIMIZE_METHODS[0]; // "optimizer"
 * ```
 */
export const OPTIMIZE_METHODS: readonly OptimizeMethod[] = ["optimizer", "optimizer, real devices only", "exhaustive on predictions", "nsga2 on predictions", "one proxy, adapted on the references"];

/**
 * Methods run only when asked for (`methods`), not by default: the
 * optimizer's network with one feasibility check for every device instead
 * of the `auto` check's choice: the `device-aware` adaptation on the same 10
 * reference latencies (one adaptation per device, counted in each answer),
 * or the calibrated device model alone.
 *
 * @example
 * ```ts
 * await runOptimizeProtocol(SCALE_SPLITS.help, { methods: ["optimizer", ...OPTIMIZE_OPTIONAL_METHODS] });
 * ```
 */
export const OPTIMIZE_OPTIONAL_METHODS: readonly OptimizeMethod[] = ["optimizer, device-aware check", "optimizer, device-model check"];

/**
 * The first paper's pipeline at the same 10 target measurements: one proxy
 * (the search protocol's, pixel3) adapted on the device's reference
 * latencies (`proxy-ensemble-bagged`), then the most accurate row whose
 * adapted prediction is within the budget, with the optimizer's margin.
 */
const ONE_PROXY = "pixel3";

/** NSGA-II's evaluations per device in the protocol (a front for all 9 budgets). */
const NSGA2_EVALUATIONS = 1000;

/** One answer. */
export interface OptimizeRun {
  readonly split: string;
  readonly accuracy: string;
  readonly target: string;
  readonly seed: number;
  readonly method: OptimizeMethod;
  /** Budget as a percentile of the target's true latencies, and in ms. */
  readonly percentile: number;
  readonly budgetMs: number;
  readonly row: number;
  /** Accuracy points below the exact optimum within the budget (>= 0). */
  readonly regret: number;
  /** Whether the answer's true latency is over the budget. */
  readonly over: boolean;
  /** Wall time of the answer (ms); NSGA-II: one run, which serves every budget of the device. */
  readonly ms: number;
  /** `optimizer` (the auto check) only: the predictor that checked the device's answers; a device-aware adaptation is made in the device's first answer and kept for the others. */
  readonly check?: "device-model" | "device-aware";
}

/** Training cost per seed and accuracy. */
export interface OptimizeTraining {
  readonly accuracy: string;
  readonly seed: number;
  readonly synthetic: number;
  readonly ms: number;
  readonly epochs: number;
  /** The feasibility margin the optimizer applies. */
  readonly margin: { readonly constant: number; readonly perSd: number };
}

/** Options of {@link runOptimizeProtocol}. */
export interface OptimizeProtocolOptions extends FetchOptions {
  readonly seeds?: number;
  /** Accuracy columns (default: all three of NAS-Bench-201). */
  readonly accuracies?: readonly string[];
  /** Seeds for the accuracies after the first (default: `seeds`; 0 runs the first alone). */
  readonly otherAccuracySeeds?: number;
  /** The split's table joined with the NAS-Bench-201 accuracies (default: loaded), and the table before the join, on which the device-aware model is trained and cached (shared with the scale protocol). */
  readonly table?: LatencyTable;
  readonly latencyTable?: LatencyTable;
  /** Model cache folder, or `false` to train without one. */
  readonly modelCache?: string | false;
  /** Settings of the device-aware model and the optimizer's network, and the synthetic count (default `OPTIMIZER_SYNTHETIC`). */
  readonly optimizer?: Pick<OptimizerSetup, "model" | "network" | "synthetic">;
  /** The methods to run (default `OPTIMIZE_METHODS`, all); the real-only optimizer is trained only when it is among them. */
  readonly methods?: readonly OptimizeMethod[];
  /** The reference set (default `auto`: HELP's); `greedy` chooses it on the pool and validation devices. */
  readonly references?: ReferenceChoice;
  readonly onProgress?: (line: string) => void;
}

/**
 * Runs the protocol on a split (default HELP's).
 *
 * @example
 * ```ts
 * const { runs } = await runOptimizeProtocol(SCALE_SPLITS.help, { seeds: 2, accuracies: ["cifar10"] });
 * summariseOptimize(runs);
 * ```
 */
export async function runOptimizeProtocol(split: ScaleSplit = SCALE_SPLITS.help, options: OptimizeProtocolOptions = {}): Promise<{ runs: OptimizeRun[]; training: OptimizeTraining[] }> {
  const fetch: FetchOptions = { ...(options.mirror !== undefined ? { mirror: options.mirror } : {}), ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}) };
  const latencyTable = options.latencyTable ?? (await loadTable(split.dataset, fetch));
  const table = options.table ?? latencyTable.join(await loadTable("nb201-accuracy", fetch));
  const choice = options.references ?? "auto";
  const refs = (await referenceRows(table, { pool: choice === "greedy" ? [...split.pool, ...(split.validation ?? [])] : split.pool, choice, ...fetch })).rows;
  const seeds = options.seeds ?? 10;
  const accuracies = options.accuracies ?? NB201_ACCURACIES;
  const cache = options.modelCache === false ? { cache: false } : options.modelCache ? { cacheDir: options.modelCache } : {};
  const runs: OptimizeRun[] = [];
  const training: OptimizeTraining[] = [];
  accuracies.forEach((a) => table.accuracy(a));
  const methods = new Set(options.methods ?? OPTIMIZE_METHODS);
  const valid = [...OPTIMIZE_METHODS, ...OPTIMIZE_OPTIONAL_METHODS];
  const unknown = [...methods].find((m) => !valid.includes(m));
  if (unknown !== undefined) throw new InvalidArgumentError(`optimize protocol: method ${JSON.stringify(unknown)}; valid: ${valid.join(", ")}`);
  // the one-proxy pipeline's context (the proxy's operator fits), built only when that method runs
  const proxyCtx = methods.has("one proxy, adapted on the references") ? adaptContext(latencyTable, [ONE_PROXY]) : undefined;
  for (const [ai, accuracy] of accuracies.entries()) {
    const acc = table.accuracy(accuracy);
    const n = ai === 0 ? seeds : Math.min(seeds, options.otherAccuracySeeds ?? seeds);
    for (let seed = 0; seed < n; seed++) {
      const synthetic = options.optimizer?.synthetic ?? OPTIMIZER_SYNTHETIC;
      const setup = { pool: split.pool, validation: split.validation, references: refs, accuracy, seed, latencyTable, ...options.optimizer, synthetic, ...cache };
      const opt = await architectureOptimizer(table, setup);
      const realOnly = methods.has("optimizer, real devices only") ? await architectureOptimizer(table, { ...setup, synthetic: 0 }) : undefined;
      training.push({ accuracy, seed, synthetic, ms: opt.training.ms, epochs: opt.training.epochs, margin: opt.margin });
      if (realOnly) training.push({ accuracy, seed, synthetic: 0, ms: realOnly.training.ms, epochs: realOnly.training.epochs, margin: realOnly.margin });
      for (const target of split.targets) {
        const lat = table.latency(target);
        const refMs = refs.map((r) => lat[r] as number);
        const frontier = budgetFrontier(lat, acc);
        const budgets = quantiles(lat, REGRET_PERCENTILES);
        const push = (method: OptimizeMethod, i: number, row: number, ms: number, check?: "device-model" | "device-aware" | "given") => {
          const b = budgets[i] as number;
          const best = acc[optimumUnderBudget(frontier, b)] as number;
          runs.push({ split: split.name, accuracy, target, seed, method, percentile: REGRET_PERCENTILES[i] as number, budgetMs: b, row, regret: Math.max(0, best - (acc[row] as number)), over: (lat[row] as number) > b, ms, ...(method === "optimizer" && check !== undefined && check !== "given" ? { check } : {}) });
        };
        const answerWith = (o: ArchitectureOptimizer, method: OptimizeMethod, how: "network" | "exhaustive", check: FeasibilityCheck = "auto") =>
          budgets.forEach((b, i) => {
            const t0 = performance.now();
            const a = firstAnswer(o, refMs, b, how, undefined, check);
            push(method, i, a.row, performance.now() - t0, a.check);
          });
        if (methods.has("optimizer")) answerWith(opt, "optimizer", "network");
        if (methods.has("optimizer, device-model check")) answerWith(opt, "optimizer, device-model check", "network", "device-model");
        if (realOnly) answerWith(realOnly, "optimizer, real devices only", "network");
        if (methods.has("optimizer, device-aware check")) {
          // one adaptation per device on the 10 reference latencies (kept by the optimizer for the device's answers), counted in each of them
          const tAdapt = performance.now();
          opt.deviceAwareLogLatency(refMs);
          const adaptMs = performance.now() - tAdapt;
          budgets.forEach((b, i) => {
            const t0 = performance.now();
            const { row } = firstAnswer(opt, refMs, b, "network", undefined, "device-aware");
            push("optimizer, device-aware check", i, row, adaptMs + performance.now() - t0);
          });
        }
        if (methods.has("exhaustive on predictions")) answerWith(opt, "exhaustive on predictions", "exhaustive");
        const searched = methods.has("nsga2 on predictions");
        if (!searched && !proxyCtx) continue;
        // every row's prediction by the optimizer's check (the auto check's: the calibrated device model, or the adaptation for a device unlike the pool), which NSGA-II searches (its time counts it, as the exhaustive search's does), and the device's margin, which both baselines apply
        const t0 = performance.now();
        const { latencyMs, marginSd } = opt.checkedLatency(refMs);
        const predictMs = performance.now() - t0;
        const logMargin = opt.margin.constant + opt.margin.perSd * marginSd;
        if (searched) {
          // NSGA-II on the calibrated predictions, one run per device, answered at each budget from its front with the same margin
          const t1 = performance.now();
          const run = nsga2(NB201_GENOME, (archs) => ({ accuracy: archs.map((s) => acc[table.rowOfArch(s) as number] as number), latency: archs.map((s) => latencyMs[table.rowOfArch(s) as number] as number) }), { evaluations: NSGA2_EVALUATIONS, seed });
          const ms = predictMs + performance.now() - t1;
          budgets.forEach((b, i) => {
            const ok = run.evaluations.filter((e) => e.latency <= b * Math.exp(-logMargin));
            const pick = ok.length ? ok.reduce((x, y) => (y.accuracy > x.accuracy ? y : x)) : run.evaluations.reduce((x, y) => (y.latency < x.latency ? y : x));
            push("nsga2 on predictions", i, table.rowOfArch(pick.arch) as number, ms);
          });
        }
        if (proxyCtx) {
          // the one-proxy pipeline on the same 10 measurements: one adaptation per device, counted in each of its answers
          const tAdapt = performance.now();
          const adapted = adaptTarget(proxyCtx, (r) => lat[r] as number, { samples: refs.length, rows: refs, seed, target }).predictions;
          const adaptMs = performance.now() - tAdapt;
          const measuredRef = new Set(refs);
          const predicted = (r: number) => (measuredRef.has(r) ? (lat[r] as number) : (adapted[r] as number));
          budgets.forEach((b, i) => {
            const t2 = performance.now();
            const limit = b * Math.exp(-logMargin);
            let pick = -1;
            let fastest = 0;
            for (let r = 0; r < adapted.length; r++) {
              if (predicted(r) < predicted(fastest)) fastest = r;
              if ((measuredRef.has(r) ? predicted(r) <= b : predicted(r) <= limit) && (pick < 0 || (acc[r] as number) > (acc[pick] as number))) pick = r;
            }
            push("one proxy, adapted on the references", i, pick >= 0 ? pick : fastest, adaptMs + performance.now() - t2);
          });
        }
      }
      options.onProgress?.(`optimize: ${accuracy} seed ${seed} done (optimizer ${(opt.training.ms / 1000).toFixed(1)} s, margin ${opt.margin.constant} + ${opt.margin.perSd} sd)`);
    }
  }
  return { runs, training };
}

/** The optimizer's first answer's row and the predictor that checked it (`logLatency` when given, else `check`'s pick); the fastest predicted architecture when the budget is below every prediction (then an answer over budget, counted as such). */
export function firstAnswer(o: ArchitectureOptimizer, refMs: readonly number[], budget: number, method: "network" | "exhaustive", logLatency?: Float64Array, check: FeasibilityCheck = "auto"): { row: number; check: "device-model" | "device-aware" | "given" } {
  try {
    const a = o.answer(refMs, budget, { top: 1, method, check, ...(logLatency ? { logLatency } : {}) });
    return { row: (a.answers[0] as { row: number }).row, check: a.check };
  } catch (e) {
    if (!(e instanceof BudgetBelowFastestError)) throw e;
    // ln ms when given, else ms: the fastest row either way
    const checked = logLatency ? undefined : o.checkedLatency(refMs, check);
    const predicted = logLatency ?? (checked as { latencyMs: Float64Array }).latencyMs;
    let best = 0;
    predicted.forEach((v, r) => {
      if (v < (predicted[best] as number)) best = r;
    });
    return { row: best, check: checked?.check ?? "given" };
  }
}

/** Means per (accuracy, method, target) over seeds and budgets; target `all` over the split's targets. */
export interface OptimizeSummary {
  readonly accuracy: string;
  readonly method: OptimizeMethod;
  readonly target: string;
  readonly answers: number;
  readonly seeds: number;
  /** Mean regret (points), share of answers over budget, median ms per answer. */
  readonly regret: number;
  readonly violations: number;
  readonly msPerAnswer: number;
  /** Mean over seeds of the hypervolume share of a device's 9 answers (true latencies). */
  readonly hvRatio: number;
}

/**
 * Summaries of the runs, with the hypervolume of each (target, seed)'s answers.
 *
 * @example
 * ```ts
 * summariseOptimize(runs, table).filter((s) => s.target === "all");
 * ```
 */
export function summariseOptimize(runs: readonly OptimizeRun[], table: LatencyTable): OptimizeSummary[] {
  const groups = new Map<string, OptimizeRun[]>();
  const add = (key: string, r: OptimizeRun) => {
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  };
  for (const r of runs) {
    add(JSON.stringify([r.accuracy, r.method, r.target]), r);
    add(JSON.stringify([r.accuracy, r.method, "all"]), r);
  }
  const refs = new Map<string, ReturnType<typeof frontReference>>();
  const refOf = (target: string, accuracy: string) => {
    const k = `${target}\u0000${accuracy}`;
    let ref = refs.get(k);
    if (!ref) refs.set(k, (ref = frontReference(table.latency(target), table.accuracy(accuracy))));
    return ref;
  };
  return [...groups.entries()].map(([key, g]) => {
    const [accuracy, method, target] = JSON.parse(key) as [string, OptimizeMethod, string];
    const sets = new Map<string, { target: string; rows: number[] }>();
    for (const r of g) {
      const k = `${r.target}\u0000${r.seed}`;
      const s = sets.get(k);
      if (s) s.rows.push(r.row);
      else sets.set(k, { target: r.target, rows: [r.row] });
    }
    const hv = [...sets.values()].map((s) => frontMetrics(refOf(s.target, accuracy), s.rows).hvRatio);
    return {
      accuracy,
      method,
      target,
      answers: g.length,
      seeds: new Set(g.map((r) => r.seed)).size,
      regret: g.reduce((t, r) => t + r.regret, 0) / g.length,
      violations: g.filter((r) => r.over).length / g.length,
      msPerAnswer: quantiles(g.map((r) => r.ms), [0.5])[0] as number,
      hvRatio: hv.reduce((a, b) => a + b, 0) / hv.length,
    };
  });
}
