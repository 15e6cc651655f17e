/**
 * Ridge regression whose columns come in blocks, one penalty per block, the
 * penalties chosen on a grid by exact leave-one-out error. Solved in the dual
 * (kernel) form, which costs K x K work per grid point instead of p x p: with
 * few samples and many columns (K = 10..70, p ~ 80) the whole grid takes
 * milliseconds.
 *
 * Primal: minimise Σ (y_i - c - x_i.w)^2 + Σ_b λ_b ||w_b||^2, c unpenalised.
 * Dual: with G = Σ_b X_b X_b' / λ_b, the residuals α and c solve
 * [[G + I, 1], [1', 0]] [α; c] = [y; 0], w_b = X_b' α / λ_b; and the exact
 * leave-one-out residual of sample i is α_i / (M^-1)_ii (the LS-SVM identity,
 * Cawley & Talbot 2004).
 */
import { InvalidArgumentError } from "../errors.js";
import type { Matrix } from "./ridge.js";

/** Inverse of a small square matrix by Gauss-Jordan elimination with partial pivoting. */
function invert(a: Float64Array, n: number): Float64Array {
  const m = a.slice();
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inv[i * n + i] = 1;
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r * n + col] as number) > Math.abs(m[piv * n + col] as number)) piv = r;
    const pv = m[piv * n + col] as number;
    if (Math.abs(pv) < 1e-300) throw new InvalidArgumentError("blockRidge: singular system");
    if (piv !== col) {
      for (let j = 0; j < n; j++) {
        [m[col * n + j], m[piv * n + j]] = [m[piv * n + j] as number, m[col * n + j] as number];
        [inv[col * n + j], inv[piv * n + j]] = [inv[piv * n + j] as number, inv[col * n + j] as number];
      }
    }
    for (let j = 0; j < n; j++) {
      m[col * n + j] = (m[col * n + j] as number) / pv;
      inv[col * n + j] = (inv[col * n + j] as number) / pv;
    }
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r * n + col] as number;
      if (f === 0) continue;
      for (let j = 0; j < n; j++) {
        m[r * n + j] = (m[r * n + j] as number) - f * (m[col * n + j] as number);
        inv[r * n + j] = (inv[r * n + j] as number) - f * (inv[col * n + j] as number);
      }
    }
  }
  return inv;
}

/** A fitted block-ridge model. */
export interface BlockRidgeFit {
  /** The chosen penalty of each block. */
  readonly penalties: readonly number[];
  /** Leave-one-out mean squared error at the chosen penalties. */
  readonly looMse: number;
  readonly intercept: number;
  readonly weights: Float64Array;
}

/**
 * Fits block ridge on K samples, choosing one penalty per block from `grid`
 * by exact leave-one-out MSE (ties: the first in grid order, i.e. the smaller
 * penalty of the earlier block).
 *
 * @param x - K x p samples
 * @param blocks - sizes of consecutive column blocks (sum = p)
 * @throws {InvalidArgumentError} for mismatched sizes, fewer than 3 samples, or a non-positive grid value
 * @example
 * ```ts
 * const fit = blockRidge(samples, [18, 30, 30], y, [0.1, 1, 10]);
 * ```
 */
export function blockRidge(x: Matrix, blocks: readonly number[], y: ArrayLike<number>, grid: readonly number[]): BlockRidgeFit {
  const k = x.rows;
  const p = x.cols;
  if (blocks.reduce((a, b) => a + b, 0) !== p) throw new InvalidArgumentError(`blockRidge: blocks cover ${blocks.reduce((a, b) => a + b, 0)} columns, the samples have ${p}`);
  if (y.length !== k) throw new InvalidArgumentError(`blockRidge: ${k} samples but ${y.length} targets`);
  if (k < 3) throw new InvalidArgumentError(`blockRidge: needs at least 3 samples, got ${k}`);
  if (!grid.every((g) => g > 0)) throw new InvalidArgumentError("blockRidge: grid values must be > 0");
  // per-block Gram matrices
  const grams: Float64Array[] = [];
  let off = 0;
  for (const size of blocks) {
    const g = new Float64Array(k * k);
    for (let i = 0; i < k; i++) {
      for (let j = 0; j <= i; j++) {
        let s = 0;
        for (let c = off; c < off + size; c++) s += (x.data[i * p + c] as number) * (x.data[j * p + c] as number);
        g[i * k + j] = s;
        g[j * k + i] = s;
      }
    }
    grams.push(g);
    off += size;
  }
  const n = k + 1;
  const choice = new Array<number>(blocks.length).fill(0);
  const total = grid.length ** blocks.length;
  let best: { mse: number; penalties: number[]; alpha: Float64Array; c: number } | undefined;
  const mat = new Float64Array(n * n);
  for (let combo = 0; combo < total; combo++) {
    let rest = combo;
    for (let b = 0; b < blocks.length; b++) {
      choice[b] = grid[rest % grid.length] as number;
      rest = Math.floor(rest / grid.length);
    }
    mat.fill(0);
    for (let b = 0; b < blocks.length; b++) {
      const g = grams[b] as Float64Array;
      const inv = 1 / (choice[b] as number);
      for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) mat[i * n + j] = (mat[i * n + j] as number) + inv * (g[i * k + j] as number);
    }
    for (let i = 0; i < k; i++) {
      mat[i * n + i] = (mat[i * n + i] as number) + 1;
      mat[i * n + k] = 1;
      mat[k * n + i] = 1;
    }
    const minv = invert(mat, n);
    const alpha = new Float64Array(k);
    let c = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < k; j++) s += (minv[i * n + j] as number) * (y[j] as number);
      if (i < k) alpha[i] = s;
      else c = s;
    }
    let mse = 0;
    for (let i = 0; i < k; i++) mse += ((alpha[i] as number) / (minv[i * n + i] as number)) ** 2;
    mse /= k;
    if (!best || mse < best.mse - 1e-12) best = { mse, penalties: [...choice], alpha, c };
  }
  const b0 = best as { mse: number; penalties: number[]; alpha: Float64Array; c: number };
  const weights = new Float64Array(p);
  off = 0;
  blocks.forEach((size, b) => {
    const lam = b0.penalties[b] as number;
    for (let col = off; col < off + size; col++) {
      let s = 0;
      for (let i = 0; i < k; i++) s += (x.data[i * p + col] as number) * (b0.alpha[i] as number);
      weights[col] = s / lam;
    }
    off += size;
  });
  return { penalties: b0.penalties, looMse: b0.mse, intercept: b0.c, weights };
}
