/**
 * Cholesky factorisation of small symmetric positive-definite matrices
 * (row-major), and what the ridge solvers need from it.
 */
import { InvalidArgumentError } from "../errors.js";

/**
 * The lower factor L with L L' = A. Reads only the lower triangle of A.
 *
 * @param where - named in the error when A is not positive definite
 * @param out - n x n buffer to write L into (its upper triangle is left as it is), e.g. one reused over many solves
 * @throws {InvalidArgumentError} for a non-positive pivot
 */
export function cholesky(a: Float64Array, n: number, where: string, out?: Float64Array): Float64Array {
  const l = out ?? new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j] as number;
      for (let q = 0; q < j; q++) s -= (l[i * n + q] as number) * (l[j * n + q] as number);
      if (i === j) {
        if (!(s > 0)) throw new InvalidArgumentError(`${where}: the system is not positive definite (pivot ${s} at column ${i}); give every non-intercept column a positive penalty`);
        l[i * n + i] = Math.sqrt(s);
      } else l[i * n + j] = s / (l[j * n + j] as number);
    }
  }
  return l;
}

/** Solves L L' x = b for x. */
export function choleskySolve(l: Float64Array, n: number, b: ArrayLike<number>): Float64Array {
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i] as number;
    for (let q = 0; q < i; q++) s -= (l[i * n + q] as number) * (y[q] as number);
    y[i] = s / (l[i * n + i] as number);
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i] as number;
    for (let q = i + 1; q < n; q++) s -= (l[q * n + i] as number) * (x[q] as number);
    x[i] = s / (l[i * n + i] as number);
  }
  return x;
}

/**
 * The inverse of a lower-triangular matrix (lower, row-major).
 *
 * @param out - n x n buffer to write the inverse into (its upper triangle is left as it is)
 */
export function lowerInverse(l: Float64Array, n: number, out?: Float64Array): Float64Array {
  const inv = out ?? new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    inv[j * n + j] = 1 / (l[j * n + j] as number);
    for (let i = j + 1; i < n; i++) {
      let s = 0;
      for (let q = j; q < i; q++) s -= (l[i * n + q] as number) * (inv[q * n + j] as number);
      inv[i * n + j] = s / (l[i * n + i] as number);
    }
  }
  return inv;
}
