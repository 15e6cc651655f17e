import { describe, expect, it } from "vitest";
import { loadTable } from "../../src/data/load.js";
import { autoCheckLine, dissimilarOptimizeBlocks } from "../../src/experiments/optimize-report.js";
import type { OptimizeRun } from "../../src/experiments/optimize-protocol.js";
import { mirrorDir } from "../helpers/mirror.js";

describe("dissimilarOptimizeBlocks", () => {
  it("tables each split, pools every answer once and judges the pooled optimizer answers by the bars", async () => {
    const mirror = mirrorDir();
    const table = (await loadTable("help-nb201", { mirror })).join(await loadTable("nb201-accuracy", { mirror }));
    const run = (split: string, method: OptimizeRun["method"], regret: number, over: boolean): OptimizeRun => ({ split, accuracy: "cifar10", target: "pixel2", seed: 0, method, percentile: 0.5, budgetMs: 10, row: 0, regret, over, ms: 1, ...(method === "optimizer" ? { check: "device-model" as const } : {}) });
    const runs = [run("A", "optimizer", 0.2, true), run("A", "optimizer", 0.4, false), run("B", "optimizer", 0, false), run("B", "exhaustive on predictions", 0.1, true), run("B", "optimizer, device-model check", 0.5, false)];
    const { blocks, all } = dissimilarOptimizeBlocks({ runs, training: [], tables: { A: table, B: table } }, 3, 2500);
    expect(all).toEqual([
      { method: "optimizer", answers: 3, regret: expect.closeTo(0.2, 12), violations: 1 / 3 },
      { method: "exhaustive on predictions", answers: 1, regret: 0.1, violations: 1 },
      { method: "optimizer, device-model check", answers: 1, regret: 0.5, violations: 0 },
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
      "all splits, optimizer, device-model check: regret 0.500 points, 0.0 % over budget (1 answers)",
      autoCheckLine(runs),
      "time: 2.5 s",
    ]);
  }, 60_000);

  it("autoCheckLine counts the devices x seeds each check took and times an adapted device's first answer apart from the others", () => {
    const run = (target: string, seed: number, ms: number, check: "device-model" | "device-aware"): OptimizeRun => ({ split: "help", accuracy: "cifar10", target, seed, method: "optimizer", percentile: 0.5, budgetMs: 10, row: 0, regret: 0, over: false, ms, check });
    const runs = [run("a", 0, 90, "device-aware"), run("a", 0, 3, "device-aware"), run("a", 0, 5, "device-aware"), run("b", 0, 2, "device-model"), run("b", 0, 4, "device-model"), run("a", 1, 70, "device-aware"), { ...run("a", 1, 900, "device-model"), accuracy: "cifar100" }];
    expect(autoCheckLine(runs)).toBe(
      "the optimizer's check (auto): the device model for 1 of 3 devices x seeds (a pool device ranks their reference latencies alike, SRCC >= 0.99), the device-aware adaptation on the same references for 2, made in such a device's first answer (median 80.0 ms) and kept for its other budgets (other answers: median 3.5 ms); mean 29.0 ms per answer",
    );
  });
});
