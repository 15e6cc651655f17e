import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../src/errors.js";
import { cloud } from "../helpers/cloud.js";
import { frontProbabilitySet, logNormalCdf } from "../../src/stats/front-probability.js";
import { paretoFront } from "../../src/stats/pareto.js";

describe("logNormalCdf", () => {
  it("matches the normal CDF, in the far left tail as well", () => {
    expect(logNormalCdf(0)).toBeCloseTo(Math.log(0.5), 6);
    expect(Math.exp(logNormalCdf(-1))).toBeCloseTo(0.158655, 6);
    expect(Math.exp(logNormalCdf(1.96))).toBeCloseTo(0.975002, 6);
    // log Φ(-6) = log(9.8659e-10) = -20.7368; log Φ(-20) = -203.917 (reference values from scipy.stats.norm.logcdf)
    expect(logNormalCdf(-6)).toBeCloseTo(-20.7368, 3);
    expect(logNormalCdf(-20)).toBeCloseTo(-203.917, 2);
    expect(logNormalCdf(8)).toBeCloseTo(-6.2e-16, 10);
  });
});

describe("frontProbabilitySet", () => {
  it("with a tiny sigma, the most likely rows are the Pareto front itself", () => {
    const { lat, acc } = cloud(400, 1);
    const front = paretoFront(lat, acc);
    const set = frontProbabilitySet(lat, acc, front.length, { sigma: 1e-6 });
    expect([...set.rows].sort((a, b) => a - b)).toEqual([...front].sort((a, b) => a - b));
    for (const r of front) expect(set.logProbability[r]).toBeCloseTo(0, 6);
  });
  it("fills the budget nearest-to-the-front first once the likely rows run out", () => {
    const { lat, acc } = cloud(400, 3);
    const front = paretoFront(lat, acc);
    const s = frontProbabilitySet(lat, acc, 60, { sigma: 1e-6 });
    expect(s.rows.length).toBe(60);
    expect(s.rows.slice(0, front.length).sort((a, b) => a - b)).toEqual([...front].sort((a, b) => a - b));
    // the rows after the front are the second rows of a band: each is dominated, by no more than the last one
    const margin = (r: number) => {
      let best = Number.POSITIVE_INFINITY;
      for (let o = 0; o < 400; o++) if ((acc[o] as number) > (acc[r] as number)) best = Math.min(best, Math.log(lat[o] as number));
      return Math.log(lat[r] as number) - best;
    };
    const rest = s.rows.slice(front.length).map(margin);
    for (let i = 1; i < rest.length; i++) expect(rest[i] as number).toBeGreaterThanOrEqual(rest[i - 1] as number);
  });
  it("keeps the included rows, holds the budget, and does not depend on row order", () => {
    const { lat, acc } = cloud(300, 2);
    const include = [3, 17, 250];
    const a = frontProbabilitySet(lat, acc, 40, { include, sigma: 0.05 });
    expect(a.rows.length).toBe(40);
    for (const r of include) expect(a.rows).toContain(r);
    const perm = [...Array(300).keys()].reverse();
    const b = frontProbabilitySet(perm.map((r) => lat[r] as number), perm.map((r) => acc[r] as number), 40, { include: include.map((r) => 299 - r), sigma: 0.05 });
    expect(b.rows.map((r) => 299 - r).sort((x, y) => x - y)).toEqual([...a.rows].sort((x, y) => x - y));
    // inputs untouched
    expect(lat[0]).toBe(cloud(300, 2).lat[0]);
  });
  it("a row alone in its latency range outranks a row just behind a slightly better, slightly faster one", () => {
    const lat = Float64Array.of(10, 10.1, 5, 20);
    const acc = Float64Array.of(90, 89.9, 80, 91);
    const s = frontProbabilitySet(lat, acc, 4, { sigma: 0.05 });
    // row 1 is on the predicted front only if its error beats row 0's: about a coin toss; row 2 has no faster better row
    expect(s.logProbability[2]).toBeCloseTo(0, 6);
    expect(Math.exp(s.logProbability[1] as number)).toBeGreaterThan(0.3);
    expect(Math.exp(s.logProbability[1] as number)).toBeLessThan(0.5);
    expect(s.rows.indexOf(2)).toBeLessThan(s.rows.indexOf(1));
    // with a budget of 3, the near-duplicate is the one left out
    expect(frontProbabilitySet(lat, acc, 3, { sigma: 0.05 }).rows.sort()).toEqual([0, 2, 3]);
  });
  it("rows with a NaN accuracy or a latency <= 0 are not candidates; equal accuracies do not compete", () => {
    const lat = Float64Array.of(10, 5, -1, 12);
    const acc = Float64Array.of(90, Number.NaN, 95, 90);
    const s = frontProbabilitySet(lat, acc, 4, { sigma: 0.01 });
    expect(s.rows.sort()).toEqual([0, 3]);
    expect(s.logProbability[1]).toBeNaN();
    expect(s.logProbability[2]).toBeNaN();
    expect(s.logProbability[3]).toBe(0);
  });
  it("bad input: typed errors", () => {
    const l = Float64Array.of(1, 2);
    expect(() => frontProbabilitySet(l, Float64Array.of(1), 1)).toThrow(InvalidArgumentError);
    expect(() => frontProbabilitySet(l, l, 0)).toThrow(/maxRows/);
    expect(() => frontProbabilitySet(l, l, 1, { sigma: 0 })).toThrow(/sigma/);
    expect(() => frontProbabilitySet(l, l, 1, { sigma: Number.NaN })).toThrow(/sigma/);
    expect(() => frontProbabilitySet(l, l, 1, { include: [2] })).toThrow(/row 2/);
  });
});
