import { describe, expect, it } from "vitest";
import { correlate } from "../../src/stats/correlate.js";
import { pearson, spearman } from "../../src/stats/correlation.js";
import { kendall } from "../../src/stats/kendall.js";
import { seededRng } from "../../src/random.js";

function shuffled<T>(xs: readonly T[], seed: number): { perm: number[]; apply: (v: readonly number[]) => number[] } {
  const rng = seededRng(seed);
  const perm = xs.map((_, i) => i);
  for (let i = perm.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [perm[i], perm[j]] = [perm[j] as number, perm[i] as number];
  }
  return { perm, apply: (v) => perm.map((i) => v[i] as number) };
}

describe("Spearman, Kendall tau-b, Pearson", () => {
  const x = [1, 2, 3, 4, 5, 6, 7, 8];
  const y = [2, 1, 4, 3, 6, 5, 8, 7];
  it("match textbook values (scipy)", () => {
    expect(spearman(x, y).value).toBeCloseTo(0.9047619047619048, 12);
    expect(kendall(x, y).value).toBeCloseTo(0.7142857142857143, 12);
    expect(pearson([1, 2, 3], [2, 4, 7]).value).toBeCloseTo(0.9933992677987828, 12);
    // ties on both sides: scipy.stats.kendalltau([1,1,2,2,3], [1,2,2,3,3]) = 0.7499999999999999
    expect(kendall([1, 1, 2, 2, 3], [1, 2, 2, 3, 3]).value).toBeCloseTo(0.75, 12);
    expect(spearman([1, 1, 2, 2, 3], [1, 2, 2, 3, 3]).value).toBeCloseTo(0.8055555555555556, 12);
  });
  it("drop missing pairs and count them", () => {
    expect(spearman([1, 2, 3, Number.NaN], [10, 30, 20, 5])).toEqual({ value: 0.5, pairs: 3, dropped: 1 });
    expect(kendall([1, Number.NaN, 3, 4], [1, 2, Number.NaN, 4])).toMatchObject({ pairs: 2, dropped: 2, value: 1 });
  });
  it("give NaN with a reason for degenerate input, never 0", () => {
    for (const m of ["spearman", "kendall", "pearson"] as const) {
      expect(correlate([1, 1, 1], [1, 2, 3], m)).toEqual({ value: Number.NaN, pairs: 3, dropped: 0, reason: "constant column" });
      expect(correlate([1, Number.NaN], [Number.NaN, 2], m)).toEqual({ value: Number.NaN, pairs: 0, dropped: 2, reason: "fewer than 2 pairs" });
    }
    expect(() => correlate([1], [1, 2], "spearman")).toThrowError(/samples have 1 and 2 values/);
    expect(() => correlate([1], [1], "tau" as never)).toThrowError(/invalid value "tau"; valid: spearman, kendall, pearson/);
  });
  it("invariants: row permutation changes nothing; a monotone transform leaves rank statistics unchanged", () => {
    const rng = seededRng(8);
    const a = Array.from({ length: 500 }, () => Math.floor(rng.next() * 50));
    const b = a.map((v) => v + Math.floor(rng.next() * 30));
    const { apply } = shuffled(a, 99);
    for (const m of ["spearman", "kendall", "pearson"] as const) expect(correlate(apply(a), apply(b), m).value).toBeCloseTo(correlate(a, b, m).value, 12);
    const t = a.map((v) => Math.exp(v / 10) + 3);
    expect(spearman(t, b).value).toBeCloseTo(spearman(a, b).value, 12);
    expect(kendall(t, b).value).toBeCloseTo(kendall(a, b).value, 12);
    expect(Math.abs(pearson(t, b).value - pearson(a, b).value)).toBeGreaterThan(0.01);
  });
});
