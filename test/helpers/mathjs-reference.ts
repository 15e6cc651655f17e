/**
 * Independent references from mathjs for the hand-written linear algebra:
 * dense solves of the same systems by LU decomposition.
 */
import { lusolve } from "mathjs";
import type { Matrix } from "../../src/predict/ridge.js";
import { seededRng } from "../../src/random.js";

/** Solves A x = b (A n x n, row-major) with mathjs. */
export function referenceSolve(a: ArrayLike<number>, n: number, b: ArrayLike<number>): number[] {
  const rows = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => a[i * n + j] as number));
  return (lusolve(rows, Array.from(b)) as number[][]).map((r) => r[0] as number);
}

/**
 * Ridge with an unpenalised intercept through its normal equations, solved
 * by mathjs: [n, 1'X; X'1, X'X + diag(penalty)] [c; w] = [1'y; X'y].
 */
export function referenceRidge(x: Matrix, y: ArrayLike<number>, penalty: ArrayLike<number>): { intercept: number; weights: number[] } {
  const p = x.cols + 1;
  const a = new Float64Array(p * p);
  const b = new Float64Array(p);
  for (let i = 0; i < x.rows; i++) {
    const row = [1, ...Array.from({ length: x.cols }, (_, j) => x.data[i * x.cols + j] as number)];
    for (let r = 0; r < p; r++) {
      b[r] = (b[r] as number) + (row[r] as number) * (y[i] as number);
      for (let c = 0; c < p; c++) a[r * p + c] = (a[r * p + c] as number) + (row[r] as number) * (row[c] as number);
    }
  }
  for (let j = 1; j < p; j++) a[j * p + j] = (a[j * p + j] as number) + (penalty[j - 1] as number);
  const s = referenceSolve(a, p, b);
  return { intercept: s[0] as number, weights: s.slice(1) };
}

/** Leave-one-out residuals by refitting without each row in turn (mathjs solves). */
export function referenceLoo(x: Matrix, y: ArrayLike<number>, penalty: ArrayLike<number>): number[] {
  return Array.from({ length: x.rows }, (_, i) => {
    const keep = [...Array(x.rows).keys()].filter((r) => r !== i);
    const xs: Matrix = { rows: keep.length, cols: x.cols, data: Float64Array.from(keep.flatMap((r) => Array.from(x.data.subarray(r * x.cols, (r + 1) * x.cols)))) };
    const m = referenceRidge(xs, keep.map((r) => y[r] as number), penalty);
    let pred = m.intercept;
    for (let j = 0; j < x.cols; j++) pred += (m.weights[j] as number) * (x.data[i * x.cols + j] as number);
    return (y[i] as number) - pred;
  });
}

/** A seeded random design and target (a linear signal plus noise). */
export function randomProblem(seed: number, rows: number, cols: number): { x: Matrix; y: Float64Array } {
  const rng = seededRng(seed);
  const x: Matrix = { rows, cols, data: Float64Array.from({ length: rows * cols }, () => rng.next() * 2 - 1) };
  const w = Array.from({ length: cols }, () => rng.next() * 4 - 2);
  const y = Float64Array.from({ length: rows }, (_, i) => 0.5 + w.reduce((s, wj, j) => s + wj * (x.data[i * cols + j] as number), 0) + 0.1 * (rng.next() - 0.5));
  return { x, y };
}

/** A seeded random matrix with entries in [-0.5, 0.5). */
export function randomMatrix(rows: number, cols: number, seed: number): Matrix {
  const rng = seededRng(seed);
  return { rows, cols, data: Float64Array.from({ length: rows * cols }, () => rng.next() - 0.5) };
}
