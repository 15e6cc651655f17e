import { describe, expect, it } from "vitest";
import { bestAccuracyUnderBudget, budgetFrontier, optimaAtQuantiles, optimumUnderBudget } from "../../src/scale/exact-optima.js";
import { seededRng } from "../../src/random.js";

describe("exact optima under a budget", () => {
  it("matches a brute-force scan on random columns with missing values and ties", () => {
    const rng = seededRng(3);
    const n = 400;
    // coarse values make ties in both latency and accuracy
    const lat = Array.from({ length: n }, () => (rng.next() < 0.05 ? Number.NaN : 1 + rng.int(50) / 10));
    const acc = Array.from({ length: n }, () => (rng.next() < 0.05 ? Number.NaN : rng.int(30)));
    const f = budgetFrontier(lat, acc);
    for (const b of [0.5, 1, 1.05, 2.3, 3, 4.9, 6, 100]) {
      let best = -1;
      for (let r = 0; r < n; r++) {
        const l = lat[r] as number;
        const a = acc[r] as number;
        if (Number.isNaN(l) || Number.isNaN(a) || l > b) continue;
        if (best < 0 || a > (acc[best] as number) || (a === acc[best] && l < (lat[best] as number))) best = r;
      }
      expect(optimumUnderBudget(f, b)).toBe(best);
      expect(bestAccuracyUnderBudget(f, b)).toBe(best < 0 ? Number.NaN : acc[best]);
    }
  });
  it("of two equally accurate rows returns the faster, and -1 / NaN under the fastest row", () => {
    const f = budgetFrontier([3, 2, 1], [0.9, 0.9, 0.5]);
    expect(optimumUnderBudget(f, 3)).toBe(1);
    expect(optimumUnderBudget(f, 0.9)).toBe(-1);
    expect(bestAccuracyUnderBudget(f, 0.9)).toBeNaN();
  });
  it("does not change its input, and names a bad latency", () => {
    const lat = [2, 1];
    budgetFrontier(lat, [0.1, 0.2]);
    expect(lat).toEqual([2, 1]);
    expect(() => budgetFrontier([1, -1], [0, 0])).toThrowError(/latency -1 at row 1; valid: a finite latency > 0 ms, or NaN for missing/);
    expect(() => budgetFrontier([1], [0, 0])).toThrowError(/1 latencies and 2 accuracies/);
  });
  it("optimaAtQuantiles: budgets at quantiles of the paired latencies, the most accurate row within each; typed errors", () => {
    const lat = [4, 1, 3, 2, Number.NaN, 5];
    const acc = [0.9, 0.2, 0.6, 0.4, 0.99, 0.1];
    const latIn = lat.slice();
    const picks = optimaAtQuantiles(lat, acc, [0, 0.5, 1]);
    // paired latencies 1, 2, 3, 4, 5: quantiles 1, 3, 5
    expect(picks.map((p) => p.budget)).toEqual([1, 3, 5]);
    expect(picks.map((p) => p.row)).toEqual([1, 2, 0]);
    expect(picks[2]).toEqual({ budget: 5, row: 0, latency: 4, accuracy: 0.9 });
    expect(lat).toEqual(latIn);
    expect(() => optimaAtQuantiles(lat, acc, [1.5])).toThrowError(/level 1.5; valid: a number in \[0, 1\]/);
    expect(() => optimaAtQuantiles([Number.NaN], [0.5], [0.5])).toThrowError(/no row has both a latency and an accuracy/);
  });
});
