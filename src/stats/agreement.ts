/**
 * Agreement of two devices beyond a correlation: do they pick the same
 * fastest architectures, and the same Pareto-optimal ones?
 */
import { InvalidArgumentError } from "../errors.js";
import { paretoFront } from "./pareto.js";

/**
 * Overlap of the k fastest rows on two devices: |top_k(a) ∩ top_k(b)| / k,
 * over rows valid on both. Ties at the k-th place are broken by row order.
 *
 * @throws {InvalidArgumentError} when k is not in 1..(rows valid on both)
 * @example
 * ```ts
 * topKAgreement(pixel3, fpga, 100); // 0.43
 * ```
 */
export function topKAgreement(a: ArrayLike<number>, b: ArrayLike<number>, k: number): number {
  if (a.length !== b.length) throw new InvalidArgumentError(`topKAgreement: ${a.length} and ${b.length} values; they must be paired`);
  const rows: number[] = [];
  for (let i = 0; i < a.length; i++) if (!Number.isNaN(a[i] as number) && !Number.isNaN(b[i] as number)) rows.push(i);
  if (!Number.isInteger(k) || k < 1 || k > rows.length) throw new InvalidArgumentError(`topKAgreement: k ${k} must be an integer in 1..${rows.length} (rows valid on both devices)`);
  const top = (v: ArrayLike<number>) => new Set([...rows].sort((x, y) => (v[x] as number) - (v[y] as number) || x - y).slice(0, k));
  const ta = top(a);
  let common = 0;
  for (const r of top(b)) if (ta.has(r)) common++;
  return common / k;
}

/**
 * Agreement of the Pareto fronts (latency vs accuracy) on two devices, over
 * rows valid on both: Jaccard index |F_a ∩ F_b| / |F_a ∪ F_b|, and the share
 * of b's front that a's front contains (recall of b's front by a's).
 *
 * @example
 * ```ts
 * paretoAgreement(proxyLatency, targetLatency, accuracy); // { jaccard: 0.4, recall: 0.55, ... }
 * ```
 */
export function paretoAgreement(a: ArrayLike<number>, b: ArrayLike<number>, accuracy: ArrayLike<number>): { jaccard: number; recall: number; frontA: number[]; frontB: number[] } {
  if (a.length !== b.length || a.length !== accuracy.length) throw new InvalidArgumentError(`paretoAgreement: columns of ${a.length}, ${b.length} and ${accuracy.length} values; they must be paired`);
  const mask = (v: ArrayLike<number>, other: ArrayLike<number>) => Float64Array.from({ length: v.length }, (_, i) => (Number.isNaN(other[i] as number) ? Number.NaN : (v[i] as number)));
  const frontA = paretoFront(mask(a, b), accuracy);
  const frontB = paretoFront(mask(b, a), accuracy);
  const sa = new Set(frontA);
  const common = frontB.filter((r) => sa.has(r)).length;
  const union = new Set([...frontA, ...frontB]).size;
  return { jaccard: union === 0 ? Number.NaN : common / union, recall: frontB.length === 0 ? Number.NaN : common / frontB.length, frontA, frontB };
}
