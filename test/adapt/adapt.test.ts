import { beforeAll, describe, expect, it } from "vitest";
import { adaptContext, adaptTarget, checkProxies, scoreAdaptation } from "../../src/adapt/adapt.js";
import { type AdaptContext } from "../../src/adapt/method.js";
import type { LatencyTable } from "../../src/data/latency-table.js";
import { seededRng } from "../../src/random.js";
import { oneproxyContext } from "../helpers/oneproxy.js";

let oneproxy: LatencyTable;
let ctx: AdaptContext;
beforeAll(async () => ({ table: oneproxy, ctx } = await oneproxyContext()));

describe("adaptTarget", () => {
  it("reads the target only at the measured rows: corrupting every other value changes nothing", () => {
    const target = oneproxy.latency("eagle_gtx");
    const read: number[] = [];
    const a = adaptTarget(ctx, (r) => (read.push(r), target[r] as number), { samples: 20, seed: 2 });
    expect(read.sort((x, y) => x - y)).toEqual([...a.measuredRows].sort((x, y) => x - y));
    const measured = new Set(a.measuredRows);
    const noise = seededRng(11);
    const corrupted = Float64Array.from(target, (v, r) => (measured.has(r) ? v : 1e6 * noise.next()));
    const b = adaptTarget(ctx, (r) => corrupted[r] as number, { samples: 20, seed: 2 });
    expect(Array.from(b.predictions)).toEqual(Array.from(a.predictions));
  });
  it("improves the SRCC over the unadapted proxy and is deterministic per seed", () => {
    const target = oneproxy.latency("eagle_gtx");
    const a = adaptTarget(ctx, (r) => target[r] as number, { samples: 70, seed: 0 });
    const s = scoreAdaptation(ctx, a, target);
    expect(s.srccBefore).toBeCloseTo(0.6905, 4);
    expect(s.srccAfter).toBeGreaterThan(0.85);
    expect(s.srccUnmeasured).toBeGreaterThan(0.85);
    expect(s.rows).toBe(1999);
  });
  it("failed measurements (missing latencies) are reported and not used", () => {
    const tpu = oneproxy.latency("rice_edgetpu");
    const a = adaptTarget(ctx, (r) => tpu[r] as number, { samples: 70, seed: 1 });
    expect(a.failedRows.length).toBe(a.measuredRows.filter((r) => Number.isNaN(tpu[r] as number)).length);
    expect(scoreAdaptation(ctx, a, tpu).rows).toBe(1740);
  });
  it("reports each fit of the method to onProgress, and progress changes no prediction", () => {
    const target = oneproxy.latency("eagle_gtx");
    const calls: [number, number][] = [];
    const a = adaptTarget(ctx, (r) => target[r] as number, { samples: 20, seed: 3, onProgress: (d, t) => calls.push([d, t]) });
    expect(calls).toEqual(Array.from({ length: 17 }, (_, i) => [i + 1, 17]));
    expect(Array.from(a.predictions)).toEqual(Array.from(adaptTarget(ctx, (r) => target[r] as number, { samples: 20, seed: 3 }).predictions));
    const single: [number, number][] = [];
    adaptTarget(ctx, (r) => target[r] as number, { samples: 20, method: "proxy-ridge", onProgress: (d, t) => single.push([d, t]) });
    expect(single).toEqual([[1, 1]]);
  });
  it("bad input: typed errors", () => {
    const t = oneproxy.latency("eagle_gtx");
    expect(() => adaptTarget(ctx, (r) => t[r] as number, { samples: 2 })).toThrowError(/samples 2 must be an integer in 3..1999/);
    expect(() => adaptTarget(ctx, () => Number.NaN, { samples: 10 })).toThrowError(/only 0 of 10 measurements succeeded/);
    expect(() => adaptTarget(ctx, () => -5, { samples: 10 })).toThrowError(/measured latency -5 at row \d+ is not valid/);
    expect(() => adaptTarget(ctx, (r) => t[r] as number, { samples: 10, method: "magic" as never })).toThrowError(/invalid method "magic"/);
    expect(() => checkProxies(["pixel3"], "rice_pixel3")).toThrowError(/proxy pixel3 is the same physical device as the target rice_pixel3/);
    expect(() => checkProxies(["true_vpu"], "true_vpu")).toThrowError(/is the target itself/);
    expect(() => adaptContext(oneproxy, ["rice_edgetpu"])).toThrowError(/proxy rice_edgetpu has 259 missing latencies/);
  });
});

describe("adaptTarget on ProxylessNAS networks", () => {
  it("adapts ProxylessNAS's mobile lookup table to a device that prices the blocks differently, from the per-layer choice one-hot", async () => {
    const { LatencyTable } = await import("../../src/data/latency-table.js");
    const { loadLookupTables } = await import("../../src/data/load-lut.js");
    const { LookupTablePredictor } = await import("../../src/predict/lut-predictor.js");
    const { PROXYLESS_GENOME } = await import("../../src/search/genome.js");
    const { proxylessLayerKeys, proxylessParse } = await import("../../src/spaces/proxyless.js");
    const { spearman } = await import("../../src/stats/correlation.js");
    const { mirrorDir } = await import("../helpers/mirror.js");
    const tables = await loadLookupTables("proxylessnas-mobile-lut", { mirror: mirrorDir() });
    const lut = LookupTablePredictor.create(tables);
    const rng = seededRng(8);
    const archs = [...new Set(Array.from({ length: 600 }, () => PROXYLESS_GENOME.format(PROXYLESS_GENOME.sample(rng))))];
    // the target: the phone's table with 7x7 kernels at 2.5x and expansion 6 at 0.6x its cost, plus 3 % noise per network
    const factor = (key: string) => (key.includes("kernel:7") ? 2.5 : 1) * (key.includes("expand:6") ? 0.6 : 1);
    const entries = (tables[0] as (typeof tables)[number]).entries;
    const target = archs.map((a) => proxylessLayerKeys(proxylessParse(a)).reduce((s, k) => s + (entries.get(k)?.mean as number) * factor(k), 0) * (1 + 0.03 * (rng.next() - 0.5)));
    const table = LatencyTable.create({ space: "proxyless", archs, devices: [{ info: { name: "mobile_lut", source: "proxylessnas-mobile-lut" }, values: lut.predict(archs) }, { info: { name: "target", source: "synthetic" }, values: target }] });
    const a = adaptTarget(adaptContext(table, ["mobile_lut"]), (r) => target[r] as number, { samples: 40, seed: 0, target: "target" });
    const before = spearman(table.latency("mobile_lut"), target).value;
    const after = spearman(a.predictions, target).value;
    const more = adaptTarget(adaptContext(table, ["mobile_lut"]), (r) => target[r] as number, { samples: 80, seed: 0, target: "target" });
    // measured: 0.651 before, 0.916 at K = 40, 0.963 at K = 80
    expect(before).toBeLessThan(0.7);
    expect(after).toBeGreaterThan(0.9);
    expect(spearman(more.predictions, target).value).toBeGreaterThan(Math.max(after, 0.95));
  });
});
