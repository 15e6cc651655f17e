import { beforeAll, describe, expect, it } from "vitest";
import { adaptContext, adaptTarget } from "../../src/adapt/adapt.js";
import { countsWeight, heldOutLogError } from "../../src/adapt/device-aware.js";
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
    expect(good.countsWeight).toBe(0);
    expect(bad.deviceModelWeight).toBeLessThan(0.05);
    expect(spearman(good.predictions, target).value).toBeGreaterThan(0.99);
    expect(spearman(bad.predictions, target).value).toBeGreaterThan(spearman(bagged.predictions, target).value - 0.01);
  });
  it("blends half and half when no sample has an out-of-bag prediction (K = 5)", () => {
    const target = table.latency("eagle_gtx");
    const log = Float64Array.from(target, (v) => Math.log(v));
    const a = adaptTarget(adaptContext(table, ["true_vpu"], { deviceModel: fake(table.rows, [1, 2], log) }), (r) => target[r] as number, { samples: 5, method: "device-aware" });
    expect(a.deviceModelWeight).toBe(0.5);
    expect(a.heldOutLogError).toBeUndefined();
  });
  it("reports its held-out log error on the samples: near 0 for a device model that knows the target, large for one that answers noise", () => {
    const target = table.latency("eagle_gtx");
    const refs = [3, 50, 400, 900, 1500];
    const rng = seededRng(5);
    const measure = (r: number) => target[r] as number;
    const good = adaptTarget(adaptContext(table, ["true_vpu"], { deviceModel: fake(table.rows, refs, Float64Array.from(target, Math.log)) }), measure, { samples: 20, method: "device-aware", seed: 1 });
    const bad = adaptTarget(adaptContext(table, ["true_vpu"], { deviceModel: fake(table.rows, refs, Float64Array.from(target, () => rng.next() * 5)) }), measure, { samples: 20, method: "device-aware", seed: 1 });
    expect(good.heldOutLogError).toBeLessThan(0.01);
    expect(bad.heldOutLogError).toBeGreaterThan(0.05);
  });
  it("heldOutLogError is the root mean square of the blend's held-out log errors, undefined under 5 held-out samples", () => {
    const m = { rows: [0, 1, 2, 3, 4, 5], values: Float64Array.from([1, 2, 3, 4, 5, 6], Math.exp) };
    const held = { index: [0, 1, 2, 3, 4], model: [1.1, 2, 3, 4, 5], bagged: [1, 2, 3, 4, 5.3] };
    const loo = [1, 2, 3, 4, 5, 6];
    expect(heldOutLogError(m, held, 1, 0, loo)).toBeCloseTo(Math.sqrt(0.01 / 5), 12);
    expect(heldOutLogError(m, held, 0, 0, loo)).toBeCloseTo(Math.sqrt(0.09 / 5), 12);
    expect(heldOutLogError(m, held, 0.5, 1, loo)).toBe(0);
    expect(heldOutLogError(m, { index: [0, 1, 2, 3], model: [1, 2, 3, 4], bagged: [1, 2, 3, 4] }, 0.5, 0, loo)).toBeUndefined();
  });
});

describe("device-aware's operation-count part", () => {
  it("countsWeight takes the part whose held-out predictions fit, 0 on ties and with fewer than 5 samples", () => {
    const y = [1, 2, 3, 4, 5];
    expect(countsWeight(y, y, [0, 0, 0, 0, 0])).toBe(0);
    expect(countsWeight(y, [0, 0, 0, 0, 0], y)).toBe(1);
    expect(countsWeight(y, y, y)).toBe(0);
    // errors +1 and -1 everywhere: the half-and-half mix is exact
    expect(countsWeight(y, y.map((v) => v + 1), y.map((v) => v - 1))).toBe(0.5);
    expect(countsWeight([1, 2, 3, 4], [0, 0, 0, 0], [1, 2, 3, 4])).toBe(0);
  });
  it("weights the counts near 1 for a target whose log latency is linear in the operation counts, which no proxy and no model knows", () => {
    // log latency = a weighted sum of the operation counts: the ridge on the counts recovers it from 20 samples
    const beta = [0.1, 0.05, 0.3, 0.6, 0.2, 0, 0.1, 0.4, 0.8, 0.1];
    const target = Float64Array.from({ length: table.rows }, (_, r) => Math.exp(beta.reduce((a, b, j) => a + b * (base.shared.data[r * base.shared.cols + j] as number), 0)));
    const rng = seededRng(7);
    const noise = Float64Array.from(target, () => rng.next() * 5);
    const ctx = adaptContext(table, ["true_vpu"], { deviceModel: fake(table.rows, [3, 50, 400], noise) });
    const a = adaptTarget(ctx, (r) => target[r] as number, { samples: 20, method: "device-aware", seed: 2 });
    const bagged = adaptTarget(base, (r) => target[r] as number, { samples: 20, seed: 2 });
    expect(a.countsWeight).toBeGreaterThanOrEqual(0.9);
    expect(spearman(a.predictions, target).value).toBeGreaterThan(0.99);
    expect(spearman(a.predictions, target).value).toBeGreaterThan(spearman(bagged.predictions, target).value);
  });
  it("chooses the counts' weight on samples that are not reference rows: measured on the references alone, the counts take no weight", () => {
    const beta = [0.1, 0.05, 0.3, 0.6, 0.2, 0, 0.1, 0.4, 0.8, 0.1];
    const target = Float64Array.from({ length: table.rows }, (_, r) => Math.exp(beta.reduce((a, b, j) => a + b * (base.shared.data[r * base.shared.cols + j] as number), 0)));
    const rng = seededRng(7);
    const noise = Float64Array.from(target, () => rng.next() * 5);
    const rows = Array.from({ length: 20 }, (_, i) => 3 + 97 * i);
    const ctx = adaptContext(table, ["true_vpu"], { deviceModel: fake(table.rows, rows, noise) });
    const onRefs = adaptTarget(ctx, (r) => target[r] as number, { samples: 20, rows, method: "device-aware", seed: 2 });
    expect(onRefs.countsWeight).toBe(0);
    const ctxFew = adaptContext(table, ["true_vpu"], { deviceModel: fake(table.rows, rows.slice(0, 3), noise) });
    expect(adaptTarget(ctxFew, (r) => target[r] as number, { samples: 20, rows, method: "device-aware", seed: 2 }).countsWeight).toBeGreaterThanOrEqual(0.9);
  });
  it("rejects a measured latency of 0 ms, naming the row (the method works in log latency)", () => {
    const target = table.latency("eagle_gtx");
    const ctx = adaptContext(table, ["true_vpu"], { deviceModel: fake(table.rows, [1, 2], Float64Array.from(target, Math.log)) });
    expect(() => adaptTarget(ctx, (r) => (r === 0 ? 0 : (target[r] as number)), { samples: 10, rows: [0, 5, 10, 20, 40, 80, 160, 320, 640, 1280], method: "device-aware" })).toThrow(/latency 0 ms of row 0 is not valid; valid: a finite latency > 0 ms/);
  });
});
