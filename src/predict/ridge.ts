/**
 * Ridge regression on small dense problems (tens of columns), with exact
 * leave-one-out errors. The intercept is never penalised; each column has its
 * own penalty, so blocks of columns (proxy latencies, operator features) can be
 * shrunk by different amounts. Solved through a Cholesky factorisation of
 * X'X + D, which is positive definite whenever every non-intercept column has
 * a positive penalty: rank-deficient encodings (one-hot blocks that sum to the
 * intercept) stay well-conditioned.
 */
import { InvalidArgumentError } from "../errors.js";
import { cholesky, choleskySolve } from "./cholesky.js";

/** A dense row-major matrix. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** A fitted ridge model: `y ≈ intercept + x . weights`. */
export interface RidgeModel {
  readonly intercept: number;
  readonly weights: Float64Array;
}

/** The fit and, when asked, its leave-one-out residuals. */
export interface RidgeFit {
  readonly model: RidgeModel;
  /** Leave-one-out residuals y_i - ŷ_(-i), exact for ridge: (y_i - ŷ_i) / (1 - h_ii). */
  readonly looResiduals?: Float64Array;
}

/**
 * Fits ridge regression with an unpenalised intercept.
 *
 * @param penalty - one non-negative penalty per column of X
 * @param options.loo - also return exact leave-one-out residuals
 * @throws {InvalidArgumentError} for mismatched sizes, a negative penalty, or a singular system
 * @example
 * ```ts
 * const { model } = ridgeFit({ rows: 3, cols: 1, data: new Float64Array([1, 2, 3]) }, new Float64Array([2, 4, 6]), [1e-9]);
 * model.weights[0]; // ≈ 2
 * ```
 */
export function ridgeFit(x: Matrix, y: ArrayLike<number>, penalty: ArrayLike<number>, options: { loo?: boolean } = {}): RidgeFit {
  const n = x.rows;
  const p = x.cols + 1;
  if (y.length !== n) throw new InvalidArgumentError(`ridgeFit: ${n} rows but ${y.length} targets`);
  if (penalty.length !== x.cols) throw new InvalidArgumentError(`ridgeFit: ${x.cols} columns but ${penalty.length} penalties`);
  for (let j = 0; j < penalty.length; j++) if (!((penalty[j] as number) >= 0)) throw new InvalidArgumentError(`ridgeFit: penalty ${penalty[j]} of column ${j} must be >= 0`);
  // augmented design [1, x]
  const a = new Float64Array(p * p);
  const b = new Float64Array(p);
  const row = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    row[0] = 1;
    for (let j = 1; j < p; j++) row[j] = x.data[i * x.cols + j - 1] as number;
    const yi = y[i] as number;
    for (let j = 0; j < p; j++) {
      const rj = row[j] as number;
      if (rj === 0) continue;
      b[j] = (b[j] as number) + rj * yi;
      for (let k = 0; k <= j; k++) a[j * p + k] = (a[j * p + k] as number) + rj * (row[k] as number);
    }
  }
  for (let j = 0; j < p; j++) for (let k = j + 1; k < p; k++) a[j * p + k] = a[k * p + j] as number;
  for (let j = 1; j < p; j++) a[j * p + j] = (a[j * p + j] as number) + (penalty[j - 1] as number);
  const l = cholesky(a, p, "ridgeFit");
  const w = choleskySolve(l, p, b);
  const model = { intercept: w[0] as number, weights: w.slice(1) };
  if (!options.loo) return { model };
  const res = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    row[0] = 1;
    for (let j = 1; j < p; j++) row[j] = x.data[i * x.cols + j - 1] as number;
    const s = choleskySolve(l, p, row);
    let h = 0;
    let fit = 0;
    for (let j = 0; j < p; j++) {
      h += (row[j] as number) * (s[j] as number);
      fit += (row[j] as number) * (w[j] as number);
    }
    res[i] = ((y[i] as number) - fit) / Math.max(1 - h, 1e-12);
  }
  return { model, looResiduals: res };
}

