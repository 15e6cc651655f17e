import { beforeAll, describe, expect, it } from "vitest";
import { adaptContext, adaptTarget, checkProxies, contextRanking, scoreAdaptation } from "../../src/adapt/adapt.js";
import { fitAdaProxyObjective } from "../../src/adapt/adaproxy.js";
import { type AdaptContext } from "../../src/adapt/method.js";
import { ensembleMembers, looWeights } from "../../src/adapt/proxy-ensemble.js";
import { bagRefitGrids, bagSubsets } from "../../src/adapt/proxy-ensemble-bagged.js";
import { proxyRanking, selectSamples } from "../../src/adapt/select.js";
import type { LatencyTable } from "../../src/data/latency-table.js";
import { loadTable } from "../../src/data/load.js";
import { InvalidArgumentError } from "../../src/errors.js";
import { nb201LiveEdges } from "../../src/predict/nb201-features.js";
import { seededRng, shuffled } from "../../src/random.js";
import { nb201Parse } from "../../src/spaces/nb201.js";
import { spearman } from "../../src/stats/correlation.js";
import { mirrorDir } from "../helpers/mirror.js";

let oneproxy: LatencyTable;
let ctx: AdaptContext;
beforeAll(async () => {
  oneproxy = await loadTable("oneproxy-nb201", { mirror: mirrorDir() });
  ctx = adaptContext(oneproxy, ["true_vpu"]);
});

describe("live edges", () => {
  it("an edge is live when it lies on an input-to-output path of non-none edges", () => {
    expect(nb201LiveEdges(nb201Parse("|nor_conv_3x3~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|"))).toEqual([false, false, false, true, false, false]);
    expect(nb201LiveEdges(nb201Parse("|nor_conv_3x3~0|+|none~0|skip_connect~1|+|none~0|none~1|avg_pool_3x3~2|"))).toEqual([true, false, true, false, false, true]);
    expect(nb201LiveEdges(nb201Parse("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|")).some(Boolean)).toBe(false);
  });
});

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

describe("AdaProxy objective", () => {
  const rng = seededRng(9);
  const n = 40;
  const p = 6;
  const x = { rows: n, cols: p, data: Float64Array.from({ length: n * p }, () => rng.next()) };
  const y = Float64Array.from({ length: n }, (_, i) => 1 + 2 * (x.data[i * p] as number) + 0.5 * (x.data[i * p + 3] as number));
  const loss = (th: Float64Array, lam: number, norm: 1 | "inf") => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      let f = th[0] as number;
      for (let j = 0; j < p; j++) f += (th[j + 1] as number) * (x.data[i * p + j] as number);
      s += (f - (y[i] as number)) ** 2;
    }
    const b = Array.from(th.subarray(2));
    return s / n + lam * (norm === 1 ? b.reduce((q, v) => q + Math.abs(v), 0) : Math.max(...b.map(Math.abs)));
  };
  it.each([1, "inf"] as const)("p = %s: the proximal solver reaches a minimum (no perturbation lowers the loss)", (norm) => {
    const th = fitAdaProxyObjective(x, y, 0.05, norm);
    const base = loss(th, 0.05, norm);
    for (let j = 0; j < th.length; j++) for (const d of [1e-4, -1e-4]) {
      const t2 = th.slice();
      t2[j] = (t2[j] as number) + d;
      expect(loss(t2, 0.05, norm)).toBeGreaterThanOrEqual(base - 1e-9);
    }
  });
  it("p = 2 is the closed form and b shrinks as λ grows", () => {
    const small = fitAdaProxyObjective(x, y, 1e-6, 2);
    const large = fitAdaProxyObjective(x, y, 10, 2);
    const norm = (t: Float64Array) => Math.hypot(...Array.from(t.subarray(2)));
    expect(norm(large)).toBeLessThan(norm(small));
  });
});

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

