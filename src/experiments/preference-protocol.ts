/**
 * The optimizer asked for a preference weight instead of a budget (issue's
 * "preference weight between accuracy and latency"): on each unseen device
 * of a split, described by its 10 reference latencies, weights 0.1 .. 0.9;
 * the answer's utility under the true latency against the exact optimum's
 * (`preferenceOptimum` over every architecture), for the optimizer's budget
 * sweep and for exhaustive search on the same calibrated predictions. The
 * optimizers are the optimize protocol's (same setup, so the same cache).
 */
import type { FetchOptions } from "../data/fetch.js";
import type { LatencyTable } from "../data/latency-table.js";
import { loadTable } from "../data/load.js";
import { architectureOptimizer, OPTIMIZER_SYNTHETIC, type OptimizerSetup } from "../scale/optimizer-cache.js";
import { accuracyRange, preferenceOptimum, preferenceScale, preferenceUtility } from "../scale/preference.js";
import { referenceRows } from "../scale/references.js";
import { SCALE_SPLITS, type ScaleSplit } from "./scale-protocol.js";

/**
 * The weights asked for: 0.1, 0.2, ..., 0.9.
 *
 * @example
 * ```ts
 * PREFERENCE_WEIGHTS.length; // 9
 * ```
 */
export const PREFERENCE_WEIGHTS: readonly number[] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/** How a preference is answered: the optimizer's sweep, or exhaustive search on the same predictions. */
export type PreferenceMethod = "optimizer" | "exhaustive on predictions";

/** One (target, seed, weight, method) answer. */
export interface PreferenceRun {
  readonly target: string;
  readonly seed: number;
  readonly weight: number;
  readonly method: PreferenceMethod;
  readonly row: number;
  /** The exact optimum's utility minus the answer's, both under the true latency (>= 0). */
  readonly regret: number;
  /** The answer's accuracy minus the optimum's (points) and its true latency over the optimum's. */
  readonly accuracyGap: number;
  readonly latencyRatio: number;
  readonly ms: number;
}

/**
 * Runs the preference protocol on CIFAR-10 (or `accuracy`).
 *
 * @example
 * ```ts
 * const runs = await runPreferenceProtocol(SCALE_SPLITS.help, { seeds: 3 });
 * summarisePreference(runs);
 * ```
 */
export async function runPreferenceProtocol(
  split: ScaleSplit = SCALE_SPLITS.help,
  options: FetchOptions & { readonly seeds?: number; readonly accuracy?: string; readonly table?: LatencyTable; readonly latencyTable?: LatencyTable; readonly modelCache?: string | false; readonly optimizer?: Pick<OptimizerSetup, "model" | "network" | "synthetic">; readonly onProgress?: (line: string) => void } = {},
): Promise<PreferenceRun[]> {
  const fetch: FetchOptions = { ...(options.mirror !== undefined ? { mirror: options.mirror } : {}), ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}) };
  const latencyTable = options.latencyTable ?? (await loadTable(split.dataset, fetch));
  const table = options.table ?? latencyTable.join(await loadTable("nb201-accuracy", fetch));
  const accuracy = options.accuracy ?? "cifar10";
  const acc = table.accuracy(accuracy);
  const range = accuracyRange(acc);
  const refs = (await referenceRows(table, { pool: split.pool, ...fetch })).rows;
  const cache = options.modelCache === false ? { cache: false } : options.modelCache ? { cacheDir: options.modelCache } : {};
  const runs: PreferenceRun[] = [];
  for (let seed = 0; seed < (options.seeds ?? 10); seed++) {
    const opt = await architectureOptimizer(table, { pool: split.pool, validation: split.validation, references: refs, accuracy, seed, latencyTable, ...options.optimizer, synthetic: options.optimizer?.synthetic ?? OPTIMIZER_SYNTHETIC, ...cache });
    for (const target of split.targets) {
      const lat = table.latency(target);
      const refMs = refs.map((r) => lat[r] as number);
      const scale = preferenceScale(range, refMs);
      for (const weight of PREFERENCE_WEIGHTS) {
        const best = preferenceOptimum(lat, acc, weight, scale);
        for (const method of ["optimizer", "exhaustive on predictions"] as const) {
          const t0 = performance.now();
          const row = (opt.answerPreference(refMs, weight, { top: 1, method: method === "optimizer" ? "network" : "exhaustive" }).answers[0] as { row: number }).row;
          const ms = performance.now() - t0;
          const l = lat[row] as number;
          const a = acc[row] as number;
          runs.push({ target, seed, weight, method, row, regret: Math.max(0, best.utility - preferenceUtility(l, a, weight, scale)), accuracyGap: a - (acc[best.row] as number), latencyRatio: l / (lat[best.row] as number), ms });
        }
      }
    }
    options.onProgress?.(`preference: seed ${seed} done`);
  }
  return runs;
}

/** Means per (method, weight); weight NaN: over every weight. */
export interface PreferenceSummary {
  readonly method: PreferenceMethod;
  readonly weight: number;
  readonly answers: number;
  readonly regret: number;
  /** Share of answers that are the exact optimum. */
  readonly exact: number;
  readonly meanAbsAccuracyGap: number;
  /** Geometric mean of the latency ratio. */
  readonly latencyRatio: number;
  /** Median ms per answer. */
  readonly ms: number;
}

/**
 * Summaries of {@link runPreferenceProtocol}'s runs.
 *
 * @example
 * ```ts
 * summarisePreference(runs).filter((s) => Number.isNaN(s.weight)); // over every weight
 * ```
 */
export function summarisePreference(runs: readonly PreferenceRun[]): PreferenceSummary[] {
  const out: PreferenceSummary[] = [];
  for (const method of ["optimizer", "exhaustive on predictions"] as const) {
    for (const weight of [Number.NaN, ...PREFERENCE_WEIGHTS]) {
      const g = runs.filter((r) => r.method === method && (Number.isNaN(weight) || r.weight === weight));
      if (!g.length) continue;
      const ms = g.map((r) => r.ms).sort((a, b) => a - b);
      out.push({
        method,
        weight,
        answers: g.length,
        regret: g.reduce((a, r) => a + r.regret, 0) / g.length,
        exact: g.filter((r) => r.regret === 0).length / g.length,
        meanAbsAccuracyGap: g.reduce((a, r) => a + Math.abs(r.accuracyGap), 0) / g.length,
        latencyRatio: Math.exp(g.reduce((a, r) => a + Math.log(r.latencyRatio), 0) / g.length),
        ms: ms[Math.floor(ms.length / 2)] as number,
      });
    }
  }
  return out;
}
