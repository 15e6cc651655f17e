import { describe, expect, it } from "vitest";
import { frontMetrics, frontReference, meanFrontMetrics } from "../../src/stats/front-metrics.js";
import { seededRng } from "../../src/random.js";

describe("front metrics", () => {
  // 10 rows: latency 1..10, accuracy rising except rows 3 and 7
  const lat = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const acc = [10, 20, 30, 5, 50, 60, 70, 1, 90, 95];
  const ref = frontReference(lat, acc);
  it("reference: front, point, budgets", () => {
    expect(ref.front).toEqual([0, 1, 2, 4, 5, 6, 8, 9]);
    expect(ref.ref).toEqual({ latency: 10, accuracy: 1 });
    expect(ref.budgets.map((b) => +b.toFixed(6))).toEqual([1.9, 2.8, 3.7, 4.6, 5.5, 6.4, 7.3, 8.2, 9.1]);
    expect(ref.bestUnderBudget).toEqual([10, 20, 30, 30, 50, 60, 70, 70, 90]);
  });
  it("the true front scores perfectly, the whole table too", () => {
    for (const set of [ref.front, lat.map((_, i) => i)]) {
      const m = frontMetrics(ref, set);
      expect(m.hvRatio).toBeCloseTo(1, 12);
      expect(m.regret).toBe(0);
      expect(m.recall).toBe(1);
      expect(m.igd).toBe(0);
    }
    expect(frontMetrics(ref, ref.front).precision).toBe(1);
    expect(frontMetrics(ref, lat.map((_, i) => i)).precision).toBe(0.8);
  });
  it("a partial set: regret by hand, misses charged to the lowest accuracy", () => {
    const m = frontMetrics(ref, [2, 8, 3, 2]);
    // budgets 1.9, 2.8: nothing under -> 10-1, 20-1; 3.7..8.2: best is row 2 (30): 0,0,20,30,40,40; 9.1: 90-90
    expect(m.regretAt).toEqual([9, 19, 0, 0, 20, 30, 40, 40, 0]);
    expect(m.regret).toBeCloseTo(158 / 9, 12);
    expect(m.size).toBe(3);
    expect(m.precision).toBeCloseTo(2 / 3, 12);
    expect(m.recall).toBeCloseTo(2 / 8, 12);
    expect(frontMetrics(ref, []).igd).toBeNaN();
    expect(() => frontMetrics(ref, [10])).toThrowError(/row 10 is not in 0..9/);
  });
  it("recall counts identical points once for all their rows; row order does not matter", () => {
    const r2 = frontReference([1, 1, 2], [5, 5, 6]);
    expect(r2.front).toEqual([0, 1, 2]);
    expect(frontMetrics(r2, [1, 2]).recall).toBe(1);
    const rng = seededRng(3);
    const l = Array.from({ length: 300 }, () => rng.int(30));
    const a = Array.from({ length: 300 }, () => rng.int(40));
    const set = Array.from({ length: 40 }, () => rng.int(300));
    const m1 = frontMetrics(frontReference(l, a), set);
    const m2 = frontMetrics(frontReference([...l].reverse(), [...a].reverse()), set.map((r) => 299 - r));
    expect(m2.regret).toBeCloseTo(m1.regret, 12);
    expect(m2.hvRatio).toBeCloseTo(m1.hvRatio, 12);
    expect(m2.recall).toBe(m1.recall);
    expect(m2.igd).toBeCloseTo(m1.igd, 12);
  });
});

describe("meanFrontMetrics", () => {
  it("averages field by field and budget by budget; an empty list is an error", () => {
    const a = { size: 2, hvRatio: 0.9, regret: 0.2, regretAt: [0.1, 0.3], precision: 1, recall: 0.5, igd: 0.01 };
    const b = { size: 4, hvRatio: 0.7, regret: 0.4, regretAt: [0.3, 0.5], precision: 0, recall: 0.25, igd: 0.03 };
    const m = meanFrontMetrics([a, b]);
    expect(m.size).toBe(3);
    expect(m.hvRatio).toBeCloseTo(0.8, 12);
    expect(m.regret).toBeCloseTo(0.3, 12);
    expect(m.regretAt[0]).toBeCloseTo(0.2, 12);
    expect(m.regretAt[1]).toBeCloseTo(0.4, 12);
    expect([m.precision, m.recall]).toEqual([0.5, 0.375]);
    expect(m.igd).toBeCloseTo(0.02, 12);
    expect(() => meanFrontMetrics([])).toThrow(/no metrics/);
  });
});
