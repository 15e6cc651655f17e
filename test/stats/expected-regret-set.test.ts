import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../src/errors.js";
import { cloud } from "../helpers/cloud.js";
import { seededRng, standardNormal } from "../../src/random.js";
import { EXPECTED_REGRET_PERCENTILES, expectedRegretSet } from "../../src/stats/expected-regret-set.js";
import { quantiles } from "../../src/stats/quantile.js";

function noisy(lat: Float64Array, sd: number, seed: number): Float64Array {
  const rng = seededRng(seed);
  return Float64Array.from(lat, (v) => v * Math.exp(sd * standardNormal(rng)));
}

/** The objective, written out plainly: Σ_m Σ_b best accuracy of the set's rows within b in scenario m. */
function value(set: readonly number[], scenarios: readonly Float64Array[], acc: Float64Array, budgets: readonly number[], lowest: number): number {
  let v = 0;
  for (const s of scenarios)
    for (const b of budgets) {
      let best = lowest;
      for (const r of set) if ((s[r] as number) <= b) best = Math.max(best, acc[r] as number);
      v += best;
    }
  return v;
}

describe("expectedRegretSet", () => {
  it("with one exact scenario, keeps the best row within every budget (zero regret at each)", () => {
    const { lat, acc } = cloud(500, 1);
    const set = expectedRegretSet(lat, [lat], acc, EXPECTED_REGRET_PERCENTILES.length, {});
    const budgets = quantiles(lat, EXPECTED_REGRET_PERCENTILES);
    expect(set.budgets).toEqual(budgets);
    budgets.forEach((b, i) => {
      let best = Number.NEGATIVE_INFINITY;
      for (let r = 0; r < 500; r++) if ((lat[r] as number) <= b) best = Math.max(best, acc[r] as number);
      expect(set.expectedBest[i]).toBe(best);
      expect(Math.max(...set.rows.filter((r) => (lat[r] as number) <= b).map((r) => acc[r] as number))).toBe(best);
    });
  });
  it("is the plain greedy set (lazy evaluation changes nothing), over several scenarios", () => {
    for (const seed of [2, 3, 4]) {
      const { lat, acc } = cloud(120, seed);
      const scenarios = [0, 1, 2, 3, 4].map((k) => noisy(lat, 0.15, 100 * seed + k));
      const got = expectedRegretSet(lat, scenarios, acc, 12, {});
      const budgets = got.budgets;
      const lowest = Math.min(...acc);
      // plain greedy: every row's gain recomputed at every step; ties to the lower row
      const plain: number[] = [];
      for (let step = 0; step < 12; step++) {
        const base = value(plain, scenarios, acc, budgets, lowest);
        let bestRow = -1;
        let bestGain = 0;
        for (let r = 0; r < 120; r++) {
          if (plain.includes(r)) continue;
          const g = value([...plain, r], scenarios, acc, budgets, lowest) - base;
          if (g > bestGain + 1e-9) {
            bestGain = g;
            bestRow = r;
          }
        }
        if (bestRow < 0) break;
        plain.push(bestRow);
      }
      expect(got.rows.slice(0, plain.length)).toEqual(plain);
      expect(got.rows.length).toBe(12);
    }
  });
  it("hedges: a row fast in only some scenarios is kept when it is worth it there", () => {
    // rows 0..2: a clear front in every scenario; row 3 is the most accurate and fast in half of the scenarios only
    const center = Float64Array.of(1, 2, 3, 4, 10, 10, 10, 10, 10, 10);
    const acc = Float64Array.of(70, 80, 85, 95, 60, 60, 60, 60, 60, 60);
    const fast = Float64Array.from(center, (v, i) => (i === 3 ? 1.5 : v));
    const slow = Float64Array.from(center, (v, i) => (i === 3 ? 50 : v));
    const s = expectedRegretSet(center, [fast, slow], acc, 4, { percentiles: [0.2, 0.4] });
    expect(s.rows).toContain(3);
    // with row 3 slow in every scenario it adds nothing within the budgets: it is not picked before the rows that do
    const never = expectedRegretSet(center, [slow, slow], acc, 2, { percentiles: [0.2, 0.4] });
    expect(never.rows).not.toContain(3);
  });
  it("uses known latencies in every scenario, keeps included rows, holds the budget, and mutates nothing", () => {
    const { lat, acc } = cloud(300, 5);
    const best = [...acc.keys()].reduce((a, b) => ((acc[b] as number) > (acc[a] as number) ? b : a));
    const fastBest = Float64Array.from(lat, (v, i) => (i === best ? 5 : v));
    const copy = Float64Array.from(fastBest);
    const a = expectedRegretSet(fastBest, [fastBest], acc, 5, {});
    expect(a.rows[0]).toBe(best);
    const b = expectedRegretSet(fastBest, [fastBest], acc, 5, { known: new Map([[best, 1e6]]), include: [7, 9] });
    expect(b.rows).not.toContain(best);
    expect(b.rows.slice(0, 2)).toEqual([7, 9]);
    expect(b.rows.length).toBe(5);
    expect(fastBest).toEqual(copy);
  });
  it("rejects bad input with what is valid", () => {
    const { lat, acc } = cloud(50, 6);
    expect(() => expectedRegretSet(lat, [], acc, 5)).toThrowError(InvalidArgumentError);
    expect(() => expectedRegretSet(lat, [lat.slice(1)], acc, 5)).toThrowError(/scenario 0 has 49 latencies for 50 rows/);
    expect(() => expectedRegretSet(lat, [lat], acc.slice(1), 5)).toThrowError(/must be paired/);
    expect(() => expectedRegretSet(lat, [lat], acc, 0)).toThrowError(/positive integer/);
    expect(() => expectedRegretSet(lat, [lat], acc, 5, { percentiles: [0, 0.5] })).toThrowError(/each in \(0, 1\)/);
    expect(() => expectedRegretSet(lat, [lat], acc, 5, { include: [50] })).toThrowError(/included row 50 is not in 0..49/);
  });
});
