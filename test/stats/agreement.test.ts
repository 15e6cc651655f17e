import { describe, expect, it } from "vitest";
import { paretoAgreement, topKAgreement } from "../../src/stats/agreement.js";

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
});
