import { beforeAll, describe, expect, it } from "vitest";
import { LatencyTable } from "../../src/data/latency-table.js";
import { loadTable } from "../../src/data/load.js";
import { clusterCut, clusterOrder } from "../../src/stats/cluster.js";
import { monotonicityMatrix, reorderMatrix } from "../../src/stats/monotonicity-matrix.js";
import { mirrorDir } from "../helpers/mirror.js";

let help: LatencyTable;
beforeAll(async () => {
  help = await loadTable("help-nb201", { mirror: mirrorDir() });
});

describe("clusterOrder", () => {
  it("clustering puts devices that rank alike together and is a permutation", () => {
    const m = monotonicityMatrix(help, { devices: ["titan_rtx_1", "pixel3", "titan_rtx_32", "raspi4", "titanx_1"] });
    const order = clusterOrder(m);
    expect([...order].sort()).toEqual([...m.devices].sort());
    // the three GPUs (pairwise SRCC >= 0.96) are contiguous, and so are pixel3 and raspi4 (0.967)
    const gpus = ["titan_rtx_1", "titan_rtx_32", "titanx_1"].map((d) => order.indexOf(d)).sort();
    expect((gpus[2] as number) - (gpus[0] as number)).toBe(2);
    expect(Math.abs(order.indexOf("pixel3") - order.indexOf("raspi4"))).toBe(1);
    const r = reorderMatrix(m, order);
    expect(r.devices).toEqual(order);
    expect(r.matrix[0]?.[0]).toBe(1);
  });
});

describe("clusterCut", () => {
  // two blocks that rank alike within (SRCC 0.95) and unlike across (0.2); d is half-way
  const devices = ["a1", "b1", "a2", "b2", "d"];
  const r = (x: string, y: string) => (x === y ? 1 : x[0] === y[0] ? 0.95 : x === "d" || y === "d" ? 0.5 : 0.2);
  const m = { method: "spearman" as const, devices, matrix: devices.map((x) => devices.map((y) => r(x, y))), pairs: devices.map(() => devices.map(() => 100)) };
  it("stops the same merging at the asked number of clusters, with the average distance between them", () => {
    const cut = clusterCut(m, 3);
    expect(cut.clusters).toEqual([["a1", "a2"], ["b1", "b2"], ["d"]]);
    expect(cut.distance[0]?.[1]).toBeCloseTo(0.8, 12);
    expect(cut.distance[0]?.[2]).toBeCloseTo(0.5, 12);
    expect(cut.distance[1]?.[1]).toBe(0);
    expect(clusterCut(m, 1).clusters[0]).toEqual(clusterOrder(m));
    expect(clusterCut(m, 5).clusters).toEqual(devices.map((d) => [d]));
    expect(() => clusterCut(m, 6)).toThrowError(/count 6; valid: an integer in 1..5/);
  });
});