describe("proxy-ensemble", () => {
  it("is the mean of its three members weighted by inverse leave-one-out MSE, and is deterministic", () => {
    const target = oneproxy.latency("eagle_i7");
    for (const samples of [10, 70]) {
      const e = adaptTarget(ctx, (r) => target[r] as number, { samples, seed: 1, method: "proxy-ensemble" });
      const again = adaptTarget(ctx, (r) => target[r] as number, { samples, seed: 1, method: "proxy-ensemble" });
      expect(Array.from(again.predictions)).toEqual(Array.from(e.predictions));
      const measured = { rows: e.measuredRows, values: Float64Array.from(e.measuredRows, (r) => target[r] as number) };
      const members = ensembleMembers(ctx, measured);
      expect(members).toHaveLength(3);
      const w = looWeights(members);
      for (const r of [0, 17, 1998]) {
        expect(e.predictions[r]).toBeCloseTo(members.reduce((a, p, j) => a + (w[j] as number) * (p.predictions[r] as number), 0), 9);
      }
      // the third member is proxy-ridge itself
      const ridge = adaptTarget(ctx, (r) => target[r] as number, { samples, seed: 1, method: "proxy-ridge" });
      expect(Array.from(members[2]?.predictions ?? [])).toEqual(Array.from(ridge.predictions));
      expect(e.measuredRows).toEqual(ridge.measuredRows);
    }
  });
});

