import { beforeAll, describe, expect, it } from "vitest";
import { adaptContext, adaptTarget } from "../../src/adapt/adapt.js";
import type { AdaptContext, DeviceModel } from "../../src/adapt/method.js";
import type { LatencyTable } from "../../src/data/latency-table.js";
import { seededRng } from "../../src/random.js";
import { spearman } from "../../src/stats/correlation.js";
import { oneproxyContext } from "../helpers/oneproxy.js";

let table: LatencyTable;
let base: AdaptContext;
beforeAll(async () => ({ table, ctx: base } = await oneproxyContext()));

/** A device model that knows the answer (the target's own latencies), or one that answers noise. */
const fake = (rows: number, refs: number[], log: Float64Array): DeviceModel => ({ rows, referenceRows: refs, predictLog: () => log.slice() });

describe("device-aware (with stand-in device models)", () => {
  it("weights a device model that knows the target near 1 and one that answers noise near 0, from the samples alone", () => {
    const target = table.latency("eagle_gtx");
    const refs = [3, 50, 400, 900, 1500];
    const truth = Float64Array.from(target, (v) => Math.log(v));
    const rng = seededRng(5);
    const noise = Float64Array.from(target, () => rng.next() * 5);
    const measure = (r: number) => target[r] as number;
    const good = adaptTarget(adaptContext(table, ["true_vpu"], { deviceModel: fake(table.rows, refs, truth) }), measure, { samples: 20, method: "device-aware", seed: 1 });
    const bad = adaptTarget(adaptContext(table, ["true_vpu"], { deviceModel: fake(table.rows, refs, noise) }), measure, { samples: 20, method: "device-aware", seed: 1 });
    const bagged = adaptTarget(base, measure, { samples: 20, seed: 1 });
    expect(good.deviceModelWeight).toBeGreaterThan(0.99);
    expect(bad.deviceModelWeight).toBeLessThan(0.05);
    expect(spearman(good.predictions, target).value).toBeGreaterThan(0.99);
    expect(spearman(bad.predictions, target).value).toBeGreaterThan(spearman(bagged.predictions, target).value - 0.01);
  });
  it("blends half and half when no sample has an out-of-bag prediction (K = 5)", () => {
    const target = table.latency("eagle_gtx");
    const log = Float64Array.from(target, (v) => Math.log(v));
    const a = adaptTarget(adaptContext(table, ["true_vpu"], { deviceModel: fake(table.rows, [1, 2], log) }), (r) => target[r] as number, { samples: 5, method: "device-aware" });
    expect(a.deviceModelWeight).toBe(0.5);
  });
});
