import { beforeAll, describe, expect, it } from "vitest";
import { adaptTarget, contextRanking } from "../../src/adapt/adapt.js";
import { type AdaptContext } from "../../src/adapt/method.js";
import { proxyRanking, selectSamples } from "../../src/adapt/select.js";
import type { LatencyTable } from "../../src/data/latency-table.js";
import { oneproxyContext } from "../helpers/oneproxy.js";

let oneproxy: LatencyTable;
let ctx: AdaptContext;
beforeAll(async () => ({ table: oneproxy, ctx } = await oneproxyContext()));

describe("selectSamples", () => {
  it("is seeded, returns K distinct rows, and stratified samples span the proxy's range", () => {
    const vpu = oneproxy.latency("true_vpu");
    const a = selectSamples([vpu], 20, { seed: 3 });
    expect(a).toEqual(selectSamples([vpu], 20, { seed: 3 }));
    expect(new Set(a).size).toBe(20);
    const sorted = Float64Array.from(vpu).sort();
    const picked = a.map((r) => vpu[r] as number);
    expect(Math.min(...picked)).toBeLessThanOrEqual(sorted[Math.floor(vpu.length / 20)] as number);
    expect(Math.max(...picked)).toBeGreaterThanOrEqual(sorted[Math.floor((19 * vpu.length) / 20)] as number);
    expect(() => selectSamples([vpu], 5000)).toThrowError(/K 5000 must be an integer in 1..1999/);
  });
  it("ranks the proxies' current values, and a ranking computed once (per context) picks the same rows", () => {
    const vpu = Float64Array.from(oneproxy.latency("true_vpu"));
    const before = selectSamples([vpu], 20, { seed: 3 });
    expect(selectSamples([vpu], 20, { seed: 3, ranking: proxyRanking([vpu]) })).toEqual(before);
    expect(contextRanking(ctx)).toBe(contextRanking(ctx));
    expect(adaptTarget(ctx, (r) => vpu[r] as number, { samples: 20, seed: 3, method: "proxy" }).measuredRows).toEqual(before);
    expect(() => selectSamples([vpu], 20, { ranking: proxyRanking([vpu]).subarray(1) })).toThrowError(/a ranking must order all 1999 rows/);
    expect(() => selectSamples([vpu], 2, { ranking: proxyRanking([vpu]), candidates: [1, 2, 3] })).toThrowError(/candidates were given/);
    // reversing the proxy in place reverses its ranking: a kept order would pick the same rows
    const reversed = Float64Array.from(vpu, (v) => -v);
    const expected = selectSamples([reversed], 20, { seed: 3 });
    vpu.set(reversed);
    expect(selectSamples([vpu], 20, { seed: 3 })).toEqual(expected);
    expect(expected).not.toEqual(before);
    // the same columns given as candidates rank the same way
    expect(selectSamples([vpu], 20, { seed: 3, candidates: [...Array(vpu.length).keys()] })).toEqual(expected);
  });
});