describe("proxy-ensemble-bagged", () => {
  it("is the mean of proxy-ensemble over all K samples and 16 seeded subsets of 3/4 of them (refits: penalties next to the full fit's), predicted once per member", () => {
    const target = oneproxy.latency("eagle_i7");
    const b = adaptTarget(ctx, (r) => target[r] as number, { samples: 12, seed: 4, method: "proxy-ensemble-bagged" });
    const subsets = bagSubsets(12, 4);
    expect(subsets).toHaveLength(17);
    expect(subsets[0]).toEqual([...Array(12).keys()]);
    for (const s of subsets.slice(1)) {
      expect(s).toHaveLength(9);
      expect(new Set(s).size).toBe(9);
    }
    expect(bagSubsets(12, 4)).toEqual(subsets);
    expect(bagSubsets(12, 5)).not.toEqual(subsets);
    const mean = new Float64Array(oneproxy.rows);
    const sampled = (s: readonly number[]) => {
      const rows = s.map((i) => b.measuredRows[i] as number);
      return { rows, values: Float64Array.from(rows, (r) => target[r] as number) };
    };
    const full = ensembleMembers(ctx, sampled(subsets[0] as number[]));
    const grids = bagRefitGrids(full.map((q) => q.penalties));
    // the full fit is proxy-ensemble on all K samples
    const plain = adaptTarget(ctx, (r) => target[r] as number, { samples: 12, rows: b.measuredRows, seed: 4, method: "proxy-ensemble" });
    subsets.forEach((s, f) => {
      const members = f === 0 ? full : ensembleMembers(ctx, sampled(s), {}, grids);
      const w = looWeights(members);
      members.forEach((q, j) => q.predictions.forEach((v, r) => (mean[r] = (mean[r] as number) + ((w[j] as number) * v) / subsets.length)));
      if (f > 0) members.forEach((q, j) => q.penalties.forEach((v, bl) => expect(grids[j]?.[bl]).toContain(v)));
    });
    const w0 = looWeights(full);
    for (const r of [0, 17, 999, 1998]) {
      expect(b.predictions[r]).toBeCloseTo(mean[r] as number, 6);
      expect(full.reduce((a, q, j) => a + (w0[j] as number) * (q.predictions[r] as number), 0)).toBeCloseTo(plain.predictions[r] as number, 9);
    }
    expect(bagRefitGrids([[1], [0.01, 1000]])).toEqual([[[0.1, 1, 10]], [[0.01, 0.1], [100, 1000]]]);
    expect(() => bagRefitGrids([[3]])).toThrowError(/penalty 3 is not in the grid/);
    const again = adaptTarget(ctx, (r) => target[r] as number, { samples: 12, seed: 4, method: "proxy-ensemble-bagged" });
    expect(Array.from(again.predictions)).toEqual(Array.from(b.predictions));
  });
  it("estimates its SRCC from the samples alone: the SRCC of each sample's mean prediction by the refits that left it out", () => {
    const target = oneproxy.latency("eagle_i7");
    const b = adaptTarget(ctx, (r) => target[r] as number, { samples: 12, seed: 4 });
    const subsets = bagSubsets(12, 4);
    const sampled = (s: readonly number[]) => {
      const rows = s.map((i) => b.measuredRows[i] as number);
      return { rows, values: Float64Array.from(rows, (r) => target[r] as number) };
    };
    const grids = bagRefitGrids(ensembleMembers(ctx, sampled(subsets[0] as number[])).map((q) => q.penalties));
    const sum = new Float64Array(12);
    const count = new Float64Array(12);
    for (const s of subsets.slice(1)) {
      const members = ensembleMembers(ctx, sampled(s), {}, grids);
      const w = looWeights(members);
      for (let i = 0; i < 12; i++) {
        if (s.includes(i)) continue;
        sum[i] = (sum[i] as number) + members.reduce((a, q, j) => a + (w[j] as number) * (q.predictions[b.measuredRows[i] as number] as number), 0);
        count[i] = (count[i] as number) + 1;
      }
    }
    const left = [...count.keys()].filter((i) => (count[i] as number) > 0);
    expect(left.length).toBeGreaterThanOrEqual(5);
    const expected = spearman(left.map((i) => (sum[i] as number) / (count[i] as number)), left.map((i) => target[b.measuredRows[i] as number] as number)).value;
    expect(b.outOfBagSrcc).toBeCloseTo(expected, 9);
    // it reads no other row: corrupting the rest leaves it unchanged
    const measured = new Set(b.measuredRows);
    const noise = seededRng(12);
    const corrupted = Float64Array.from(target, (v, r) => (measured.has(r) ? v : 1e6 * noise.next()));
    expect(adaptTarget(ctx, (r) => corrupted[r] as number, { samples: 12, seed: 4 }).outOfBagSrcc).toBe(b.outOfBagSrcc);
  });
  it("the estimate tells a target the proxy ranks from one it cannot, and is absent where there is no out-of-bag sample or no refit", () => {
    const vpu = oneproxy.latency("true_vpu");
    const exact = adaptTarget(ctx, (r) => 2 * (vpu[r] as number) + 1, { samples: 20, seed: 0 });
    expect(exact.outOfBagSrcc).toBeGreaterThan(0.99);
    // the same latencies on a random permutation of the rows: no feature or proxy predicts them
    const perm = shuffled(seededRng(7), [...Array(oneproxy.rows).keys()]);
    const noise = adaptTarget(ctx, (r) => vpu[perm[r] as number] as number, { samples: 20, seed: 0 });
    expect(noise.outOfBagSrcc).toBeLessThan(0.5);
    expect(adaptTarget(ctx, (r) => vpu[r] as number, { samples: 5, seed: 0 }).outOfBagSrcc).toBeUndefined();
    expect(adaptTarget(ctx, (r) => vpu[r] as number, { samples: 20, seed: 0, method: "proxy-ensemble" }).outOfBagSrcc).toBeUndefined();
  });
  it("reads the target only at the measured rows", () => {
    const target = oneproxy.latency("eagle_gtx");
    const calls: number[] = [];
    const a = adaptTarget(ctx, (r) => (calls.push(r), target[r] as number), { samples: 10, seed: 2, method: "proxy-ensemble-bagged" });
    expect([...calls].sort((x, y) => x - y)).toEqual([...a.measuredRows].sort((x, y) => x - y));
  });
});

describe("looWeights", () => {
  it("weights members by the inverse of their leave-one-out MSE", () => {
    const w = looWeights([{ loo: Float64Array.of(1, -1) }, { loo: Float64Array.of(2, -2) }, { loo: Float64Array.of(1, 1) }]);
    expect(w[0]).toBeCloseTo(4 / 9, 12);
    expect(w[1]).toBeCloseTo(1 / 9, 12);
    expect(w[2]).toBeCloseTo(4 / 9, 12);
  });
  it("gives all the weight to members with no leave-one-out error", () => {
    expect(looWeights([{ loo: Float64Array.of(0, 0) }, { loo: Float64Array.of(2, -2) }, { loo: Float64Array.of(0, 0) }])).toEqual([0.5, 0, 0.5]);
  });
  it("rejects no members and mismatched members", () => {
    expect(() => looWeights([])).toThrow(InvalidArgumentError);
    expect(() => looWeights([{ loo: Float64Array.of(1) }, { loo: Float64Array.of(1, 2) }])).toThrow(/different numbers/);
  });
});
