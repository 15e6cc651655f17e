/**
 * Checks optimizer-protocol runs against the exact optimum: each run's regret
 * is the best accuracy within its budget on the true latency minus its
 * answer's (never below 0), and `over` says whether the answer is over budget.
 */
import { expect } from "vitest";
import type { LatencyTable } from "../../src/data/latency-table.js";
import type { OptimizeRun } from "../../src/experiments/optimize-protocol.js";
import { budgetFrontier, optimumUnderBudget } from "../../src/scale/exact-optima.js";

export function expectRegretAgainstOptimum(runs: readonly OptimizeRun[], table: LatencyTable, accuracy = "cifar10"): void {
  const acc = table.accuracy(accuracy);
  for (const r of runs) {
    const lat = table.latency(r.target);
    const best = acc[optimumUnderBudget(budgetFrontier(lat, acc), r.budgetMs)] as number;
    expect(r.regret).toBeCloseTo(Math.max(0, best - (acc[r.row] as number)), 12);
    expect(r.over).toBe((lat[r.row] as number) > r.budgetMs);
  }
}

/** A small HELP split and optimizer settings that keep protocol tests within a minute (three pool devices, two targets). */
export const TINY_SPLIT = { name: "tiny", dataset: "help-nb201", pool: ["1080ti_1", "silver_4114", "pixel3"], validation: ["titanx_1"], targets: ["pixel2", "fpga"] };
export const TINY_OPTIMIZER = { model: { epochs: 2, hidden: [16] }, network: { epochs: 3, hidden: [16] }, synthetic: 4 };
