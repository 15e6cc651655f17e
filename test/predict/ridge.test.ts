import { describe, expect, it } from "vitest";
import { ridgeFit, ridgePredict, takeRows, type Matrix } from "../../src/predict/ridge.js";
import { seededRng } from "../../src/random.js";
import { randomMatrix, randomProblem, referenceLoo, referenceRidge } from "../helpers/mathjs-reference.js";


describe("ridgeFit", () => {
  it("recovers an exact linear relation and its leave-one-out residuals equal refitting without each row", () => {
    const x = randomMatrix(12, 3, 1);
    const y = Array.from({ length: 12 }, (_, i) => 2 + 3 * (x.data[i * 3] as number) - (x.data[i * 3 + 2] as number) + 0.01 * Math.sin(i));
    const pen = [0.5, 0.5, 0.5];
    const { model, looResiduals } = ridgeFit(x, y, pen, { loo: true });
    for (let i = 0; i < 12; i++) {
      const keep = Array.from({ length: 12 }, (_, r) => r).filter((r) => r !== i);
      const m = ridgeFit(takeRows(x, keep), keep.map((r) => y[r] as number), pen).model;
      const pred = ridgePredict(m, takeRows(x, [i]))[0] as number;
      expect(looResiduals?.[i]).toBeCloseTo((y[i] as number) - pred, 9);
    }
    expect(ridgeFit(x, y, [1e-9, 1e-9, 1e-9]).model.weights[0]).toBeCloseTo(3, 1);
    expect(model.weights).toHaveLength(3);
  });
  it("stays well-conditioned on a rank-deficient one-hot encoding", () => {
    // two one-hot blocks that each sum to the intercept
    const rows = [[1, 0, 1, 0], [0, 1, 1, 0], [1, 0, 0, 1], [0, 1, 0, 1], [1, 0, 1, 0]];
    const x = { rows: 5, cols: 4, data: Float64Array.from(rows.flat()) };
    const { model } = ridgeFit(x, [3, 4, 5, 6, 3], [1e-6, 1e-6, 1e-6, 1e-6]);
    expect(Math.max(...Array.from(model.weights, Math.abs))).toBeLessThan(10);
    expect(ridgePredict(model, x)[1]).toBeCloseTo(4, 4);
  });
  it("rejects mismatched sizes and negative penalties", () => {
    const x = randomMatrix(4, 2, 2);
    expect(() => ridgeFit(x, [1, 2, 3], [1, 1])).toThrowError(/4 rows but 3 targets/);
    expect(() => ridgeFit(x, [1, 2, 3, 4], [1, -1])).toThrowError(/penalty -1 of column 1 must be >= 0/);
  });
});

describe("ridgePredict", () => {
  it("walks a mostly-zero design by its nonzeros and gets the dense loop's sums to the bit", () => {
    const rng = seededRng(11);
    const rows = 600;
    const cols = 40;
    const data = new Float64Array(rows * cols);
    // one dense column, then one-hot-like columns (about 1 in 8 set)
    for (let i = 0; i < rows; i++) {
      data[i * cols] = rng.next() * 4 - 2;
      for (let j = 1; j < cols; j++) if (rng.next() < 0.125) data[i * cols + j] = 1;
    }
    const x: Matrix = { rows, cols, data };
    const weights = Float64Array.from({ length: cols }, () => rng.next() * 200 - 100);
    const model = { intercept: 0.3, weights };
    const dense = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      let s = model.intercept;
      for (let j = 0; j < cols; j++) s += (weights[j] as number) * (data[i * cols + j] as number);
      dense[i] = s;
    }
    expect(ridgePredict(model, x)).toEqual(dense);
    // a second model on the same matrix (nonzeros found once) and a dense matrix
    const w2 = weights.map((v) => -v / 3);
    const d2 = Float64Array.from({ length: rows }, (_, i) => {
      let s = 1;
      for (let j = 0; j < cols; j++) s += (w2[j] as number) * (data[i * cols + j] as number);
      return s;
    });
    expect(ridgePredict({ intercept: 1, weights: w2 }, x)).toEqual(d2);
    const full: Matrix = { rows, cols, data: data.map((v) => v + 1) };
    expect(ridgePredict(model, full)[5]).toBeCloseTo(full.data.subarray(5 * cols, 6 * cols).reduce((s, v, j) => s + v * (weights[j] as number), 0.3), 9);
  });
});

describe("ridgeFit against mathjs", () => {
  it("gives mathjs's solution of the normal equations and its refitted leave-one-out residuals on 20 random problems", () => {
    for (let seed = 0; seed < 20; seed++) {
      const { x, y } = randomProblem(100 + seed, 8 + seed, 1 + (seed % 5));
      const penalty = Array.from({ length: x.cols }, (_, j) => 0.01 * 10 ** (j % 4));
      const { model, looResiduals } = ridgeFit(x, y, penalty, { loo: true });
      const ref = referenceRidge(x, y, penalty);
      expect(model.intercept).toBeCloseTo(ref.intercept, 9);
      for (let j = 0; j < x.cols; j++) expect(model.weights[j] as number).toBeCloseTo(ref.weights[j] as number, 9);
      const loo = referenceLoo(x, y, penalty);
      for (let i = 0; i < x.rows; i++) expect((looResiduals as Float64Array)[i] as number).toBeCloseTo(loo[i] as number, 8);
    }
  });
});