/** Nonzero entries of a mostly-zero design, by row (column order kept), computed once per matrix. */
interface SparseRows {
  readonly start: Uint32Array;
  readonly col: Uint32Array;
  readonly value: Float64Array;
}
const sparseRows = new WeakMap<Matrix, SparseRows | null>();

/** The matrix's nonzeros by row, or null when more than half the entries are nonzero (then the dense loop is as fast). */
function sparseOf(x: Matrix): SparseRows | null {
  if (sparseRows.has(x)) return sparseRows.get(x) as SparseRows | null;
  let nnz = 0;
  for (let i = 0; i < x.data.length; i++) if (x.data[i] !== 0) nnz++;
  let out: SparseRows | null = null;
  if (nnz * 2 < x.data.length) {
    const start = new Uint32Array(x.rows + 1);
    const col = new Uint32Array(nnz);
    const value = new Float64Array(nnz);
    let k = 0;
    for (let i = 0; i < x.rows; i++) {
      start[i] = k;
      for (let j = 0; j < x.cols; j++) {
        const v = x.data[i * x.cols + j] as number;
        if (v !== 0) {
          col[k] = j;
          value[k++] = v;
        }
      }
    }
    start[x.rows] = k;
    out = { start, col, value };
  }
  sparseRows.set(x, out);
  return out;
}

/**
 * Predictions of a ridge model for every row of X. A design that is mostly
 * zeros (one-hot encodings) is walked by its nonzeros, in column order, so
 * the sums are the same to the bit as the dense loop's (adding a zero term
 * changes nothing); the nonzeros are found once per matrix. X must not be
 * changed after its first prediction.
 *
 * @example
 * ```ts
 * const { model } = ridgeFit(x, y, 1);
 * ridgePredict(model, x);
 * ```
 */
export function ridgePredict(model: RidgeModel, x: Matrix): Float64Array {
  if (model.weights.length !== x.cols) throw new InvalidArgumentError(`ridgePredict: model has ${model.weights.length} weights, matrix has ${x.cols} columns`);
  const out = new Float64Array(x.rows);
  const w = model.weights;
  const sp = x.rows >= 256 ? sparseOf(x) : null;
  if (sp) {
    for (let i = 0; i < x.rows; i++) {
      let s = model.intercept;
      for (let k = sp.start[i] as number; k < (sp.start[i + 1] as number); k++) s += (w[sp.col[k] as number] as number) * (sp.value[k] as number);
      out[i] = s;
    }
    return out;
  }
  for (let i = 0; i < x.rows; i++) {
    let s = model.intercept;
    for (let j = 0; j < x.cols; j++) s += (w[j] as number) * (x.data[i * x.cols + j] as number);
    out[i] = s;
  }
  return out;
}

/**
 * The rows of X at these indices, as a new matrix.
 *
 * @example
 * ```ts
 * takeRows(nb201FeatureMatrix(table.archs(), "onehot"), [0, 5, 9]).rows; // 3
 * ```
 */
export function takeRows(x: Matrix, rows: ArrayLike<number>): Matrix {
  const data = new Float64Array(rows.length * x.cols);
  for (let k = 0; k < rows.length; k++) data.set(x.data.subarray((rows[k] as number) * x.cols, ((rows[k] as number) + 1) * x.cols), k * x.cols);
  return { rows: rows.length, cols: x.cols, data };
}

/**
 * Columns side by side (each a Float64Array of equal length, or a Matrix).
 */
export function hstack(parts: readonly (Float64Array | Matrix)[]): Matrix {
  const mats = parts.map((p) => (p instanceof Float64Array ? { rows: p.length, cols: 1, data: p } : p));
  const n = mats[0]?.rows ?? 0;
  const cols = mats.reduce((s, m) => s + m.cols, 0);
  const data = new Float64Array(n * cols);
  let off = 0;
  for (const m of mats) {
    if (m.rows !== n) throw new InvalidArgumentError(`hstack: parts have ${n} and ${m.rows} rows`);
    for (let i = 0; i < n; i++) for (let j = 0; j < m.cols; j++) data[i * cols + off + j] = m.data[i * m.cols + j] as number;
    off += m.cols;
  }
  return { rows: n, cols, data };
}
