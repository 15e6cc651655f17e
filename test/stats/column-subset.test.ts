import { describe, expect, it } from "vitest";
import { greedyColumnSubset } from "../../src/stats/column-subset.js";

// three vectors in R^2: (1, 0), (0, 1), (1, 1); Gram [[2, 1], [1, 2]], total 4
const X = Float64Array.of(1, 0, 0, 1, 1, 1);

describe("greedyColumnSubset", () => {
  it("picks the vector that keeps the most first, then the best residual, ties to the lower index", () => {
    const s = greedyColumnSubset(X, 2, 2);
    expect(s.picks).toEqual([2, 0]);
    expect(s.kept[0]).toBeCloseTo(3 / 4, 12);
    expect(s.kept[1]).toBeCloseTo(1, 12);
  });
  it("starts a new round once the span is exhausted", () => {
    const s = greedyColumnSubset(X, 2, 3);
    expect(s.picks).toEqual([2, 0, 1]);
    expect(s.kept[2]).toBeCloseTo(2 / 4, 12);
  });
  it("picks at most one vector per group, and says when no allowed vector is left", () => {
    expect(greedyColumnSubset(X, 2, 2, { group: [0, 0, 1] }).picks).toEqual([2, 0]);
    expect(() => greedyColumnSubset(X, 2, 3, { group: [0, 0, 1] })).toThrowError(/after 2 of 3 picks no remaining vector adds information/);
    expect(() => greedyColumnSubset(new Float64Array(4), 2, 1)).toThrowError(/all zero/);
  });
});
