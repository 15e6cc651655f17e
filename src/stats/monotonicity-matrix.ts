/**
 * The monotonicity matrix: a rank (or linear) correlation for every pair of
 * devices of a table.
 *
 * Fast path (Spearman, Pearson): a device without missing values is ranked
 * once (Spearman) and standardised once; the correlation of two such devices is
 * then a dot product of their standardised vectors. Pairs involving a device
 * with missing values are computed on their common rows (re-ranked there), so
 * the result equals the pairwise computation. Kendall: complete devices are
 * dense-ranked once, then each pair costs two radix passes and a merge count.
 */
import type { LatencyTable } from "../data/latency-table.js";
import { InvalidArgumentError, InvalidDataError, oneOf } from "../errors.js";
import { correlate } from "./correlate.js";
import { CORRELATION_METHODS, type CorrelationMethod } from "./correlation.js";
import { denseRanks } from "./argsort.js";
import { kendallFromRanks, type RankedSample } from "./kendall.js";
import { averageRanks } from "./rank.js";

/** A device x device correlation matrix. */
export interface MonotonicityMatrix {
  readonly method: CorrelationMethod;
  readonly devices: readonly string[];
  /** matrix[i][j]: correlation of devices i and j over their common valid rows (1 on the diagonal). */
  readonly matrix: readonly (readonly number[])[];
  /** pairs[i][j]: number of rows used. */
  readonly pairs: readonly (readonly number[])[];
}

/** Options of {@link monotonicityMatrix}. */
export interface MonotonicityOptions {
  /** Devices, in order (default: all of the table's). At least 2. */
  readonly devices?: readonly string[];
  /** `spearman` (default), `kendall` or `pearson`. */
  readonly method?: CorrelationMethod;
}

/** Dot product; small, so the JIT optimises it across the many pairs. */
function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let r = 0; r < a.length; r++) s += (a[r] as number) * (b[r] as number);
  return s;
}

/**
 * The column centred and scaled to unit length (not unit variance: the dot
 * product of two such columns is their Pearson correlation); undefined for a
 * constant column, which has no correlation.
 */
function unitCentred(v: Float64Array): Float64Array | undefined {
  const n = v.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += v[i] as number;
  m /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((v[i] as number) - m) ** 2;
  if (ss === 0) return undefined;
  const s = Math.sqrt(ss);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = ((v[i] as number) - m) / s;
  return out;
}

/**
 * Computes the matrix.
 *
 * @throws {InvalidArgumentError} for fewer than 2 devices or an unknown method
 * @throws {NotFoundError} for a device not in the table, listing those it has
 * @throws {InvalidDataError} when two devices share no valid row
 * @example
 * ```ts
 * const m = monotonicityMatrix(await loadTable("oneproxy-nb201"));
 * m.matrix[m.devices.indexOf("true_vpu")][m.devices.indexOf("eagle_gtx")]; // 0.6905
 * ```
 */
export function monotonicityMatrix(table: LatencyTable, options: MonotonicityOptions = {}): MonotonicityMatrix {
  const method = oneOf("monotonicityMatrix: method", options.method ?? "spearman", CORRELATION_METHODS);
  const devices = [...(options.devices ?? table.deviceNames)];
  if (devices.length < 2) throw new InvalidArgumentError(`monotonicityMatrix: needs at least 2 devices, got ${devices.length} (${devices.join(", ") || "none"}); devices: ${table.deviceNames.join(", ")}`);
  if (new Set(devices).size !== devices.length) throw new InvalidArgumentError(`monotonicityMatrix: a device is named twice in ${devices.join(", ")}`);
  const cols = devices.map((d) => table.latencyView(d));
  const k = devices.length;
  const n = table.rows;
  const complete = cols.map((c) => !c.some((v) => Number.isNaN(v)));
  const z = cols.map((c, i) => (method !== "kendall" && complete[i] ? unitCentred(method === "spearman" ? averageRanks(c) : c) : undefined));
  const ranked: (RankedSample | undefined)[] = cols.map((c, i) => (method === "kendall" && complete[i] ? denseRanks(c) : undefined));
  const matrix = Array.from({ length: k }, () => new Array<number>(k).fill(Number.NaN));
  const pairs = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      let value: number;
      let used: number;
      const zi = z[i];
      const zj = z[j];
      if (i === j) {
        used = n - (cols[i] as Float64Array).filter((v) => Number.isNaN(v)).length;
        value = used >= 2 ? 1 : Number.NaN;
      } else if (ranked[i] && ranked[j]) {
        value = kendallFromRanks(ranked[i] as RankedSample, ranked[j] as RankedSample).value;
        used = n;
      } else if (zi && zj) {
        value = Math.max(-1, Math.min(1, dot(zi, zj)));
        used = n;
      } else {
        const c = correlate(cols[i] as Float64Array, cols[j] as Float64Array, method);
        value = c.value;
        used = c.pairs;
        if (used === 0) throw new InvalidDataError(`monotonicityMatrix: devices ${devices[i]} and ${devices[j]} of ${table.source} share no row where both have a latency`);
      }
      (matrix[i] as number[])[j] = value;
      (matrix[j] as number[])[i] = value;
      (pairs[i] as number[])[j] = used;
      (pairs[j] as number[])[i] = used;
    }
  }
  return { method, devices, matrix, pairs };
}

/**
 * The matrix with rows and columns in another order (a subset allowed).
 *
 * @throws {InvalidArgumentError} for a device not in the matrix
 *
 * @example
 * ```ts
 * const m = monotonicityMatrix(table);
 * reorderMatrix(m, clusterOrder(m));
 * ```
 */
export function reorderMatrix(m: MonotonicityMatrix, order: readonly string[]): MonotonicityMatrix {
  const idx = order.map((d) => {
    const i = m.devices.indexOf(d);
    if (i < 0) throw new InvalidArgumentError(`reorderMatrix: ${d} is not in the matrix; devices: ${m.devices.join(", ")}`);
    return i;
  });
  return {
    method: m.method,
    devices: [...order],
    matrix: idx.map((i) => idx.map((j) => (m.matrix[i] as number[])[j] as number)),
    pairs: idx.map((i) => idx.map((j) => (m.pairs[i] as number[])[j] as number)),
  };
}
