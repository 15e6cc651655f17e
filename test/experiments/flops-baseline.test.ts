import { describe, expect, it } from "vitest";
import { LatencyTable } from "../../src/data/latency-table.js";
import { loadTable } from "../../src/data/load.js";
import { InvalidArgumentError } from "../../src/errors.js";
import { flopsBaseline } from "../../src/experiments/flops-baseline.js";
import { nb201Cost, proxylessCost } from "../../src/measure/model-cost.js";
import { proxylessFormat, proxylessSample } from "../../src/spaces/proxyless.js";
import { seededRng } from "../../src/random.js";
import { mirrorDir } from "../helpers/mirror.js";

const ARCHS = ["|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|", "|nor_conv_1x1~0|+|nor_conv_1x1~0|nor_conv_1x1~1|+|nor_conv_1x1~0|nor_conv_1x1~1|nor_conv_1x1~2|", "|skip_connect~0|+|none~0|skip_connect~1|+|none~0|none~1|nor_conv_3x3~2|", "|avg_pool_3x3~0|+|none~0|avg_pool_3x3~1|+|none~0|none~1|skip_connect~2|"];

function table(devices: Record<string, number[]>): LatencyTable {
  return LatencyTable.create({ source: "toy.csv", space: "nb201", archs: ARCHS, devices: Object.entries(devices).map(([name, values]) => ({ info: { name, source: "toy.csv" }, values })) });
}

describe("flopsBaseline", () => {
  it("ranks a device whose latency grows with FLOPs at 1, the reverse at -1, over the rows with a latency", () => {
    const flops = ARCHS.map((a) => nb201Cost(a).flops);
    expect(new Set(flops).size).toBe(4);
    const rows = flopsBaseline(table({ up: flops.map((f) => 0.1 + f / 1e6), down: flops.map((f) => 1e9 / f), gap: [1, Number.NaN, 3, 4] }));
    expect(rows.map((r) => r.device)).toEqual(["up", "down", "gap"]);
    expect(rows[0]).toMatchObject({ flops: 1, rows: 4 });
    expect(rows[1]).toMatchObject({ flops: -1, rows: 4 });
    expect(rows[2]?.rows).toBe(3);
  });
  it("on HELP's 6 test devices, FLOPs rank far below a proxy device, as in HELP (its own FLOPs count: mean 0.787)", async () => {
    const help = await loadTable("help-nb201", { mirror: mirrorDir() });
    const rows = flopsBaseline(help, ["titan_rtx_256", "gold_6226", "fpga", "pixel2", "raspi4", "eyeriss"]);
    expect(rows.every((r) => r.rows === 15625)).toBe(true);
    // NAS-Bench-201's cells repeat over the 3 stages, so FLOPs and parameters are the same linear count of convolutions and rank alike
    expect(rows.every((r) => r.params === r.flops)).toBe(true);
    const byDevice = Object.fromEntries(rows.map((r) => [r.device, r.flops]));
    // the accelerator ranks least like FLOPs; every device below what a proxy device reaches after adaptation (results.md: 0.97 mean)
    expect(byDevice["eyeriss"]).toBeLessThan(0.6);
    expect(Math.min(...rows.map((r) => r.flops))).toBe(byDevice["eyeriss"]);
    expect(Math.max(...rows.map((r) => r.flops))).toBeLessThan(0.98);
    const mean = rows.reduce((a, r) => a + r.flops, 0) / rows.length;
    expect(mean).toBeGreaterThan(0.8);
    expect(mean).toBeLessThan(0.9);
  });
  it("computes ProxylessNAS networks' FLOPs too: a device whose latency is a FLOPs count ranks at 1", () => {
    const rng = seededRng(3);
    const archs = Array.from({ length: 40 }, () => proxylessFormat(proxylessSample(rng)));
    const flops = archs.map((a) => proxylessCost(a).flops);
    const t = LatencyTable.create({ source: "px.csv", space: "proxyless", archs, devices: [{ info: { name: "up", source: "px.csv" }, values: flops.map((f) => f / 1e6) }] });
    expect(flopsBaseline(t)).toEqual([expect.objectContaining({ device: "up", flops: 1, rows: 40 })]);
  });
  it("names a device the table lacks and a space without FLOPs", () => {
    expect(() => flopsBaseline(table({ up: [1, 2, 3, 4] }), ["pixel9"])).toThrowError(/toy.csv has no device "pixel9"; valid: up/);
    expect(() => flopsBaseline(table({ up: [1, 2, 3, 4] }), ["pixel9"])).toThrowError(InvalidArgumentError);
    const fbnet = LatencyTable.create({ source: "fb.csv", space: "fbnet", archs: [Array(22).fill("k3_e1").join("-")], devices: [{ info: { name: "up", source: "fb.csv" }, values: [1] }] });
    expect(() => flopsBaseline(fbnet)).toThrowError(/fb.csv is a fbnet table; FLOPs are computed for nb201, ofa-mbv3, proxyless/);
  });
});
