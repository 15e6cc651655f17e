import { describe, expect, it } from "vitest";
import { quantileSorted, quantiles } from "../../src/stats/quantile.js";

describe("quantiles", () => {
  it("interpolates like numpy's default (type 7)", () => {
    expect(quantiles([1, 2, 3, 4], [0, 0.25, 0.5, 0.75, 1])).toEqual([1, 1.75, 2.5, 3.25, 4]);
    expect(quantileSorted([10], 0.3)).toBe(10);
  });
  it("ignores NaN, gives NaN when nothing is left, and does not reorder its input", () => {
    const v = [3, Number.NaN, 1, 2];
    expect(quantiles(v, [0.5])).toEqual([2]);
    expect(v).toEqual([3, Number.NaN, 1, 2]);
    expect(quantiles([Number.NaN], [0.5])).toEqual([Number.NaN]);
    expect(() => quantileSorted([1], 1.5)).toThrowError(/p 1.5 is outside \[0, 1\]/);
  });
  it("does not depend on the order of the values", () => {
    const a = [5, 1, 4, 2, 3, 9, 7];
    expect(quantiles(a, [0.1, 0.5, 0.9])).toEqual(quantiles([...a].reverse(), [0.1, 0.5, 0.9]));
  });
});
