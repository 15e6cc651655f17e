/**
 * Non-dominated sorting for two objectives (minimise latency, maximise
 * accuracy), with the dominance rule of {@link paretoFront}: a dominates b when
 * a's latency <= b's and a's accuracy >= b's, with at least one strict. Equal
 * points share a layer. Rows with a NaN in either objective get layer -1.
 *
 * Kernel: rows sorted by (latency ascending, accuracy descending) are placed
 * one by one into the first layer whose last point does not dominate them
 * (binary search over layers; O(n log n)).
 */
import { InvalidArgumentError } from "../errors.js";

/**
 * The non-dominated layer (0 = the Pareto front) of every row.
 *
 * @returns an Int32Array of layer numbers, -1 for rows with a NaN objective
 * @throws {InvalidArgumentError} when the columns differ in length
 * @example
 * ```ts
 * nonDominatedLayers([1, 2, 3, 2], [50, 40, 60, 60]); // Int32Array [0, 1, 1, 0]
 * ```
 */
export function nonDominatedLayers(latency: ArrayLike<number>, accuracy: ArrayLike<number>): Int32Array {
  if (latency.length !== accuracy.length) throw new InvalidArgumentError(`nonDominatedLayers: ${latency.length} latencies and ${accuracy.length} accuracies; they must be paired`);
  const n = latency.length;
  const layer = new Int32Array(n).fill(-1);
  const rows: number[] = [];
  for (let i = 0; i < n; i++) if (!Number.isNaN(latency[i] as number) && !Number.isNaN(accuracy[i] as number)) rows.push(i);
  rows.sort((a, b) => (latency[a] as number) - (latency[b] as number) || (accuracy[b] as number) - (accuracy[a] as number) || a - b);
  // last point of every layer (the one with the highest accuracy so far)
  const lastLat: number[] = [];
  const lastAcc: number[] = [];
  const dominates = (k: number, lat: number, acc: number): boolean => {
    const la = lastLat[k] as number;
    const aa = lastAcc[k] as number;
    return aa > acc || (aa === acc && la < lat);
  };
  for (const r of rows) {
    const lat = latency[r] as number;
    const acc = accuracy[r] as number;
    // first layer whose last point does not dominate r (domination is monotone over layers)
    let lo = 0;
    let hi = lastLat.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (dominates(mid, lat, acc)) lo = mid + 1;
      else hi = mid;
    }
    layer[r] = lo;
    lastLat[lo] = lat;
    lastAcc[lo] = acc;
  }
  return layer;
}

/**
 * Rows grouped by non-dominated layer, first layers first, until `maxRows`
 * rows are taken: a layer is taken whole or not at all, except that the first
 * layer is always taken. Each layer is in increasing latency.
 *
 * @example
 * ```ts
 * paretoLayers(lat, acc, 60); // [[front rows], [second layer rows], ...]
 * ```
 */
export function paretoLayers(latency: ArrayLike<number>, accuracy: ArrayLike<number>, maxRows = Number.POSITIVE_INFINITY): number[][] {
  const layer = nonDominatedLayers(latency, accuracy);
  const groups: number[][] = [];
  for (let r = 0; r < layer.length; r++) {
    const l = layer[r] as number;
    if (l < 0) continue;
    while (groups.length <= l) groups.push([]);
    (groups[l] as number[]).push(r);
  }
  for (const g of groups) g.sort((a, b) => (latency[a] as number) - (latency[b] as number) || a - b);
  const out: number[][] = [];
  let taken = 0;
  for (const g of groups) {
    if (out.length > 0 && taken + g.length > maxRows) break;
    out.push(g);
    taken += g.length;
  }
  return out;
}
