import { beforeAll, describe, expect, it } from "vitest";
import { adaptContext, adaptTarget, scoreAdaptation } from "../../src/adapt/adapt.js";
import { type AdaptContext } from "../../src/adapt/method.js";
import type { LatencyTable } from "../../src/data/latency-table.js";
import { loadTable } from "../../src/data/load.js";
import { mirrorDir } from "../helpers/mirror.js";
import { oneproxyContext } from "../helpers/oneproxy.js";

let oneproxy: LatencyTable;
let ctx: AdaptContext;
beforeAll(async () => ({ table: oneproxy, ctx } = await oneproxyContext()));

describe("prior knowledge", () => {
  it("devices related to the target are left out of the prior", async () => {
    const { relatedDevice } = await import("../../src/data/devices.js");
    expect(relatedDevice("eagle_gtx", "1080ti_256")).toBe(true);
    expect(relatedDevice("rice_fpga", "fpga")).toBe(true);
    expect(relatedDevice("eagle_gtx", "titan_rtx_1")).toBe(false);
    const help = await loadTable("help-nb201", { mirror: mirrorDir() });
    const target = oneproxy.latency("rice_fpga");
    // a prior holding only the target's alias must change nothing
    const onlyAlias = adaptContext(oneproxy, ["true_vpu"], { prior: help.selectDevices(["fpga"]) });
    const without = adaptTarget(ctx, (r) => target[r] as number, { samples: 20, seed: 4, target: "rice_fpga" });
    const withAlias = adaptTarget(onlyAlias, (r) => target[r] as number, { samples: 20, seed: 4, target: "rice_fpga" });
    expect(Array.from(withAlias.predictions)).toEqual(Array.from(without.predictions));
    // an unrelated prior device is used
    const other = adaptContext(oneproxy, ["true_vpu"], { prior: help.selectDevices(["titan_rtx_1", "raspi4"]) });
    const withOther = adaptTarget(other, (r) => target[r] as number, { samples: 20, seed: 4, target: "rice_fpga" });
    expect(Array.from(withOther.predictions)).not.toEqual(Array.from(without.predictions));
  });
});

describe("shared operation costs", () => {
  it("a target whose operations cost the same on every live edge is learnt from 12 samples", () => {
    // synthetic target: additive over live edges, one cost per operation, far from the proxy's ranking
    const cost = [0, 0.4, 1.1, 3.2, 0.9];
    const n = ctx.live.rows;
    const target = new Float64Array(n);
    for (let r = 0; r < n; r++) for (let f = 0; f < 30; f++) target[r] = (target[r] as number) + (ctx.live.data[r * 30 + f] as number) * (cost[f % 5] as number);
    const a = adaptTarget(ctx, (r) => target[r] as number, { samples: 12, seed: 3, method: "proxy-ridge" });
    const s = scoreAdaptation(ctx, a, target);
    expect(s.srccBefore).toBeLessThan(0.9);
    expect(s.srccAfter).toBeGreaterThan(0.99);
    // the shared block is the counts of each operation: all edges, then live edges
    expect(ctx.shared.cols).toBe(10);
    for (let r = 0; r < 50; r++) {
      let edges = 0;
      for (let c = 0; c < 5; c++) edges += ctx.shared.data[r * 10 + c] as number;
      expect(edges).toBe(6);
    }
  });
});
