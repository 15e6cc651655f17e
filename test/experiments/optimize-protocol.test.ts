import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { firstAnswer, OPTIMIZE_METHODS, OPTIMIZE_OPTIONAL_METHODS, runOptimizeProtocol, summariseOptimize, type OptimizeSummary } from "../../src/experiments/optimize-protocol.js";
import { loadTable } from "../../src/data/load.js";
import { expectRegretAgainstOptimum, TINY_OPTIMIZER, TINY_SPLIT } from "../helpers/optimize-runs.js";
import { mirrorDir } from "../helpers/mirror.js";
import { adaptContext, adaptTarget } from "../../src/adapt/adapt.js";
import { architectureOptimizer } from "../../src/scale/optimizer-cache.js";
import { referenceRows } from "../../src/scale/references.js";
import { POOL_SIMILARITY_GATE } from "../../src/scale/architecture-optimizer.js";

const split = TINY_SPLIT;
const optimizer = TINY_OPTIMIZER;

describe("runOptimizeProtocol", () => {
  it("answers every target at the 9 budgets with each method, regret against the exact optimum, deterministically", async () => {
    const mirror = mirrorDir();
    const table = (await loadTable("help-nb201", { mirror })).join(await loadTable("nb201-accuracy", { mirror }));
    const options = { seeds: 1, accuracies: ["cifar10"], table, mirror, optimizer, modelCache: mkdtempSync(path.join(os.tmpdir(), "pnb-opt-")) };
    const { runs, training } = await runOptimizeProtocol(split, options);
    expect(training.map((t) => t.synthetic)).toEqual([4, 0]);
    expect(runs).toHaveLength(OPTIMIZE_METHODS.length * 2 * 9);
    expectRegretAgainstOptimum(runs, table);
    const acc = table.accuracy("cifar10");
    // the one-proxy pipeline: pixel3 adapted on the references, the most accurate row predicted within the budget less the optimizer's margin
    const latencyTable = await loadTable("help-nb201", { mirror });
    const refs = (await referenceRows(table, { pool: split.pool, mirror })).rows;
    const opt = await architectureOptimizer(table, { pool: split.pool, validation: split.validation, references: refs, accuracy: "cifar10", seed: 0, latencyTable, ...optimizer, cacheDir: options.modelCache });
    for (const target of split.targets) {
      const lat = table.latency(target);
      const adapted = adaptTarget(adaptContext(latencyTable, ["pixel3"]), (r) => lat[r] as number, { samples: refs.length, rows: refs, seed: 0, target }).predictions;
      // the margin of the optimizer's check on this device
      const sd = opt.checkedLatency(refs.map((r) => lat[r] as number)).marginSd;
      const limitOf = (b: number) => b * Math.exp(-(opt.margin.constant + opt.margin.perSd * sd));
      for (const r of runs.filter((x) => x.method === "one proxy, adapted on the references" && x.target === target)) {
        let best = -1;
        for (let q = 0; q < table.rows; q++) {
          const ok = refs.includes(q) ? (lat[q] as number) <= r.budgetMs : (adapted[q] as number) <= limitOf(r.budgetMs);
          if (ok && (best < 0 || (acc[q] as number) > (acc[best] as number))) best = q;
        }
        expect(best).toBeGreaterThanOrEqual(0);
        expect(acc[r.row]).toBe(acc[best]);
      }
    }
    // the same runs from the cached models, and without a cache
    const again = await runOptimizeProtocol(split, { ...options, modelCache: false });
    expect(again.runs.map((r) => [r.method, r.target, r.row])).toEqual(runs.map((r) => [r.method, r.target, r.row]));
    const s = summariseOptimize(runs, table);
    const all = s.find((x) => x.method === "optimizer" && x.target === "all") as OptimizeSummary;
    const mine = runs.filter((r) => r.method === "optimizer");
    expect(all.answers).toBe(18);
    expect(all.regret).toBeCloseTo(mine.reduce((t, r) => t + r.regret, 0) / 18, 12);
    expect(all.violations).toBe(mine.filter((r) => r.over).length / 18);
    expect(all.hvRatio).toBeGreaterThan(0);
    expect(all.hvRatio).toBeLessThanOrEqual(1);
  }, 240_000);
  it("runs only the methods asked for (the real-only optimizer trained only then), and names the valid ones for an unknown one", async () => {
    const mirror = mirrorDir();
    const table = (await loadTable("help-nb201", { mirror })).join(await loadTable("nb201-accuracy", { mirror }));
    const options = { seeds: 1, accuracies: ["cifar10"], table, mirror, optimizer, modelCache: mkdtempSync(path.join(os.tmpdir(), "pnb-opt-")) };
    const { runs, training } = await runOptimizeProtocol(split, { ...options, methods: ["optimizer", "one proxy, adapted on the references"] });
    expect(training.map((t) => t.synthetic)).toEqual([4]);
    expect([...new Set(runs.map((r) => r.method))]).toEqual(["optimizer", "one proxy, adapted on the references"]);
    expect(runs).toHaveLength(2 * 2 * 9);
    await expect(runOptimizeProtocol(split, { ...options, methods: ["grid search" as never] })).rejects.toThrowError(/method "grid search"; valid: optimizer, optimizer, real devices only, exhaustive on predictions.*optimizer, device-aware check/);
  }, 240_000);
  it("one check for every device, asked for only: the optimizer's answer checked with the device-aware adaptation on the same references, or with the device model; the default optimizer's is one of them, picked by the closest pool device", async () => {
    const mirror = mirrorDir();
    const latencyTable = await loadTable("help-nb201", { mirror });
    const table = latencyTable.join(await loadTable("nb201-accuracy", { mirror }));
    const modelCache = mkdtempSync(path.join(os.tmpdir(), "pnb-opt-"));
    expect(OPTIMIZE_METHODS).not.toContain("optimizer, device-aware check");
    const { runs } = await runOptimizeProtocol(split, { seeds: 1, accuracies: ["cifar10"], table, latencyTable, mirror, optimizer, modelCache, methods: ["optimizer", ...OPTIMIZE_OPTIONAL_METHODS] });
    expect([...new Set(runs.map((r) => r.method))]).toEqual(["optimizer", "optimizer, device-model check", "optimizer, device-aware check"]);
    expectRegretAgainstOptimum(runs, table);
    const refs = (await referenceRows(table, { pool: split.pool, mirror })).rows;
    const opt = await architectureOptimizer(table, { pool: split.pool, validation: split.validation, references: refs, accuracy: "cifar10", seed: 0, latencyTable, ...optimizer, cacheDir: modelCache });
    const ctx = adaptContext(latencyTable, split.pool, { deviceModel: opt.deviceModel });
    for (const target of split.targets) {
      const lat = table.latency(target);
      const logLatency = adaptTarget(ctx, (r) => lat[r] as number, { samples: refs.length, rows: refs, method: "device-aware", seed: 0, target }).predictions.map(Math.log);
      const mine = runs.filter((r) => r.method === "optimizer, device-aware check" && r.target === target);
      expect(mine).toHaveLength(9);
      const refMs = refs.map((q) => lat[q] as number);
      for (const r of mine) expect(r.row).toBe(firstAnswer(opt, refMs, r.budgetMs, "network", logLatency).row);
      const model = runs.filter((r) => r.method === "optimizer, device-model check" && r.target === target);
      for (const r of model) expect(r.row).toBe(firstAnswer(opt, refMs, r.budgetMs, "network", undefined, "device-model").row);
      const picked = opt.poolSimilarity(refMs).srcc >= POOL_SIMILARITY_GATE ? model : mine;
      expect(runs.filter((r) => r.method === "optimizer" && r.target === target).map((r) => r.row)).toEqual(picked.map((r) => r.row));
    }
  }, 240_000);
});
