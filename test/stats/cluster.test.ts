import { beforeAll, describe, expect, it } from "vitest";
import { LatencyTable } from "../../src/data/latency-table.js";
import { loadTable } from "../../src/data/load.js";
import { clusterOrder } from "../../src/stats/cluster.js";
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
