/**
 * The optimizer at HELP + MetaD2A's own latency constraints (HELP's Table 4:
 * 3 constraints on each of 5 unseen devices, CIFAR-100): each device
 * described by its 10 reference latencies only, the optimizer's first answer
 * judged on the true latency, beside the published answer and the exact
 * optimum under the constraint.
 */
import type { FetchOptions } from "../data/fetch.js";
import type { LatencyTable } from "../data/latency-table.js";
import { loadTable } from "../data/load.js";
import { budgetFrontier, optimumUnderBudget } from "../scale/exact-optima.js";
import { architectureOptimizer, OPTIMIZER_SYNTHETIC, type OptimizerSetup } from "../scale/optimizer-cache.js";
import { referenceRows } from "../scale/references.js";
import { firstAnswer } from "./optimize-protocol.js";
import { HELP_METAD2A_TABLE4, type MetaD2AAnswer } from "./published.js";
import { SCALE_SPLITS } from "./scale-protocol.js";

/** One answer at one of Table 4's constraints. */
export interface MetaD2AComparisonRun {
  readonly device: string;
  readonly constraintMs: number;
  readonly seed: number;
  readonly row: number;
  readonly arch: string;
  /** The answer's true latency (ms) and CIFAR-100 accuracy (%). */
  readonly latencyMs: number;
  readonly accuracy: number;
  readonly over: boolean;
  /** The best CIFAR-100 accuracy within the constraint on the true latency, over all rows. */
  readonly optimumAccuracy: number;
}

/** Options of {@link runMetaD2AComparison}. */
export interface MetaD2AComparisonOptions extends FetchOptions {
  readonly seeds?: number;
  /** `help-nb201` joined with `nb201-accuracy`, and the table before the join (default: loaded). */
  readonly table?: LatencyTable;
  readonly latencyTable?: LatencyTable;
  /** Model cache folder (default the user cache's `models/`), or `false` to train without one. */
  readonly modelCache?: string | false;
  /** Settings of the device-aware model and the optimizer (default the optimizer protocol's, so its cached CIFAR-100 optimizers are reused). */
  readonly optimizer?: Pick<OptimizerSetup, "model" | "network" | "synthetic">;
}

/**
 * Answers Table 4's 15 constraints with HELP's split's CIFAR-100 optimizer,
 * one per seed.
 *
 * @example
 * ```ts
 * const runs = await runMetaD2AComparison({ seeds: 3 });
 * runs.filter((r) => r.over).length; // answers over their constraint
 * ```
 */
export async function runMetaD2AComparison(options: MetaD2AComparisonOptions = {}): Promise<MetaD2AComparisonRun[]> {
  const fetch: FetchOptions = { ...(options.mirror !== undefined ? { mirror: options.mirror } : {}), ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}) };
  const split = SCALE_SPLITS.help;
  const latencyTable = options.latencyTable ?? (await loadTable(split.dataset, fetch));
  const table = options.table ?? latencyTable.join(await loadTable("nb201-accuracy", fetch));
  const acc = table.accuracy("cifar100");
  const refs = (await referenceRows(table, { pool: split.pool, ...fetch })).rows;
  const cache = options.modelCache === false ? { cache: false } : options.modelCache ? { cacheDir: options.modelCache } : {};
  const runs: MetaD2AComparisonRun[] = [];
  for (let seed = 0; seed < (options.seeds ?? 3); seed++) {
    const setup = { pool: split.pool, validation: split.validation, references: refs, accuracy: "cifar100", seed, latencyTable, ...options.optimizer, synthetic: options.optimizer?.synthetic ?? OPTIMIZER_SYNTHETIC, ...cache };
    const opt = await architectureOptimizer(table, setup);
    for (const c of HELP_METAD2A_TABLE4) {
      const lat = table.latency(c.device);
      const { row } = firstAnswer(opt, refs.map((r) => lat[r] as number), c.constraintMs, "network");
      const best = optimumUnderBudget(budgetFrontier(lat, acc), c.constraintMs);
      runs.push({ device: c.device, constraintMs: c.constraintMs, seed, row, arch: table.archAt(row), latencyMs: lat[row] as number, accuracy: acc[row] as number, over: (lat[row] as number) > c.constraintMs, optimumAccuracy: acc[best] as number });
    }
  }
  return runs;
}

/** One constraint of Table 4: the published answer and the optimizer's over the seeds. */
export interface MetaD2AComparisonRow {
  readonly published: MetaD2AAnswer;
  readonly optimumAccuracy: number;
  /** The optimizer's mean true latency (ms) and accuracy (%) over the seeds, and how many of its answers were over the constraint. */
  readonly latencyMs: number;
  readonly accuracy: number;
  readonly over: number;
  readonly seeds: number;
}

/**
 * Per constraint of Table 4, the optimizer's answers averaged over seeds.
 *
 * @example
 * ```ts
 * summariseMetaD2A(await runMetaD2AComparison({ seeds: 3 })).map((r) => r.accuracy - r.published.accuracy);
 * ```
 */
export function summariseMetaD2A(runs: readonly MetaD2AComparisonRun[]): MetaD2AComparisonRow[] {
  return HELP_METAD2A_TABLE4.flatMap((c) => {
    const g = runs.filter((r) => r.device === c.device && r.constraintMs === c.constraintMs);
    if (g.length === 0) return [];
    const mean = (f: (r: MetaD2AComparisonRun) => number) => g.reduce((a, r) => a + f(r), 0) / g.length;
    return [{ published: c, optimumAccuracy: (g[0] as MetaD2AComparisonRun).optimumAccuracy, latencyMs: mean((r) => r.latencyMs), accuracy: mean((r) => r.accuracy), over: g.filter((r) => r.over).length, seeds: g.length }];
  });
}
