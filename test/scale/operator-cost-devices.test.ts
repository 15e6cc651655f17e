import { beforeAll, describe, expect, it } from "vitest";
import type { LatencyTable } from "../../src/data/latency-table.js";
import { loadTable } from "../../src/data/load.js";
import { nb201Features } from "../../src/predict/nb201-features.js";
import { operatorCostDevices } from "../../src/scale/operator-cost-devices.js";
import { syntheticMonotonicity } from "../../src/scale/synthetic-devices.js";
import { mirrorDir } from "../helpers/mirror.js";

let help: LatencyTable;
const pool = ["1080ti_1", "silver_4114", "pixel3", "eyeriss"];

beforeAll(async () => {
  help = await loadTable("help-nb201", { mirror: mirrorDir() });
}, 60_000);

describe("operatorCostDevices", () => {
  it("unperturbed, with the parent's whole residual, a device is its parent (where above the floor)", () => {
    const synth = operatorCostDevices(help, ["1080ti_1"], { count: 12, seed: 5, operationSd: 0, edgeSd: 0, overhead: 0, residualShare: 1 });
    const parent = help.latencyView("1080ti_1");
    const fitted = synth.filter((d) => d.recipe.pruning === "fitted");
    expect(fitted.length).toBeGreaterThan(0);
    for (const s of fitted) {
      expect(s.recipe.operationFactors).toEqual([1, 1, 1, 1, 1]);
      expect(s.recipe.overheadMs).toBe(0);
      for (let r = 0; r < parent.length; r++) expect(s.latency[r]).toBeCloseTo(parent[r] as number, 9);
    }
  });
  it("'prune' makes dead edges free and 'execute' charges them: two cells differing only on a dead edge", () => {
    const synth = operatorCostDevices(help, pool, { count: 60, seed: 1, residualShare: 0 });
    // edge 3 (node 3 <- 0) is the only live edge of both; edge 2 (node 2 <- 1) is dead and holds a 3x3 conv or a pool
    const a = help.rowOfArch("|none~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|none~2|") as number;
    const b = help.rowOfArch("|none~0|+|none~0|avg_pool_3x3~1|+|skip_connect~0|none~1|none~2|") as number;
    expect(Array.from(nb201Features(help.archAt(a), "live"))).toEqual(Array.from(nb201Features(help.archAt(b), "live")));
    const pruned = synth.filter((s) => s.recipe.pruning === "prune");
    const executed = synth.filter((s) => s.recipe.pruning === "execute");
    expect(pruned.length).toBeGreaterThan(0);
    expect(executed.length).toBeGreaterThan(0);
    for (const s of pruned) expect(s.latency[a]).toBeCloseTo(s.latency[b] as number, 9);
    expect(executed.some((s) => Math.abs((s.latency[a] as number) - (s.latency[b] as number)) > 1e-3)).toBe(true);
  });
  it("ranks architectures as no real device does, and is deterministic per seed", () => {
    const a = operatorCostDevices(help, pool, { count: 10, seed: 0 });
    const b = operatorCostDevices(help, pool, { count: 10, seed: 0 });
    expect(a.map((s) => Array.from(s.latency))).toEqual(b.map((s) => Array.from(s.latency)));
    const m = syntheticMonotonicity(help, a, help.deviceNames);
    // some devices are new rankings: the nearest real device correlates under 0.9
    expect(m.some((x) => x.srcc < 0.9)).toBe(true);
    for (const s of a) for (const v of s.latency) expect(v).toBeGreaterThan(0);
  });
  it("typed errors: another space, an empty pool, a bad count or spread, an unknown device", async () => {
    expect(() => operatorCostDevices(help, [])).toThrowError(/the pool is empty/);
    expect(() => operatorCostDevices(help, pool, { count: -1 })).toThrowError(/count -1 must be a non-negative integer/);
    expect(() => operatorCostDevices(help, pool, { edgeSd: Number.NaN })).toThrowError(/edgeSd NaN must be a finite number >= 0/);
    expect(() => operatorCostDevices(help, pool, { residualShare: 2 })).toThrowError(/residualShare 2 must be in \[0, 1\]/);
    expect(() => operatorCostDevices(help, ["nokia_3310"])).toThrowError(/nokia_3310/);
    const ofa = await loadTable("help-ofa", { mirror: mirrorDir() });
    expect(() => operatorCostDevices(ofa, ofa.deviceNames.slice(0, 2))).toThrowError(/nb201 only/);
  });
});
