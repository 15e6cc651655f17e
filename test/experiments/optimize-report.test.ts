import { describe, expect, it } from "vitest";
import { loadTable } from "../../src/data/load.js";
import { dissimilarOptimizeBlocks } from "../../src/experiments/optimize-report.js";
import type { OptimizeRun } from "../../src/experiments/optimize-protocol.js";
import { mirrorDir } from "../helpers/mirror.js";

describe("dissimilarOptimizeBlocks", () => {
  it("tables each split, pools every answer once and judges the pooled optimizer answers by the bars", async () => {
    const mirror = mirrorDir();
    const table = (await loadTable("help-nb201", { mirror })).join(await loadTable("nb201-accuracy", { mirror }));
    const run = (split: string, method: OptimizeRun["method"], regret: number, over: boolean): OptimizeRun => ({ split, accuracy: "cifar10", target: "pixel2", seed: 0, method, percentile: 0.5, budgetMs: 10, row: 0, regret, over, ms: 1 });
    const runs = [run("A", "optimizer", 0.2, true), run("A", "optimizer", 0.4, false), run("B", "optimizer", 0, false), run("B", "exhaustive on predictions", 0.1, true)];
    const { blocks, all } = dissimilarOptimizeBlocks({ runs, training: [], tables: { A: table, B: table } }, 3, 2500);
    expect(all).toEqual([
      { method: "optimizer", answers: 3, regret: expect.closeTo(0.2, 12), violations: 1 / 3 },
      { method: "exhaustive on predictions", answers: 1, regret: 0.1, violations: 1 },
    ]);
    const view = blocks.find((b) => b.kind === "table");
    expect(view && view.kind === "table" ? [view.view.columns, ...view.view.rows] : null).toEqual([
      ["split", "rows", "optimizer regret", "optimizer over %", "exhaustive on predictions regret", "exhaustive on predictions over %"],
      ["A", 15625, 0.3, 50, "", ""],
      ["B", 15625, 0, 0, 0.1, 100],
    ]);
    const lines = blocks.find((b) => b.kind === "lines");
    expect(lines && lines.kind === "lines" ? lines.lines : []).toEqual([
      "bar: optimizer, dissimilar-pool splits, CIFAR-10, mean regret <= 0.3 points: 0.200 -> met",
      "bar: optimizer, dissimilar-pool splits, CIFAR-10, answers over budget on the true latency <= 5 %: 33.3 % of 3 -> missed",
      "all splits, optimizer: regret 0.200 points, 33.3 % over budget (3 answers)",
      "all splits, exhaustive on predictions: regret 0.100 points, 100.0 % over budget (1 answers)",
      "time: 2.5 s",
    ]);
  }, 60_000);
});
