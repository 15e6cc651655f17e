import { describe, expect, it } from "vitest";
import { bootstrapCorrelation } from "../../src/stats/bootstrap.js";
import { paretoAgreement, topKAgreement } from "../../src/stats/agreement.js";
import { paretoFront } from "../../src/stats/pareto.js";
import { seededRng } from "../../src/random.js";

describe("paretoFront", () => {
  it("keeps non-dominated points in increasing latency, duplicates together", () => {
    expect(paretoFront([1, 2, 3], [50, 40, 60])).toEqual([0, 2]);
    expect(paretoFront([1, 1, 2, 2], [50, 50, 50, 70])).toEqual([0, 1, 3]);
    expect(paretoFront([1, Number.NaN, 3], [50, 99, 40])).toEqual([0]);
    expect(paretoFront([], [])).toEqual([]);
  });
  it("no point of the front is dominated, every other point is, and row order does not matter", () => {
    const rng = seededRng(5);
    const lat = Array.from({ length: 400 }, () => Math.round(rng.next() * 50));
    const acc = Array.from({ length: 400 }, () => Math.round(rng.next() * 30));
    const front = paretoFront(lat, acc);
    const dominated = (i: number) => lat.some((_, j) => (lat[j] as number) <= (lat[i] as number) && (acc[j] as number) >= (acc[i] as number) && ((lat[j] as number) < (lat[i] as number) || (acc[j] as number) > (acc[i] as number)));
    for (const i of front) expect(dominated(i)).toBe(false);
    const onFront = new Set(front);
    for (let i = 0; i < lat.length; i++) if (!onFront.has(i)) expect(dominated(i)).toBe(true);
    const rev = paretoFront([...lat].reverse(), [...acc].reverse()).map((i) => lat.length - 1 - i);
    expect(new Set(rev)).toEqual(onFront);
  });
});

describe("agreement", () => {
  it("top-k overlap", () => {
    expect(topKAgreement([1, 2, 3, 4], [4, 3, 2, 1], 2)).toBe(0);
    expect(topKAgreement([1, 2, 3, 4], [1, 3, 2, 4], 2)).toBe(0.5);
    expect(() => topKAgreement([1, 2], [1, 2], 3)).toThrowError(/k 3 must be an integer in 1..2/);
  });
  it("Pareto-set agreement over rows valid on both", () => {
    const acc = [70, 80, 90, 60];
    const r = paretoAgreement([1, 2, 3, 4], [1, 3, 2, 4], acc);
    expect(r.frontA).toEqual([0, 1, 2]);
    expect(r.frontB).toEqual([0, 2]);
    expect(r.jaccard).toBeCloseTo(2 / 3, 12);
    expect(r.recall).toBe(1);
  });
  it("bootstrap interval is seeded and brackets the estimate", () => {
    const rng = seededRng(1);
    const a = Array.from({ length: 200 }, () => rng.next());
    const b = a.map((v) => v + rng.next() * 0.5);
    const i1 = bootstrapCorrelation(a, b, "spearman", { seed: 7, resamples: 200 });
    const i2 = bootstrapCorrelation(a, b, "spearman", { seed: 7, resamples: 200 });
    expect(i1).toEqual(i2);
    expect(i1.lower).toBeLessThan(i1.value);
    expect(i1.upper).toBeGreaterThan(i1.value);
    expect(bootstrapCorrelation(a, b, "spearman", { seed: 8, resamples: 200 }).lower).not.toBe(i1.lower);
    expect(() => bootstrapCorrelation(a, b, "spearman", { level: 1 })).toThrowError(/level 1 must be in \(0, 1\)/);
  });
});
