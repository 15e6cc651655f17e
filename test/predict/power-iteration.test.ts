import { describe, expect, it } from "vitest";
import { powerIteration } from "../../src/predict/power-iteration.js";

describe("powerIteration", () => {
  const apply = (a: readonly (readonly number[])[]) => (v: Float64Array) => Float64Array.from(a, (row) => row.reduce((s, x, j) => s + x * (v[j] as number), 0));
  it("finds the dominant eigenpair of a symmetric matrix", () => {
    // eigenvalues 3 and 1, dominant eigenvector (1, 1) / sqrt 2
    const r = powerIteration(apply([[2, 1], [1, 2]]), 2, 60);
    expect(r.value).toBeCloseTo(3, 10);
    expect(r.vector[0]).toBeCloseTo(Math.SQRT1_2, 10);
    expect(r.vector[1]).toBeCloseTo(Math.SQRT1_2, 10);
  });
  it("is deterministic and returns a unit vector; a zero operator gives value 0, not NaN", () => {
    const a = [[4, 1, 0], [1, 3, 1], [0, 1, 2]];
    const r = powerIteration(apply(a), 3, 200);
    expect(powerIteration(apply(a), 3, 200)).toEqual(r);
    expect(Math.hypot(...r.vector)).toBeCloseTo(1, 12);
    const z = powerIteration(() => new Float64Array(2), 2, 5);
    expect(z.value).toBe(0);
    expect(Array.from(z.vector)).toEqual([0, 0]);
  });
});
