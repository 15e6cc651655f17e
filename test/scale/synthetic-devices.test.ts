import { beforeAll, describe, expect, it } from "vitest";
import type { LatencyTable } from "../../src/data/latency-table.js";
import { loadTable } from "../../src/data/load.js";
import { syntheticDevices, syntheticMonotonicity } from "../../src/scale/synthetic-devices.js";
import { quantiles } from "../../src/stats/quantile.js";
import { mirrorDir } from "../helpers/mirror.js";

let help: LatencyTable;
const pool = ["1080ti_1", "silver_4114", "pixel3", "eyeriss"];

beforeAll(async () => {
  help = await loadTable("help-nb201", { mirror: mirrorDir() });
}, 60_000);

describe("syntheticDevices", () => {
  it("mixes 2 or 3 pool devices with weights summing to 1, each row the weighted sum of median-normalised parents at a parent's speed", () => {
    const synth = syntheticDevices(help, pool, { count: 20, seed: 4 });
    expect(synth).toHaveLength(20);
    const medians = new Map(pool.map((d) => [d, quantiles(help.latencyView(d), [0.5])[0] as number]));
    for (const s of synth) {
      expect(s.parents.length === 2 || s.parents.length === 3).toBe(true);
      expect(s.parents.reduce((t, p) => t + p.weight, 0)).toBeCloseTo(1, 12);
      const row = 777;
      const mix = s.parents.reduce((t, p) => t + (p.weight * (help.latencyView(p.device)[row] as number)) / (medians.get(p.device) as number), 0);
      const speed = (s.latency[row] as number) / mix;
      expect(s.parents.some((p) => Math.abs((medians.get(p.device) as number) / speed - 1) < 1e-9)).toBe(true);
    }
  });
  it("is deterministic per seed, and different seeds give different devices", () => {
    const a = syntheticDevices(help, pool, { count: 3, seed: 1 });
    const b = syntheticDevices(help, pool, { count: 3, seed: 1 });
    const c = syntheticDevices(help, pool, { count: 3, seed: 2 });
    expect(a.map((s) => Array.from(s.latency))).toEqual(b.map((s) => Array.from(s.latency)));
    expect(Array.from((a[0] as { latency: Float64Array }).latency)).not.toEqual(Array.from((c[0] as { latency: Float64Array }).latency));
  });
  it("ranks like its parents but not exactly like any real device, and reports the nearest", () => {
    const synth = syntheticDevices(help, ["1080ti_1", "eyeriss"], { count: 5, seed: 0 });
    const m = syntheticMonotonicity(help, synth, help.deviceNames);
    for (const x of m) {
      expect(x.srcc).toBeGreaterThan(0.5);
      expect(x.srcc).toBeLessThan(0.9999);
      expect(help.deviceNames).toContain(x.nearest);
    }
  });
  it("typed errors: a pool of one, a bad count, an unknown device", () => {
    expect(() => syntheticDevices(help, ["pixel3"])).toThrowError(/the pool has 1 device\(s\); mixtures need at least 2/);
    expect(() => syntheticDevices(help, pool, { count: 1.5 })).toThrowError(/count 1.5 must be a non-negative integer/);
    expect(() => syntheticDevices(help, ["pixel3", "nokia_3310"])).toThrowError(/nokia_3310/);
  });
});
