import { beforeAll, describe, expect, it } from "vitest";
import { adaptTarget } from "../../src/adapt/adapt.js";
import { type AdaptContext } from "../../src/adapt/method.js";
import { ensembleMembers, looWeights } from "../../src/adapt/proxy-ensemble.js";
import { bagRefitGrids, bagSubsets } from "../../src/adapt/proxy-ensemble-bagged.js";
import type { LatencyTable } from "../../src/data/latency-table.js";
import { seededRng, shuffled } from "../../src/random.js";
import { spearman } from "../../src/stats/correlation.js";
import { oneproxyContext } from "../helpers/oneproxy.js";

let oneproxy: LatencyTable;
let ctx: AdaptContext;
beforeAll(async () => ({ table: oneproxy, ctx } = await oneproxyContext()));

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
