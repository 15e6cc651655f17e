import { beforeAll, describe, expect, it } from "vitest";
import type { LatencyTable } from "../../src/data/latency-table.js";
import { loadTable } from "../../src/data/load.js";
import { adaptedProxyRow, HW_NAS_BENCH_PROXY, HW_NAS_BENCH_TARGETS } from "../../src/experiments/adapted-row.js";
import { spearman } from "../../src/stats/correlation.js";
import { mirrorDir } from "../helpers/mirror.js";

let op: LatencyTable;
beforeAll(async () => {
  op = await loadTable("oneproxy-nb201", { mirror: mirrorDir() });
});

describe("adaptedProxyRow", () => {
  it("gives Pixel 3's SRCC with each HW-NAS-Bench device before adaptation, and raises the weakest after 20 samples", () => {
    const row = adaptedProxyRow(op, HW_NAS_BENCH_PROXY, HW_NAS_BENCH_TARGETS, { k: 20, seeds: 2 });
    expect(Object.keys(row.srcc)).toEqual([...HW_NAS_BENCH_TARGETS]);
    expect(row.before["rice_edgegpu"]).toBeCloseTo(spearman(op.latency("rice_pixel3"), op.latency("rice_edgegpu")).value, 12);
    // EdgeGPU ranks least like Pixel 3 (about 0.5); 20 samples bring it above 0.75
    expect(row.before["rice_edgegpu"]).toBeLessThan(0.55);
    expect(row.srcc["rice_edgegpu"]).toBeGreaterThan(0.75);
    expect(row).toMatchObject({ proxy: "rice_pixel3", method: "proxy-ensemble-bagged", k: 20, seeds: 2 });
    expect(adaptedProxyRow(op, HW_NAS_BENCH_PROXY, HW_NAS_BENCH_TARGETS, { k: 20, seeds: 2 })).toEqual(row);
  });
  it("refuses the proxy as a target, a bad seed count and an unknown device", () => {
    expect(() => adaptedProxyRow(op, "rice_pixel3", ["rice_pixel3"])).toThrowError(/rice_pixel3 is both the proxy and a target/);
    expect(() => adaptedProxyRow(op, "rice_pixel3", ["rice_fpga"], { seeds: 0 })).toThrowError(/seeds 0; valid: an integer >= 1/);
    expect(() => adaptedProxyRow(op, "rice_pixel3", ["pixel9"])).toThrowError(/pixel9/);
  });
});
