import { describe, expect, it } from "vitest";
import { blockRidge } from "../../src/predict/block-ridge.js";
import { ridgeFit } from "../../src/predict/ridge.js";
import { seededRng } from "../../src/random.js";
import { randomMatrix, randomProblem, referenceLoo, referenceRidge } from "../helpers/mathjs-reference.js";


describe("blockRidge (dual form)", () => {
  it("picks the penalties whose exact leave-one-out MSE is smallest, matching brute-force refits", () => {
    const x = randomMatrix(10, 8, 3);
    const rng = seededRng(4);
    const y = Array.from({ length: 10 }, (_, i) => (x.data[i * 8] as number) * 4 + (x.data[i * 8 + 5] as number) + 0.1 * (rng.next() - 0.5));
    const grid = [0.01, 1, 100];
    const fit = blockRidge(x, [4, 4], y, grid);
    let bestMse = Number.POSITIVE_INFINITY;
    let bestPen: number[] = [];
    for (const a of grid) for (const b of grid) {
      const pen = [a, a, a, a, b, b, b, b];
      const { looResiduals } = ridgeFit(x, y, pen, { loo: true });
      const mse = Array.from(looResiduals as Float64Array).reduce((s, e) => s + e * e, 0) / 10;
      if (mse < bestMse - 1e-12) {
        bestMse = mse;
        bestPen = [a, b];
      }
    }
    expect(fit.penalties).toEqual(bestPen);
    expect(fit.looMse).toBeCloseTo(bestMse, 9);
    const primal = ridgeFit(x, y, [...Array(4).fill(bestPen[0]), ...Array(4).fill(bestPen[1])]).model;
    expect(fit.intercept).toBeCloseTo(primal.intercept, 9);
    fit.weights.forEach((w, j) => expect(w).toBeCloseTo(primal.weights[j] as number, 9));
  });
  it("takes one grid per block, and chooses each block's penalty from its own grid", () => {
    const x = randomMatrix(12, 6, 7);
    const y = Array.from({ length: 12 }, (_, i) => (x.data[i * 6] as number) * 3 - (x.data[i * 6 + 4] as number));
    const shared = blockRidge(x, [3, 3], y, [0.01, 1, 100]);
    const same = blockRidge(x, [3, 3], y, [[0.01, 1, 100], [0.01, 1, 100]]);
    expect(same).toEqual(shared);
    const narrow = blockRidge(x, [3, 3], y, [[100], [0.01, 1]]);
    expect(narrow.penalties[0]).toBe(100);
    expect([0.01, 1]).toContain(narrow.penalties[1]);
    const best = [0.01, 1].map((b) => blockRidge(x, [3, 3], y, [[100], [b]])).sort((a, b) => a.looMse - b.looMse)[0];
    expect(narrow.looMse).toBe(best?.looMse);
    expect(() => blockRidge(x, [3, 3], y, [[1], [1], [1]])).toThrowError(/3 grids for 2 blocks/);
    expect(() => blockRidge(x, [3, 3], y, [[1], []])).toThrowError(/non-empty/);
  });
  it("rejects bad input", () => {
    const x = randomMatrix(2, 2, 5);
    expect(() => blockRidge(x, [2], [1, 2], [1])).toThrowError(/at least 3 samples/);
    expect(() => blockRidge(randomMatrix(4, 3, 6), [2], [1, 2, 3, 4], [1])).toThrowError(/blocks cover 2 columns, the samples have 3/);
  });
});


describe.each(["dual", "primal", "auto"] as const)("blockRidge (%s form) against mathjs", (form) => {
  it.each([
    ["fewer samples than columns", 6],
    ["more samples than columns", 16],
  ])("with %s, fits mathjs's primal solution at each grid point with one penalty per block, and picks the point of least refitted leave-one-out error", (_, baseK) => {
    for (let seed = 0; seed < 10; seed++) {
      const blocks = [2, 3, 1 + (seed % 3)];
      const p = blocks.reduce((a, b) => a + b, 0);
      const { x, y } = randomProblem(200 + seed, (baseK as number) + seed, p);
      const grid = [0.1, 1, 10];
      const fit = blockRidge(x, blocks, y, grid, form);
      const perColumn = (pens: readonly number[]) => blocks.flatMap((size, b) => Array.from({ length: size }, () => pens[b] as number));
      // the fit at the chosen penalties is the primal ridge solution
      const ref = referenceRidge(x, y, perColumn(fit.penalties));
      expect(fit.intercept).toBeCloseTo(ref.intercept, 8);
      for (let j = 0; j < p; j++) expect(fit.weights[j] as number).toBeCloseTo(ref.weights[j] as number, 8);
      const loo = referenceLoo(x, y, perColumn(fit.penalties));
      for (let i = 0; i < x.rows; i++) expect(fit.looResiduals[i] as number).toBeCloseTo(loo[i] as number, 7);
      // and no grid point has a lower refitted leave-one-out error
      let best = Number.POSITIVE_INFINITY;
      for (const a of grid) for (const b of grid) for (const c of grid) best = Math.min(best, referenceLoo(x, y, perColumn([a, b, c])).reduce((s, r) => s + r * r, 0) / x.rows);
      expect(fit.looMse).toBeLessThanOrEqual(best + 1e-9);
    }
  });
});

describe("blockRidge forms", () => {
  it("gives the same penalties, model and leave-one-out residuals in the dual and primal forms", () => {
    for (const [k, p] of [[12, 30], [80, 9], [25, 25]] as const) {
      const { x, y } = randomProblem(300 + k, k, p);
      const blocks = [Math.floor(p / 3), Math.floor(p / 3), p - 2 * Math.floor(p / 3)];
      const grid = [0.01, 0.1, 1, 10, 100];
      const dual = blockRidge(x, blocks, y, grid, "dual");
      const primal = blockRidge(x, blocks, y, grid, "primal");
      expect(primal.penalties).toEqual(dual.penalties);
      expect(primal.intercept).toBeCloseTo(dual.intercept, 9);
      expect(primal.looMse).toBeCloseTo(dual.looMse, 9);
      primal.weights.forEach((w, j) => expect(w).toBeCloseTo(dual.weights[j] as number, 9));
      primal.looResiduals.forEach((r, i) => expect(r).toBeCloseTo(dual.looResiduals[i] as number, 9));
    }
  });
});
