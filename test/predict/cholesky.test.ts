import { describe, expect, it } from "vitest";
import { cholesky, choleskySolve, lowerInverse } from "../../src/predict/cholesky.js";
import { randomProblem, referenceSolve } from "../helpers/mathjs-reference.js";

describe("cholesky", () => {
  const a = new Float64Array([4, 2, 0.6, 2, 5, 1, 0.6, 1, 3]);
  it("factors, solves and inverts", () => {
    const l = cholesky(a, 3, "t");
    const x = choleskySolve(l, 3, [1, 2, 3]);
    for (let i = 0; i < 3; i++) expect((a[i * 3] as number) * (x[0] as number) + (a[i * 3 + 1] as number) * (x[1] as number) + (a[i * 3 + 2] as number) * (x[2] as number)).toBeCloseTo(i + 1, 12);
    const li = lowerInverse(l, 3);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
      let s = 0;
      for (let q = 0; q < 3; q++) s += (li[i * 3 + q] as number) * (l[q * 3 + j] as number);
      expect(s).toBeCloseTo(i === j ? 1 : 0, 12);
    }
  });
  it("writes into given buffers, reused over systems, the same numbers as fresh ones, reading A's lower triangle only", () => {
    const l = new Float64Array(9);
    const li = new Float64Array(9);
    for (const m of [a, new Float64Array([9, 1, 2, 1, 8, 1, 2, 1, 7])]) {
      const upperGarbage = Float64Array.from(m, (v, e) => (e % 3 > Math.floor(e / 3) ? Number.NaN : v));
      expect(cholesky(upperGarbage, 3, "t", l)).toBe(l);
      expect(Array.from(l)).toEqual(Array.from(cholesky(m, 3, "t")));
      expect(lowerInverse(l, 3, li)).toBe(li);
      expect(Array.from(li)).toEqual(Array.from(lowerInverse(cholesky(m, 3, "t"), 3)));
    }
  });
  it("names the caller when the matrix is not positive definite", () => {
    expect(() => cholesky(new Float64Array([1, 2, 2, 1]), 2, "ridgeFit")).toThrowError(/ridgeFit: the system is not positive definite/);
  });
});

describe("cholesky against mathjs", () => {
  it("solves 20 random positive definite systems as mathjs's LU solve does, to 1e-9", () => {
    for (let seed = 0; seed < 20; seed++) {
      const n = 3 + (seed % 6);
      const { x } = randomProblem(seed, n + 4, n);
      // A = X'X + I is positive definite
      const a = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
        let s = i === j ? 1 : 0;
        for (let r = 0; r < x.rows; r++) s += (x.data[r * n + i] as number) * (x.data[r * n + j] as number);
        a[i * n + j] = s;
      }
      const b = Array.from({ length: n }, (_, i) => i - n / 2);
      const ours = choleskySolve(cholesky(a, n, "t"), n, b);
      const ref = referenceSolve(a, n, b);
      for (let i = 0; i < n; i++) expect(ours[i] as number).toBeCloseTo(ref[i] as number, 9);
    }
  });
});
