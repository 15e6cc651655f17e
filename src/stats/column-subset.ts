/**
 * Greedy column subset selection: from n vectors in R^p (here, architectures
 * described by their centred log latencies on p devices), pick the ones
 * whose span keeps the most of all n. Adding direction q (unit, orthogonal to
 * the picks so far) keeps q^T G q more, with G the p x p Gram matrix of all n
 * vectors, so each step costs p^2 per candidate. Once the span is exhausted
 * (at most p picks), a new round starts from the remaining vectors.
 */
import { InvalidArgumentError } from "../errors.js";

/** Picks (indices into the vectors) in order, and the share kept after each pick (restarting at each round). */
export interface ColumnSubset {
  readonly picks: readonly number[];
  readonly kept: readonly number[];
}

/**
 * Chooses `count` of the `n` vectors (`x[c * p + i]` is vector c's entry i)
 * greedily. With `group` (one group id per vector), at most one vector per
 * group is picked. Deterministic: ties go to the lower index.
 *
 * @throws {InvalidArgumentError} when the vectors carry no variation, or no vector adds any while picks are still needed
 * @example
 * ```ts
 * greedyColumnSubset(Float64Array.of(1, 0, 0, 1, 1, 1), 2, 2).picks; // [2, 0]
 * ```
 */
export function greedyColumnSubset(x: Float64Array, p: number, count: number, options: { group?: ArrayLike<number> } = {}): ColumnSubset {
  const n = x.length / p;
  const gram = new Float64Array(p * p);
  for (let c = 0; c < n; c++) for (let i = 0; i < p; i++) for (let j = 0; j <= i; j++) gram[i * p + j] = (gram[i * p + j] as number) + (x[c * p + i] as number) * (x[c * p + j] as number);
  for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) gram[j * p + i] = gram[i * p + j] as number;
  let total = 0;
  for (let i = 0; i < p; i++) total += gram[i * p + i] as number;
  if (!(total > 0)) throw new InvalidArgumentError("greedyColumnSubset: the vectors are all zero; no pick adds information");
  const taken = new Uint8Array(n);
  const usedGroup = new Set<number>();
  const picks: number[] = [];
  const kept: number[] = [];
  let basis: Float64Array[] = [];
  let keptNow = 0;
  const r = new Float64Array(p);
  while (picks.length < count) {
    let best = -1;
    let bestScore = 0;
    let bestNorm = 0;
    for (let c = 0; c < n; c++) {
      if (taken[c] || (options.group && usedGroup.has(options.group[c] as number))) continue;
      residual(x, c, p, basis, r);
      let norm = 0;
      for (let i = 0; i < p; i++) norm += (r[i] as number) ** 2;
      if (!(norm > 1e-12 * (total / n))) continue;
      let num = 0;
      for (let i = 0; i < p; i++) {
        let s = 0;
        for (let j = 0; j < p; j++) s += (gram[i * p + j] as number) * (r[j] as number);
        num += (r[i] as number) * s;
      }
      const score = num / norm;
      if (score > bestScore) {
        best = c;
        bestScore = score;
        bestNorm = norm;
      }
    }
    if (best < 0 || bestScore <= 1e-9 * total) {
      if (basis.length === 0) throw new InvalidArgumentError(`greedyColumnSubset: after ${picks.length} of ${count} picks no remaining vector adds information`);
      basis = [];
      keptNow = 0;
      continue;
    }
    residual(x, best, p, basis, r);
    basis.push(r.map((v) => v / Math.sqrt(bestNorm)));
    taken[best] = 1;
    if (options.group) usedGroup.add(options.group[best] as number);
    picks.push(best);
    keptNow += bestScore / total;
    kept.push(Math.min(1, keptNow));
  }
  return { picks, kept };
}

/** r = (I - Q Q^T) x_c for the orthonormal basis Q. */
function residual(x: Float64Array, c: number, p: number, basis: readonly Float64Array[], r: Float64Array): void {
  for (let i = 0; i < p; i++) r[i] = x[c * p + i] as number;
  for (const q of basis) {
    let d = 0;
    for (let i = 0; i < p; i++) d += (q[i] as number) * (r[i] as number);
    for (let i = 0; i < p; i++) r[i] = (r[i] as number) - d * (q[i] as number);
  }
}
