import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { optimizerWalk } from "../../src/experiments/optimizer-walk.js";
import { loadTable } from "../../src/data/load.js";
import { architectureOptimizer } from "../../src/scale/optimizer-cache.js";
import { referenceRows } from "../../src/scale/references.js";
import { budgetFrontier, optimumUnderBudget } from "../../src/scale/exact-optima.js";
import { quantiles } from "../../src/stats/quantile.js";
import { mirrorDir } from "../helpers/mirror.js";

describe("optimizerWalk", () => {
  it("answers at each percentile budget of the device's true latencies, beside the exact optimum, with its regret and violations", async () => {
    const mirror = mirrorDir();
    const latencyTable = await loadTable("help-nb201", { mirror });
    const table = latencyTable.join(await loadTable("nb201-accuracy", { mirror }));
    const pool = ["1080ti_1", "silver_4114", "pixel3"];
    const refs = (await referenceRows(table, { pool, mirror })).rows;
    const opt = await architectureOptimizer(table, { pool, validation: ["titanx_1"], references: refs, accuracy: "cifar10", latencyTable, model: { epochs: 2, hidden: [16] }, network: { epochs: 3, hidden: [16] }, synthetic: 4, cacheDir: mkdtempSync(path.join(os.tmpdir(), "pnb-walk-")) });
    const w = optimizerWalk(opt, table, "fpga", refs, { percentiles: [0.2, 0.5, 0.8] });
    const lat = table.latency("fpga");
    const acc = table.accuracy("cifar10");
    expect(w.budgets).toEqual(quantiles(lat, [0.2, 0.5, 0.8]));
    const f = budgetFrontier(lat, acc);
    w.budgets.forEach((b, i) => {
      expect(w.optima[i]).toBe(optimumUnderBudget(f, b));
      const a = opt.answer(refs.map((r) => lat[r] as number), b, { top: 1 }).answers[0] as { row: number };
      expect(w.answers[i]).toBe(a.row);
      expect(w.regret[i]).toBeCloseTo(Math.max(0, (acc[w.optima[i] as number] as number) - (acc[a.row] as number)), 12);
      expect(w.over[i]).toBe((lat[a.row] as number) > b);
    });
    expect(() => optimizerWalk(opt, table, "fpga", refs, { percentiles: [1.5] })).toThrowError(/percentile 1.5; valid: a number in \(0, 1\)/);
  }, 240_000);
});
