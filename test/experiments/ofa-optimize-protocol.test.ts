import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadOfaAccuracyPredictorWeights } from "../../src/data/load-lut.js";
import { loadTable } from "../../src/data/load.js";
import type { LatencyTable } from "../../src/data/latency-table.js";
import { InvalidArgumentError } from "../../src/errors.js";
import { OFA_OPTIMIZE_METHODS, runOfaOptimizeProtocol, summariseOfaOptimize, type OfaOptimizeRun } from "../../src/experiments/ofa-optimize-protocol.js";
import { fitOfaTargetModels } from "../../src/experiments/ofa-space-protocol.js";
import type { ScaleSplit } from "../../src/experiments/scale-protocol.js";
import { OFA_ACCURACY_RESOLUTIONS, OfaAccuracyPredictor } from "../../src/predict/ofa-accuracy-predictor.js";
import { REGRET_PERCENTILES } from "../../src/stats/front-metrics.js";
import { ofaParse } from "../../src/spaces/ofa.js";
import { mirrorDir } from "../helpers/mirror.js";

const split: ScaleSplit = { name: "tiny-ofa", dataset: "help-ofa", pool: ["2080ti_1", "v100_32"], validation: ["titan_rtx_1"], targets: ["titan_xp_64", "v100_64"] };
const optimizer = { mixtures: 2, model: { epochs: 3, hidden: [32] }, network: { evaluations: 120, budgetsPerDevice: 8, hidden: [32], epochs: 3 } } as const;
let table: LatencyTable;
let runs: OfaOptimizeRun[];
const options = () => ({ seeds: 1, split, table, mirror: mirrorDir(), evaluations: 150, optimizer, modelCache: mkdtempSync(path.join(os.tmpdir(), "pnb-ofa-opt-")) });

beforeAll(async () => {
  table = await loadTable("help-ofa", { mirror: mirrorDir() });
  runs = (await runOfaOptimizeProtocol(options())).runs;
}, 240_000);

describe("runOfaOptimizeProtocol", () => {
  it("answers every target at the 9 budgets (its measured latencies' 10th..90th percentiles) with each method, at the accuracy predictor's resolutions", () => {
    expect(runs).toHaveLength(OFA_OPTIMIZE_METHODS.length * split.targets.length * 9);
    for (const target of split.targets) {
      const lat = Array.from(table.latency(target)).filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
      const mine = runs.filter((r) => r.target === target && r.method === "optimizer");
      expect(mine.map((r) => r.percentile)).toEqual([...REGRET_PERCENTILES]);
      for (const r of mine) expect(r.budgetMs).toBeGreaterThanOrEqual(lat[0] as number);
    }
    for (const r of runs) expect(OFA_ACCURACY_RESOLUTIONS).toContain(ofaParse(r.arch).r);
    expect(runs.filter((r) => r.method === "optimizer").every((r) => r.measurements === 10)).toBe(true);
    expect(runs.filter((r) => r.method === "nsga2 on the GPU").every((r) => r.measurements === 150)).toBe(true);
  });

  it("judges each answer by the GPU's ridge model and OFA's predictor; regret >= 0 against the best any method evaluated; search on the GPU within the budget", async () => {
    const judges = new Map((await fitOfaTargetModels({ mirror: mirrorDir() })).map((m) => [m.name, m]));
    const acc = OfaAccuracyPredictor.create(await loadOfaAccuracyPredictorWeights({ mirror: mirrorDir() }));
    for (const r of runs) {
      const lat = judges.get(r.target)?.predict([r.arch])[0] as number;
      expect(r.latencyMs).toBeCloseTo(lat, 9);
      expect(r.over).toBe(lat > r.budgetMs);
      expect(r.accuracy).toBeCloseTo(acc.predict([r.arch])[0] as number, 9);
      expect(r.regret).toBeGreaterThanOrEqual(0);
    }
    // the GPU's own search picks within the budget wherever it evaluated a subnet there (at the median budget and above, with 150 evaluations)
    expect(runs.filter((r) => r.method === "nsga2 on the GPU" && r.percentile >= 0.5).some((r) => r.over)).toBe(false);
    // within one (target, budget), an answer no worse than another within the budget has no more regret
    for (const target of split.targets)
      for (const p of REGRET_PERCENTILES) {
        const g = runs.filter((r) => r.target === target && r.percentile === p && !r.over);
        for (const a of g) for (const b of g) if (a.accuracy >= b.accuracy) expect(a.regret).toBeLessThanOrEqual(b.regret + 1e-9);
      }
  });

  it("is seeded: the same seed answers the same subnets", async () => {
    const again = (await runOfaOptimizeProtocol(options())).runs;
    expect(again.map((r) => [r.method, r.target, r.arch, r.regret])).toEqual(runs.map((r) => [r.method, r.target, r.arch, r.regret]));
  }, 240_000);

  it("summarises per method and target, and over all targets", () => {
    const s = summariseOfaOptimize(runs);
    for (const method of OFA_OPTIMIZE_METHODS) {
      const all = s.find((x) => x.method === method && x.target === "all");
      const mine = runs.filter((r) => r.method === method);
      expect(all?.answers).toBe(mine.length);
      expect(all?.regret).toBeCloseTo(mine.reduce((a, r) => a + r.regret, 0) / mine.length, 12);
      expect(all?.violations).toBeCloseTo(mine.filter((r) => r.over).length / mine.length, 12);
    }
  });

  it("takes Once-for-All tables only", async () => {
    const nb = await loadTable("help-nb201", { mirror: mirrorDir() });
    await expect(runOfaOptimizeProtocol({ ...options(), table: nb })).rejects.toThrow(InvalidArgumentError);
    await expect(runOfaOptimizeProtocol({ ...options(), table: nb })).rejects.toThrow(/nb201 table.*help-ofa/);
  });
});
